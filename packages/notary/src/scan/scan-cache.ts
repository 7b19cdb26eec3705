// The one cache interface of registry scans: verified repository results keyed per GUN by the
// timestamp checksum, and registry digests for a few seconds. Async and JSON-valued so that a shared
// store (Redis) can replace the in-memory LRU when the BFF runs as several replicas; losing it costs
// time, never correctness.
import { LRUCache } from 'lru-cache';

export interface ScanCache {
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlMs` bounds how long the value may be served (omitted: until evicted). */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
}

export interface MemoryScanCacheOptions {
  /** Entries kept (default 20 000: a few per repository of many large registries). */
  max?: number;
}

/** The default ScanCache: an lru-cache in this process, entries with their own TTL. */
export function memoryScanCache(opts: MemoryScanCacheOptions = {}): ScanCache {
  const lru = new LRUCache<string, { value: unknown }>({ max: opts.max ?? 20_000, ttlAutopurge: false });
  return {
    get: <T>(key: string) => Promise.resolve(lru.get(key)?.value as T | undefined),
    set: <T>(key: string, value: T, ttlMs?: number) => {
      lru.set(key, { value }, ttlMs === undefined ? {} : { ttl: ttlMs });
      return Promise.resolve();
    },
  };
}

/** Cache keys, in one place so every replica agrees on them. */
export const scanCacheKeys = {
  digests: (loginServer: string, repository: string, timestampSha256: string) =>
    `digests\n${loginServer}\n${repository}\n${timestampSha256}`,
  report: (gun: string, timestampSha256: string, digestsHash: string) =>
    `report\n${gun}\n${timestampSha256}\n${digestsHash}`,
};
