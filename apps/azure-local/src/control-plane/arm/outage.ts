/**
 * A switchable ARM outage for fault tests: while on, every ARM request (except the emulator's own
 * `/_azure-local/` controls and `/health`) answers 503 `ServiceUnavailable` with `Retry-After`, as ARM's
 * front door does during an incident. Off by default. Throttling (429) is throttle.ts.
 */
export interface OutageSettings {
  enabled: boolean;
  retryAfterSeconds: number;
}

export class Outage {
  private settings: OutageSettings = { enabled: false, retryAfterSeconds: 1 };

  configure(settings: Partial<OutageSettings>): OutageSettings {
    this.settings = { ...this.settings, ...settings };
    return this.settings;
  }

  current(): OutageSettings {
    return this.settings;
  }
}
