// Caches of the trust client. Checksum-addressed files are immutable, so their bytes are kept by
// checksum; the last verified view per GUN is reused while its timestamp is unchanged; the seen
// state (versions, trusted root) is the rollback reference and is pluggable (e.g. a database).
import type { SeenState } from './verify/chain.ts';
import type { TrustView } from './verify/types.ts';
import { LRUCache } from 'lru-cache';
import { SignatureMemo } from './signatures.ts';

export interface SeenStore {
  get(gun: string): Promise<SeenState | undefined> | SeenState | undefined;
  set(gun: string, state: SeenState): Promise<void> | void;
  /**
   * Forgets every GUN starting with `prefix` (a login server and `/`): their next sight is a first
   * sight again. Only for a reset the control plane vouches for (content trust disabled: the trust
   * server's data is deleted, and a new root is expected), never on the trust server's word.
   */
  forgetPrefix(prefix: string): Promise<void> | void;
}

export function memorySeenStore(): SeenStore & { entries(): [string, SeenState][] } {
  const map = new Map<string, SeenState>();
  return {
    get: (g) => map.get(g),
    set: (g, s) => void map.set(g, s),
    forgetPrefix: (prefix) => {
      for (const gun of [...map.keys()]) if (gun.startsWith(prefix)) map.delete(gun);
    },
    entries: () => [...map],
  };
}

/**
 * Byte-bounded LRU of checksum-addressed files (lru-cache: works in browsers and Node alike). `maxBytes`
 * 0 keeps nothing (a client that reads each file once: the CLI).
 */
export class ChecksumCache {
  private readonly lru: LRUCache<string, Uint8Array> | undefined;
  constructor(maxBytes = 64 * 1024 * 1024) {
    if (maxBytes > 0)
      this.lru = new LRUCache({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.length) });
  }
  get(key: string): Uint8Array | undefined {
    return this.lru?.get(key);
  }
  set(key: string, bytes: Uint8Array): void {
    this.lru?.set(key, bytes); // a file larger than the whole cache is simply not kept
  }
}

/** A view store that keeps nothing (maxViews 0). */
const noViews: ViewStore = {
  get: () => undefined,
  set: () => undefined,
  delete: () => undefined,
  keys: () => [],
};

/** The last verified view per GUN (its identity: the timestamp's sha256); Map-like so any store fits. */
export interface ViewStore {
  get(gun: string): { view: TrustView; seen: SeenState } | undefined;
  set(gun: string, entry: { view: TrustView; seen: SeenState }): unknown;
  delete(gun: string): unknown;
  keys(): Iterable<string>;
}

export interface TrustCache {
  files: ChecksumCache;
  views: ViewStore;
  memo: SignatureMemo;
  seen: SeenStore;
}

export function createTrustCache(
  opts: {
    seen?: SeenStore;
    maxFileBytes?: number;
    /** Last verified views kept (default 10 000; 0 keeps none). */
    maxViews?: number;
    /** Verified signatures and imported keys remembered (default 50 000 each; 0 keeps none). */
    maxSignatures?: number;
  } = {},
): TrustCache {
  return {
    files: new ChecksumCache(opts.maxFileBytes),
    // Bounded: a registry-wide scan of a huge registry must not grow the process without limit.
    views:
      opts.maxViews === 0
        ? noViews
        : new LRUCache<string, { view: TrustView; seen: SeenState }>({ max: opts.maxViews ?? 10_000 }),
    memo: new SignatureMemo(opts.maxSignatures),
    seen: opts.seen ?? memorySeenStore(),
  };
}

/**
 * Forgets what the cache pinned for every GUN under `prefix` (views and seen state alike: a cached view
 * carries its seen state, which would otherwise pin the old root again). See `SeenStore.forgetPrefix`.
 */
export async function forgetTrustUnder(cache: TrustCache, prefix: string): Promise<void> {
  for (const gun of [...cache.views.keys()]) if (gun.startsWith(prefix)) cache.views.delete(gun);
  await cache.seen.forgetPrefix(prefix);
}
