// The Notary server's read API (/v2/<gun>/_trust/tuf/…) as a MetadataSource, with download caps and
// token-auth challenges (scope `repository:<GUN>:pull`, the name being the full GUN).
import {
  createAuthorizedFetch,
  type AuthorizedFetch,
  type Credentials,
  type FetchLike,
  type FetchResponse,
  type TokenCache,
} from '@ctp/registry';
import type { FetchResult, MetadataSource } from '../verify/source.ts';

export interface NotaryApiOptions {
  serverUrl: string;
  fetch?: FetchLike;
  credentials?: Credentials;
  tokenCache?: TokenCache;
  /** See @ctp/registry's AuthorizedFetchOptions: scopes to ask for in the same token request. */
  companionScopes?: (scopes: readonly string[]) => readonly string[];
}

/** Reads a body but stops once it exceeds `max` bytes (a hostile server cannot exhaust memory). */
export async function readCapped(res: FetchResponse, max: number): Promise<FetchResult> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    return { kind: 'too-large', limit: max };
  }
  if (!res.body) return { kind: 'ok', bytes: new Uint8Array(0) };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return { kind: 'too-large', limit: max };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { kind: 'ok', bytes };
}

export interface NotaryApi {
  source(gun: string): MetadataSource;
  /** GET <role>.key: the public key the server signs `role` with, if it holds one (snapshot, timestamp). */
  serverKey(gun: string, role: 'snapshot' | 'timestamp'): Promise<FetchResult>;
  /** GET /v2/ (ping; 200 or a 401 challenge is healthy). */
  ping(): Promise<{ ok: boolean; status?: number; message?: string }>;
}

function gunPath(gun: string): string {
  // Notary's router takes the GUN raw (slashes and the host's colon included).
  return gun
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%3A/gi, ':'))
    .join('/');
}

export function createNotaryApi(opts: NotaryApiOptions): NotaryApi {
  const base = opts.serverUrl.replace(/\/+$/, '');
  const authorized: AuthorizedFetch = createAuthorizedFetch({
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.tokenCache ? { cache: opts.tokenCache } : {}),
    ...(opts.companionScopes ? { companionScopes: opts.companionScopes } : {}),
  });

  const get = async (gun: string, file: string, max: number, actions = 'pull'): Promise<FetchResult> => {
    const url = `${base}/v2/${gunPath(gun)}/_trust/tuf/${file}`;
    let res: FetchResponse;
    try {
      res = await authorized(url, { scopes: [`repository:${gun}:${actions}`] });
    } catch (e) {
      return {
        kind: 'error',
        message: `${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause?: Error }).cause?.message})` : ''}`,
      };
    }
    if (res.status === 404) {
      await res.body?.cancel();
      return { kind: 'not-found' };
    }
    if (!res.ok) {
      await res.body?.cancel();
      const hint = res.status === 401 || res.status === 403 ? ' (not authorized to pull trust data)' : '';
      return {
        kind: 'error',
        status: res.status,
        message: `trust server answered ${res.status} for ${file}${hint}`,
      };
    }
    try {
      return await readCapped(res, max);
    } catch (e) {
      return { kind: 'error', message: `reading ${file}: ${(e as Error).message}` };
    }
  };

  return {
    source: (gun) => ({
      current: (role, max) => get(gun, `${role}.json`, max),
      byChecksum: (role, hex, max) => get(gun, `${role}.${hex}.json`, max),
      byVersion: (role, version, max) => get(gun, `${version}.${role}.json`, max),
    }),
    // Notary serves role keys to callers who may push (it is the signing half of the server's API).
    serverKey: (gun, role) => get(gun, `${role}.key`, 64 * 1024, 'pull,push'),
    async ping() {
      try {
        const res = await (opts.fetch ?? globalThis.fetch)(`${base}/v2/`);
        await res.body?.cancel();
        return { ok: res.ok || res.status === 401, status: res.status };
      } catch (e) {
        return { ok: false, message: (e as Error).message };
      }
    },
  };
}
