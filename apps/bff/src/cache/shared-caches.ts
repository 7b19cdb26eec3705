// Chooses the BFF's caches from its configuration: in memory for one replica (the default), Redis-backed
// for several replicas behind a proxy (BFF_REDIS_URL), each falling back to this process while Redis is away.
import { createTrustCache, memoryScanCache, type ScanCache, type TrustCache } from '@ctp/notary';
import type { SharedTokenCache } from '../auth/on-behalf-of.ts';
import type { BffConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import { memoryCacheHealth, type CacheHealth } from './cache-status.ts';
import { connectSharedStore } from './redis-connection.ts';
import { redisScanCache } from './redis-scan-cache.ts';
import { redisTokenCacheClient } from './redis-token-cache.ts';
import { redisTrustCache } from './redis-trust-cache.ts';

export interface BffCaches {
  trustCache: TrustCache;
  scanCache: ScanCache;
  tokens?: SharedTokenCache;
  health: () => CacheHealth;
  close(): Promise<void>;
}

export function createCaches(config: Pick<BffConfig, 'redis'>, log: Logger): BffCaches {
  if (!config.redis) {
    return {
      trustCache: createTrustCache(),
      scanCache: memoryScanCache(),
      health: memoryCacheHealth(),
      close: () => Promise.resolve(),
    };
  }
  const store = connectSharedStore({ url: config.redis.url, timeoutMs: config.redis.timeoutMs, log });
  return {
    trustCache: redisTrustCache(store),
    scanCache: redisScanCache(store),
    tokens: { client: redisTokenCacheClient(store), onSharedHit: () => void store.counters.tokensShared++ },
    health: () => store.health(),
    close: () => store.close(),
  };
}
