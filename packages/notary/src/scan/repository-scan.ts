// One repository of a registry scan: its registry digests (cached briefly), its trust data verified
// (the trust client's fast path costs one timestamp request when nothing changed), its tag statuses
// counted; cached per GUN by the timestamp checksum. Never throws: a failing trust server or registry
// makes this repository `unknown` with the reason, the scan goes on.
import type { RegistryClient, TagDigest } from '@ctp/registry';
import { delegationSigners } from '../docker/inspect.ts';
import type { TrustClient } from '../trust-client.ts';
import type { VerifyResult } from '../verify/types.ts';
import { sha256Hex } from '../encoding.ts';
import { scanCacheKeys, type ScanCache } from './scan-cache.ts';
import { countStatuses, emptyCounts, tagRows, type StatusCounts } from './tag-rows.ts';

export type TrustState = 'verified' | 'no-trust-data' | 'invalid' | 'unknown';

/** The keys that sign a repository (canonical IDs, as `docker trust inspect` prints them). */
export interface RepositoryKeys {
  root: string[];
  targets: string[];
  signers: { name: string; keyIds: string[] }[];
}

export interface RepositorySummary {
  repository: string;
  gun: string;
  trust: TrustState;
  /** Why trust is invalid or unknown (or why the registry listing failed). */
  reason?: string;
  counts: StatusCounts;
  /** Tags the registry has (signed-tag-missing rows are not among them). */
  tags: number;
  /** sha256 of the verified timestamp: the identity of the trust data the counts come from. */
  timestampSha256?: string;
  /** When this trust data was last verified cryptographically (unchanged on a cache hit). */
  verifiedAt?: string;
  earliestExpiry?: string;
  keys?: RepositoryKeys;
}

export interface RepositoryScanContext {
  loginServer: string;
  registry: RegistryClient;
  trust: TrustClient;
  cache: ScanCache;
  /** How long registry digests are reused (default 10 s). */
  digestTtlMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_DIGEST_TTL_MS = 10_000;

// Registry listings under way, per scan cache and cache key: when a repository's digests expire, the
// scans of it running at that moment (a blade many people have open, a load test) share one listing
// instead of all listing it again at once (measured: 200 concurrent summaries of one repository made
// the registry listing stampede every 10 s, with requests queued up to 10 s behind it).
const listings = new WeakMap<ScanCache, Map<string, Promise<TagDigest[]>>>();

/**
 * The registry's tags with digests, from the short-lived cache or the registry. The cache entry is tied
 * to the trust data's timestamp: a repository whose trust data changed (a signing, usually with a push)
 * is listed again at once.
 */
export async function registryDigests(
  ctx: RepositoryScanContext,
  repository: string,
  timestampSha256 = '',
): Promise<TagDigest[]> {
  const key = scanCacheKeys.digests(ctx.loginServer, repository, timestampSha256);
  const cached = await ctx.cache.get<TagDigest[]>(key);
  if (cached) return cached;
  let underway = listings.get(ctx.cache);
  if (!underway) listings.set(ctx.cache, (underway = new Map()));
  const shared = underway.get(key);
  if (shared) {
    try {
      return await shared;
    } catch {
      // That listing failed or its caller went away: this caller lists for itself.
    }
  }
  const mine = (async () => {
    const fresh = await ctx.registry.listTagDigests(repository);
    await ctx.cache.set(key, fresh, ctx.digestTtlMs ?? DEFAULT_DIGEST_TTL_MS);
    return fresh;
  })();
  underway.set(key, mine);
  try {
    return await mine;
  } finally {
    if (underway.get(key) === mine) underway.delete(key);
  }
}

export function keysOf(result: VerifyResult): RepositoryKeys | undefined {
  if (result.kind !== 'verified') return undefined;
  const view = result.view;
  return {
    root: view.root.roleKeyIds.root,
    targets: view.root.roleKeyIds.targets,
    signers: [...delegationSigners(view)]
      .map(([name, keyIds]) => ({ name, keyIds }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function digestsHash(tags: readonly TagDigest[]): Promise<string> {
  // Node's synchronous hash where there is one (WebCrypto's queues on libuv's four threads under load).
  return sha256Hex(new TextEncoder().encode(tags.map((t) => `${t.tag}\t${t.digest}`).join('\n')));
}

function failureReason(result: VerifyResult): string | undefined {
  if (result.kind === 'unreachable') return result.message;
  if (result.kind === 'invalid') return `${result.role}: ${result.check}: ${result.message}`;
  return undefined;
}

export function trustStateOf(result: VerifyResult): TrustState {
  return result.kind === 'unreachable' ? 'unknown' : result.kind;
}

export async function scanRepository(
  ctx: RepositoryScanContext,
  repository: string,
): Promise<RepositorySummary> {
  const gun = `${ctx.loginServer}/${repository}`;
  // Trust first: its timestamp says whether cached registry digests may still be used.
  const result = await ctx.trust.verifyRepository(gun);
  const stamp = result.kind === 'verified' ? result.view.timestampSha256 : undefined;
  const listing = await registryDigests(ctx, repository, stamp).then(
    (tags) => ({ ok: true as const, tags }),
    (error: unknown) => ({ ok: false as const, message: (error as Error).message }),
  );
  if (!listing.ok)
    return {
      repository,
      gun,
      trust: 'unknown',
      reason: `registry: ${listing.message}`,
      counts: emptyCounts(),
      tags: 0,
    };
  const tags = listing.tags;
  const cacheKey = stamp ? scanCacheKeys.report(gun, stamp, await digestsHash(tags)) : undefined;
  if (cacheKey) {
    const hit = await ctx.cache.get<RepositorySummary>(cacheKey);
    if (hit) return hit;
  }
  const reason = failureReason(result);
  const keys = keysOf(result);
  const summary: RepositorySummary = {
    repository,
    gun,
    trust: trustStateOf(result),
    ...(reason ? { reason } : {}),
    counts: countStatuses(tagRows(result, tags)),
    tags: tags.length,
    ...(result.kind === 'verified'
      ? {
          timestampSha256: result.view.timestampSha256,
          verifiedAt: result.view.verifiedAt,
          earliestExpiry: result.view.earliestExpiry,
        }
      : {}),
    ...(keys ? { keys } : {}),
  };
  if (cacheKey) await ctx.cache.set(cacheKey, summary);
  return summary;
}
