import type { DownstreamTokens } from '../auth/on-behalf-of.ts';
import type { Caller } from '../auth/token-verifier.ts';
import { UpstreamError, UpstreamUnavailable } from '../errors.ts';

export interface GraphSettings {
  endpoint: string;
  scope: string;
  timeoutMs: number;
}

/**
 * Microsoft Graph as the caller, through plain fetch (the few calls the portal makes — search,
 * getByIds — do not justify the Graph SDK's weight). Paths are built by services from validated
 * values, never taken from a request; the host is the configured endpoint only.
 */
export interface GraphClient {
  get<T>(path: string, query?: Record<string, string>, headers?: Record<string, string>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function createGraphClient(
  settings: GraphSettings,
  caller: Caller,
  tokens: DownstreamTokens,
  fetchImpl: typeof fetch = fetch,
): GraphClient {
  async function send<T>(
    method: string,
    path: string,
    init: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string> },
  ): Promise<T> {
    if (!path.startsWith('/v1.0/')) throw new Error(`Graph paths start with /v1.0/ (got ${path})`);
    const url = new URL(`${settings.endpoint}${path}`);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const { token } = await tokens(caller, settings.scope);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      throw new UpstreamUnavailable('Microsoft Graph', `Graph did not answer: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => undefined)) as
      (T & { error?: { code?: string; message?: string } }) | undefined;
    if (!response.ok) {
      throw new UpstreamError(
        'Graph',
        response.status,
        body?.error?.code,
        body?.error?.message ?? `Graph answered HTTP ${response.status}`,
      );
    }
    return body as T;
  }
  return {
    get: (path, query, headers) =>
      send('GET', path, { ...(query ? { query } : {}), ...(headers ? { headers } : {}) }),
    post: (path, body) => send('POST', path, { body }),
  };
}
