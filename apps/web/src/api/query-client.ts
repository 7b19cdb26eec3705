import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http.ts';

/**
 * The one retry rule: a problem the caller caused (4xx: not allowed, not found, invalid, session
 * expired) is never retried; network failures and 5xx are retried twice.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
