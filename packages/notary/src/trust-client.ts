// The public entry point: verify GUNs against a trust server, concurrently and with caches.
import type { Credentials, FetchLike, TokenCache } from '@ctp/registry';
import { mapPool } from '@ctp/registry';
import { createTrustCache, type TrustCache } from './cache.ts';
import { createNotaryApi, type NotaryApi } from './client/server-api.ts';
import { sha256Hex } from './encoding.ts';
import { verifyChain, type SeenState } from './verify/chain.ts';
import type { MetadataSource } from './verify/source.ts';
import type { VerifyResult } from './verify/types.ts';

export interface TrustClientOptions {
  /** Trust server base URL (for ACR: the login server, https://<name>.azurecr.io). */
  serverUrl: string;
  /** Injected fetch (e.g. with an undici dispatcher trusting a CA). */
  fetch?: FetchLike;
  credentials?: Credentials;
  tokenCache?: TokenCache;
  cache?: TrustCache;
  /** GUNs verified at once by verifyRepositories (default 8). */
  concurrency?: number;
  /** Scopes to ask for in the same token request (e.g. the other GUNs of a batch: gunScopeBatches). */
  companionScopes?: (scopes: readonly string[]) => readonly string[];
}

export interface VerifyOptions {
  now?: Date;
  /** Overrides what the seen store holds for this GUN (the rollback / root-rotation reference). */
  seen?: SeenState;
}

export interface TrustClient {
  readonly api: NotaryApi;
  readonly cache: TrustCache;
  verifyRepository(gun: string, opts?: VerifyOptions): Promise<VerifyResult>;
  verifyRepositories(guns: readonly string[], opts?: VerifyOptions): Promise<VerifyResult[]>;
}

/**
 * `inner` with checksum-addressed files kept in `cache.files`. Only bytes whose sha256 is the checksum
 * they were asked by are kept: a garbled or hostile answer is passed on (the verifier refuses it) but
 * never cached under the genuine checksum, where it would stand in for the real file at every later
 * verification and keep the GUN invalid after the trust server is healthy again.
 */
export function cachingSource(gun: string, inner: MetadataSource, cache: TrustCache): MetadataSource {
  return {
    current: (role, max) => inner.current(role, max),
    byVersion: (role, version, max) => inner.byVersion(role, version, max),
    async byChecksum(role, hex, max) {
      const checksum = hex.toLowerCase();
      const key = `${gun}|${role}|${checksum}`;
      const hit = cache.files.get(key);
      if (hit && hit.length <= max) return { kind: 'ok', bytes: hit };
      const r = await inner.byChecksum(role, hex, max);
      if (r.kind === 'ok' && (await sha256Hex(r.bytes)) === checksum) cache.files.set(key, r.bytes);
      return r;
    },
  };
}

export function createTrustClient(opts: TrustClientOptions): TrustClient {
  const api = createNotaryApi({
    serverUrl: opts.serverUrl,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.tokenCache ? { tokenCache: opts.tokenCache } : {}),
    ...(opts.companionScopes ? { companionScopes: opts.companionScopes } : {}),
  });
  const cache = opts.cache ?? createTrustCache();

  const verifyRepository = async (gun: string, vopts: VerifyOptions = {}): Promise<VerifyResult> => {
    const seen = vopts.seen ?? (await cache.seen.get(gun));
    const previous = cache.views.get(gun);
    const outcome = await verifyChain(gun, cachingSource(gun, api.source(gun), cache), {
      now: vopts.now ?? new Date(),
      memo: cache.memo,
      ...(seen ? { seen } : {}),
      ...(previous ? { previous } : {}),
    });
    if (outcome.result.kind === 'verified' && outcome.seen) {
      cache.views.set(gun, { view: outcome.result.view, seen: outcome.seen });
      await cache.seen.set(gun, outcome.seen);
    } else if (outcome.result.kind === 'no-trust-data') {
      cache.views.delete(gun);
    }
    return outcome.result;
  };

  return {
    api,
    cache,
    verifyRepository,
    verifyRepositories: (guns, vopts) =>
      mapPool(guns, opts.concurrency ?? 8, (gun) => verifyRepository(gun, vopts)),
  };
}
