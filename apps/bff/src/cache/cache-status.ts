// What /api/health says about the caches: shared through Redis or local to this replica (and why),
// with hit counters so an operator (and the scale-out suite) can see one replica's work reused by another.

export interface CacheCounters {
  /** Scan results and registry digests served from the shared store. */
  scanSharedHits: number;
  /** Verified trust views of a GUN loaded from the shared store (verified by another replica or earlier). */
  trustViewsShared: number;
  /** On-behalf-of tokens msal-node found in the shared token cache (no exchange at the identity provider). */
  tokensShared: number;
  /** Redis calls that failed or timed out (each one answered from the local cache instead). */
  sharedFailures: number;
}

export interface CacheHealth {
  /** True while Redis answers; false for a single replica (memory only) or while Redis is unreachable. */
  shared: boolean;
  store: 'memory' | 'redis';
  /** Why the caches are not shared right now (absent when they are). */
  reason?: string;
  counters: CacheCounters;
}

export const emptyCounters = (): CacheCounters => ({
  scanSharedHits: 0,
  trustViewsShared: 0,
  tokensShared: 0,
  sharedFailures: 0,
});

/** The single-replica default: everything in this process's memory. */
export function memoryCacheHealth(): () => CacheHealth {
  const counters = emptyCounters();
  return () => ({ shared: false, store: 'memory', reason: 'single replica: caches are in memory', counters });
}
