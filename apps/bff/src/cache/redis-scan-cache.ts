// The scan cache shared by every replica: Redis first (so a repository verified by one replica is reused
// by the others), this process's LRU when Redis is unavailable. Values are JSON; entries with a TTL expire
// in Redis too (PX). Keys are content-addressed (timestamp checksum, digests hash), so a stale entry can
// never be served for changed trust data.
import { memoryScanCache, type ScanCache } from '@ctp/notary';
import type { SharedStore } from './redis-connection.ts';

/** Entries without their own TTL still leave Redis after a day (losing one costs time, never correctness). */
const DEFAULT_TTL_MS = 24 * 3600_000;

export function redisScanCache(store: SharedStore, local: ScanCache = memoryScanCache()): ScanCache {
  const key = (k: string) => `scan:${k}`;
  return {
    async get<T>(k: string): Promise<T | undefined> {
      const shared = await store.run('get', (r) => r.get(key(k)));
      if (typeof shared === 'string') {
        store.counters.scanSharedHits++;
        return JSON.parse(shared) as T;
      }
      return local.get<T>(k);
    },
    async set<T>(k: string, value: T, ttlMs?: number): Promise<void> {
      await local.set(k, value, ttlMs);
      await store.run('set', (r) => r.set(key(k), JSON.stringify(value), 'PX', ttlMs ?? DEFAULT_TTL_MS));
    },
  };
}
