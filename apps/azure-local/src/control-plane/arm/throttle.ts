/** Per-principal token buckets, as ARM has limited requests since 2024 (reads / writes / deletes). */
export interface BucketLimits {
  capacity: number;
  refillPerSecond: number;
}

export interface ThrottleSettings {
  enabled: boolean;
  reads: BucketLimits;
  writes: BucketLimits;
  deletes: BucketLimits;
}

/** ARM's documented per-principal subscription limits. */
export const ARM_DEFAULT_LIMITS: Omit<ThrottleSettings, 'enabled'> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export type RequestKind = 'reads' | 'writes' | 'deletes';

export interface ThrottleDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export class Throttle {
  private settings: ThrottleSettings = { enabled: false, ...ARM_DEFAULT_LIMITS };
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  configure(settings: Partial<ThrottleSettings>): ThrottleSettings {
    this.settings = { ...this.settings, ...settings };
    this.buckets.clear();
    return this.settings;
  }

  current(): ThrottleSettings {
    return this.settings;
  }

  /** Takes one token; when switched off it only reports what would remain. */
  take(principal: string, kind: RequestKind): ThrottleDecision {
    const limits = this.settings[kind];
    const key = `${principal}|${kind}`;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: limits.capacity, at: now };
    bucket.tokens = Math.min(
      limits.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * limits.refillPerSecond,
    );
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      if (this.settings.enabled) {
        const wait =
          limits.refillPerSecond > 0 ? Math.ceil((1 - bucket.tokens) / limits.refillPerSecond) : 60;
        return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, wait) };
      }
      bucket.tokens = limits.capacity; // off: never run dry
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
  }
}
