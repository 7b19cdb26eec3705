import { useQuery } from '@tanstack/react-query';
import { healthResponseSchema } from '@ctp/contracts';
import { getJson } from './http.ts';

export const healthQueryKey = ['health'] as const;

/** Server state: the BFF's health, refreshed every 30 s. */
export function useHealth() {
  return useQuery({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => getJson('/api/health', healthResponseSchema, { signal }),
    refetchInterval: 30_000,
    retry: 1,
  });
}
