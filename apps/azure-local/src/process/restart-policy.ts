/** How a supervised process that dies on its own is brought back. */
export interface RestartPolicy {
  /** Crashes within `windowMs` after which the supervisor gives up on the process. */
  maxCrashes: number;
  windowMs: number;
  /** Delay before the first restart; it doubles with each crash in the window, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxCrashes: 5,
  windowMs: 5 * 60_000,
  firstDelayMs: 500,
  maxDelayMs: 10_000,
};

export type CrashDecision =
  { giveUp: false; delayMs: number; crashes: number } | { giveUp: true; crashes: number };

/** Remembers recent crashes of one process and decides, per crash, to restart (after a backoff) or give up. */
export class CrashHistory {
  private readonly times: number[] = [];

  constructor(private readonly policy: RestartPolicy) {}

  record(now = Date.now()): CrashDecision {
    this.times.push(now);
    while (this.times.length > 0 && now - this.times[0]! > this.policy.windowMs) this.times.shift();
    const crashes = this.times.length;
    if (crashes >= this.policy.maxCrashes) return { giveUp: true, crashes };
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (crashes - 1));
    return { giveUp: false, delayMs, crashes };
  }
}
