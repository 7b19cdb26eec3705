import { useMemo } from 'react';
import type * as z from 'zod';
import { useSession } from '../auth/use-session.ts';
import { request, type RequestOptions } from './http.ts';
import { isSessionProblem, sessionExpiry } from './session-expiry.ts';

/** The BFF's API as the signed-in person: every call carries a fresh token; a 401 raises the session banner. */
export interface Api {
  get<T>(path: string, schema: z.ZodType<T>, options?: { signal?: AbortSignal }): Promise<T>;
  send<T = void>(
    method: string,
    path: string,
    options?: Omit<RequestOptions<T>, 'method' | 'accessToken'>,
  ): Promise<T>;
  /** A raw authorized fetch, for streams and downloads. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function useApi(): Api {
  const { getApiToken } = useSession();
  return useMemo(() => {
    const call = async <T>(path: string, options: RequestOptions<T>) => {
      try {
        return await request(path, { ...options, accessToken: await getApiToken() });
      } catch (error) {
        if (isSessionProblem(error)) sessionExpiry.raise();
        throw error;
      }
    };
    return {
      get: (path, schema, options) => call(path, { schema, ...options }),
      send: (method, path, options) => call(path, { method, ...options }),
      fetch: async (path, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${await getApiToken()}`);
        const response = await fetch(path, { ...init, headers });
        if (response.status === 401) sessionExpiry.raise();
        return response;
      },
    } satisfies Api;
  }, [getApiToken]);
}
