import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryApiPath, registryDetailSchema, registryListSchema, type RegistryRef } from '@ctp/contracts';
import { registryKeys } from '../../api/query-keys.ts';
import { useApi, type Api } from '../../api/use-api.ts';

export const registryListQuery = (api: Api) =>
  queryOptions({
    queryKey: registryKeys.list(),
    queryFn: ({ signal }) => api.get('/api/registries', registryListSchema, { signal }),
  });

export const registryQuery = (api: Api, ref: RegistryRef) =>
  queryOptions({
    queryKey: registryKeys.detail(ref),
    queryFn: ({ signal }) => api.get(registryApiPath(ref), registryDetailSchema, { signal }),
  });

/** Every registry the caller can see, across subscriptions. */
export function useRegistryList() {
  return useQuery(registryListQuery(useApi()));
}

/** One registry with the caller's capabilities on it; every blade reads it. */
export function useRegistry(ref: RegistryRef) {
  return useQuery(registryQuery(useApi(), ref));
}
