import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  contentTrustChangesSchema,
  contentTrustImpactSchema,
  contentTrustOperationSchema,
  contentTrustStatusSchema,
  contentTrustUpdateResultSchema,
  registryApiPath,
  type ContentTrustUpdate,
  type RegistryRef,
} from '@ctp/contracts';
import { registryKeys } from '../../api/query-keys.ts';
import { useApi, type Api } from '../../api/use-api.ts';

/** Keys of the blade, below the registry's own key (so a registry-wide invalidation reaches them). */
export const contentTrustKeys = {
  all: (ref: RegistryRef) => [...registryKeys.detail(ref), 'content-trust'] as const,
  status: (ref: RegistryRef) => [...contentTrustKeys.all(ref), 'status'] as const,
  impact: (ref: RegistryRef) => [...contentTrustKeys.all(ref), 'impact'] as const,
  changes: (ref: RegistryRef) => [...contentTrustKeys.all(ref), 'changes'] as const,
  operation: (ref: RegistryRef, id: string) => [...contentTrustKeys.all(ref), 'operation', id] as const,
};

const base = (ref: RegistryRef) => `${registryApiPath(ref)}/content-trust`;

export const contentTrustStatusQuery = (api: Api, ref: RegistryRef) =>
  queryOptions({
    queryKey: contentTrustKeys.status(ref),
    queryFn: ({ signal }) => api.get(base(ref), contentTrustStatusSchema, { signal }),
  });

export function useContentTrustStatus(ref: RegistryRef) {
  return useQuery(contentTrustStatusQuery(useApi(), ref));
}

/** What a disable would delete; counted on the trust server only when the dialog asks for it. */
export function useTrustImpact(ref: RegistryRef, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: contentTrustKeys.impact(ref),
    queryFn: ({ signal }) => api.get(`${base(ref)}/impact`, contentTrustImpactSchema, { signal }),
    enabled,
    staleTime: 0,
  });
}

export function useTrustChanges(ref: RegistryRef, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: contentTrustKeys.changes(ref),
    queryFn: ({ signal }) => api.get(`${base(ref)}/changes`, contentTrustChangesSchema, { signal }),
    enabled,
  });
}

/** A running change, polled every second until ARM reports an end. */
export function useTrustOperation(ref: RegistryRef, id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: contentTrustKeys.operation(ref, id ?? ''),
    queryFn: ({ signal }) =>
      api.get(`${base(ref)}/operations/${encodeURIComponent(id!)}`, contentTrustOperationSchema, { signal }),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'InProgress' ? false : 1000),
  });
}

/** PUT with If-Match (the status's ETag); a disable carries the typed registry name. */
export function useUpdateContentTrust(ref: RegistryRef) {
  const api = useApi();
  return useMutation({
    mutationFn: ({ update, etag }: { update: ContentTrustUpdate; etag: string }) =>
      api.send('PUT', base(ref), {
        body: update,
        headers: { 'if-match': etag },
        schema: contentTrustUpdateResultSchema,
      }),
  });
}

/**
 * After a change ends: the registry itself (its detail, which the overview and the blade title read,
 * and everything below it — this blade, the repositories' trust statuses) and the registry list.
 */
export function useInvalidateAfterChange(ref: RegistryRef) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: registryKeys.detail(ref),
        predicate: (q) => q.queryKey[registryKeys.detail(ref).length + 1] !== 'operation',
      }),
      queryClient.invalidateQueries({ queryKey: registryKeys.list() }),
    ]);
}

/** Downloads the trust-data export (a zip) and saves it under the name the BFF gives. */
export async function downloadTrustExport(api: Api, ref: RegistryRef): Promise<string> {
  const response = await api.fetch(`${base(ref)}/export`);
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new Error(problem.detail ?? problem.title ?? `HTTP ${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${ref.registryName}-trust-data.zip`;
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return file;
}
