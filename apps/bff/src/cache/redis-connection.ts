// One Redis connection per replica with every call bounded: a stopped or hung Redis costs each request at
// most `timeoutMs`, after which the caller uses its local cache. ioredis reconnects on its own; while it
// is disconnected calls fail at once (no offline queue), and the first successful call marks the caches
// shared again.
import { Redis } from 'ioredis';
import type { Logger } from '../logging.ts';
import { emptyCounters, type CacheCounters, type CacheHealth } from './cache-status.ts';

export interface SharedStore {
  readonly redis: Redis;
  /** Runs one Redis call; undefined when Redis failed or did not answer in time (reason recorded). */
  run<T>(what: string, call: (redis: Redis) => Promise<T>): Promise<T | undefined>;
  readonly counters: CacheCounters;
  health(): CacheHealth;
  close(): Promise<void>;
}

export interface SharedStoreOptions {
  /** redis://[:password@]host:port[/db]; never logged (it may hold the password). */
  url: string;
  /** Upper bound of one Redis call (default 300 ms). */
  timeoutMs?: number;
  log: Logger;
}

export function connectSharedStore(opts: SharedStoreOptions): SharedStore {
  const timeoutMs = opts.timeoutMs ?? 300;
  const redis = new Redis(opts.url, {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(1000, timeoutMs),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Keep trying forever, at most every 2 s: Redis coming back is picked up without a restart.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    keyPrefix: 'ctp:',
  });
  const counters = emptyCounters();
  let reason: string | undefined = 'connecting to Redis';
  const down = (why: string) => {
    if (reason === undefined) opts.log.warn({ reason: why }, 'shared cache unavailable; using local caches');
    reason = why;
  };
  redis.on('ready', () => {
    if (reason !== undefined) opts.log.info('shared cache (Redis) available');
    reason = undefined;
  });
  redis.on('error', (error: Error) => down(`Redis: ${error.message}`));
  redis.on('close', () => down('Redis connection closed'));

  return {
    redis,
    counters,
    async run(what, call) {
      if (redis.status !== 'ready') {
        counters.sharedFailures++;
        down(reason ?? `Redis is ${redis.status}`);
        return undefined;
      }
      try {
        const result = await call(redis);
        // A call that times out leaves the connection open: the next success says Redis is back.
        if (reason !== undefined) {
          reason = undefined;
          opts.log.info('shared cache (Redis) answers again');
        }
        return result;
      } catch (error) {
        counters.sharedFailures++;
        down(`Redis ${what}: ${(error as Error).message}`);
        return undefined;
      }
    },
    health: () => ({
      shared: reason === undefined && redis.status === 'ready',
      store: 'redis',
      ...(reason !== undefined
        ? { reason }
        : redis.status !== 'ready'
          ? { reason: `Redis is ${redis.status}` }
          : {}),
      counters: { ...counters },
    }),
    close: async () => {
      redis.disconnect();
      await Promise.resolve();
    },
  };
}
