import {
  experimental_streamedQuery as streamedQuery,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  registryApiPath,
  registryKeysSchema,
  repositorySummarySchema,
  scanEventSchema,
  tagEventSchema,
  trustDetailsSchema,
  type RegistryRef,
} from '@ctp/contracts';
import { registryKeys } from '../../api/query-keys.ts';
import { useApi, type Api } from '../../api/use-api.ts';
import { registryRefOf } from '../registries/registry-ref.ts';
import { ndjsonLines } from './ndjson.ts';
import {
  foldScan,
  foldTags,
  initialScan,
  initialTags,
  replaceRepository,
  type ScanState,
} from './scan-state.ts';

export const repositoryKeys = {
  all: (ref: RegistryRef) => [...registryKeys.detail(ref), 'repositories'] as const,
  scan: (ref: RegistryRef) => [...repositoryKeys.all(ref), 'scan'] as const,
  keys: (ref: RegistryRef) => [...repositoryKeys.all(ref), 'keys'] as const,
  tags: (ref: RegistryRef, repository: string) => [...repositoryKeys.all(ref), 'tags', repository] as const,
  trust: (ref: RegistryRef, repository: string) => [...repositoryKeys.all(ref), 'trust', repository] as const,
};

export const repositoriesPath = (ref: RegistryRef, tail: string) =>
  `${registryApiPath(ref)}/repositories/${tail}`;

/** The registry scan, streamed: the query's data grows as repositories complete; cancelling aborts the stream. */
export const scanQuery = (api: Api, ref: RegistryRef) =>
  queryOptions({
    queryKey: repositoryKeys.scan(ref),
    queryFn: streamedQuery({
      streamFn: async ({ signal }) =>
        ndjsonLines(await api.fetch(repositoriesPath(ref, 'scan'), { signal }), scanEventSchema),
      reducer: foldScan,
      initialValue: initialScan,
    }),
    staleTime: 60_000,
  });

export function useRegistryScan(ref: RegistryRef) {
  return useQuery(scanQuery(useApi(), ref));
}

/** Stops a running scan at once (the BFF stops its upstream work); what arrived so far stays. */
export function useCancelScan(ref: RegistryRef) {
  const client = useQueryClient();
  return () => client.cancelQueries({ queryKey: repositoryKeys.scan(ref) }, { revert: false });
}

/** Scans one repository again and puts the result into the scan. */
export function useRetryRepository(ref: RegistryRef) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (repository: string) =>
      api.get(
        repositoriesPath(ref, `summary?repository=${encodeURIComponent(repository)}`),
        repositorySummarySchema,
      ),
    onSuccess: (summary) =>
      client.setQueryData<ScanState>(repositoryKeys.scan(ref), (state) =>
        state ? replaceRepository(state, summary) : state,
      ),
  });
}

/** One repository's tags, streamed: the trust state, then rows page by page as the registry lists them. */
export const repositoryTagsQuery = (api: Api, ref: RegistryRef, repository: string) =>
  queryOptions({
    queryKey: repositoryKeys.tags(ref, repository),
    queryFn: streamedQuery({
      streamFn: async ({ signal }) =>
        ndjsonLines(
          await api.fetch(repositoriesPath(ref, `tags?repository=${encodeURIComponent(repository)}`), {
            signal,
          }),
          tagEventSchema,
        ),
      reducer: foldTags,
      initialValue: initialTags,
    }),
    staleTime: 30_000,
  });

export function useRepositoryTags(ref: RegistryRef, repository: string) {
  return useQuery(repositoryTagsQuery(useApi(), ref, repository));
}

/** The repository a page's URL names (`…/repositories/<name…>`, a trailing slash ignored). */
export const repositoryOfSplat = (splat: string | undefined) => (splat ?? '').replace(/\/+$/, '');

/**
 * Starts the tag stream of the repository route being opened (its loader calls this as the route
 * matches), so it runs while the page's code loads and the blade asks for the registry.
 */
export function prefetchRepositoryTags(
  queryClient: QueryClient,
  api: Api,
  params: Record<string, string | undefined>,
): void {
  const ref = registryRefOf(params);
  const repository = repositoryOfSplat(params._splat);
  if (!ref || !repository) return;
  // Only when nothing is cached: loaders run again on every navigation within the route (a filter
  // change), and a cached stream is refreshed by the page's own query, as it was before.
  void queryClient.prefetchQuery({ ...repositoryTagsQuery(api, ref, repository), staleTime: Infinity });
}

export function useTrustDetails(ref: RegistryRef, repository: string) {
  const api = useApi();
  return useQuery({
    queryKey: repositoryKeys.trust(ref, repository),
    queryFn: ({ signal }) =>
      api.get(
        repositoriesPath(ref, `trust?repository=${encodeURIComponent(repository)}`),
        trustDetailsSchema,
        { signal },
      ),
  });
}

export function useRegistryKeys(ref: RegistryRef) {
  const api = useApi();
  return useQuery({
    queryKey: repositoryKeys.keys(ref),
    queryFn: ({ signal }) => api.get(repositoriesPath(ref, 'keys'), registryKeysSchema, { signal }),
  });
}

/** Downloads a report through the authorized fetch (the BFF names the file). */
export async function downloadReport(
  api: Api,
  ref: RegistryRef,
  format: 'csv' | 'json',
  repository?: string,
) {
  const query = new URLSearchParams({ format, ...(repository ? { repository } : {}) });
  const response = await api.fetch(repositoriesPath(ref, `report?${query}`));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `report.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
