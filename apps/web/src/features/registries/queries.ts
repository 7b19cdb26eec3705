import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { registryApiPath, registryDetailSchema, registryListSchema, type RegistryRef } from '@ctp/contracts';
import { registryKeys } from '../../api/query-keys.ts';
import { useApi, type Api } from '../../api/use-api.ts';
import { registryRefOf } from './registry-ref.ts';

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

/**
 * Asks for the registry of the blade route being opened (its loader calls this as the route matches),
 * only when it is not cached: loaders run again on every navigation within the blade.
 */
export function prefetchRegistry(
  queryClient: QueryClient,
  api: Api,
  params: Record<string, string | undefined>,
): void {
  const ref = registryRefOf(params);
  if (ref) void queryClient.prefetchQuery({ ...registryQuery(api, ref), staleTime: Infinity });
}

/** Every registry the caller can see, across subscriptions. */
export function useRegistryList() {
  return useQuery(registryListQuery(useApi()));
}

/** One registry with the caller's capabilities on it; every blade reads it. Nothing is asked without a ref. */
export function useRegistry(ref: RegistryRef | undefined) {
  const api = useApi();
  return useQuery({ ...registryQuery(api, ref ?? NO_REGISTRY), enabled: ref !== undefined });
}

/** Stands in for a malformed link's registry, so the hook order stays fixed; never fetched (enabled: false). */
const NO_REGISTRY: RegistryRef = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'none',
  registryName: 'none0',
};
