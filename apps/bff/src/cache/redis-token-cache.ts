// msal-node's distributed token cache on Redis (its DistributedCachePlugin with our ICacheClient and a
// partition per portal session), so an on-behalf-of token obtained by one replica is reused by the others.
// msal-node encrypts nothing itself: Redis must be as private as the BFF (loopback, password; README).
import { DistributedCachePlugin, type ICacheClient, type IPartitionManager } from '@azure/msal-node';
import type { SharedStore } from './redis-connection.ts';

/** A session's tokens leave Redis after a day even if msal never rewrites them. */
const PARTITION_TTL_MS = 24 * 3600_000;

/** ICacheClient over the shared store: an unavailable Redis reads as an empty cache (msal then exchanges). */
export function redisTokenCacheClient(store: SharedStore): ICacheClient {
  const key = (k: string) => `obo:${k}`;
  return {
    get: async (k) => (await store.run('get tokens', (r) => r.get(key(k)))) ?? '',
    set: async (k, value) =>
      (await store.run('set tokens', (r) => r.set(key(k), value, 'PX', PARTITION_TTL_MS))) ?? '',
  };
}

/** One partition per portal session (the hash of the caller's token), whatever account msal sees. */
export function sessionPartition(sessionKey: string): IPartitionManager {
  return {
    getKey: () => Promise.resolve(sessionKey),
    extractKey: () => Promise.resolve(sessionKey),
  };
}

export function sessionCachePlugin(client: ICacheClient, sessionKey: string): DistributedCachePlugin {
  return new DistributedCachePlugin(client, sessionPartition(sessionKey));
}
