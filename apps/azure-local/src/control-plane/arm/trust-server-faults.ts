import type { TrustServerFault } from '../../ports.ts';

/**
 * The trust-server fault switch for reliability tests (`PUT /_azure-local/faults/trust-server`): while on,
 * the login server makes a fault of the trust server's 200 answers for one file of one GUN — its current
 * `<role>.json` and its checksum-addressed `<role>.<sha256>.json` alike. Only for faults the real
 * notary-server cannot produce (a body cut short, a stall mid-body, a hostile snapshot: see README's
 * fault switches). One fault at a time; off by default. ARM owns the switch, the login servers ask it per
 * answer (through ControlPlanePort), so both halves see one state in the stack's process.
 */
export interface TrustServerFaultSetting {
  enabled: true;
  loginServer: string;
  gun: string;
  /** A role: `timestamp`, `snapshot`, `targets`, `targets/releases`, `root`. */
  file: string;
  fault: TrustServerFault;
  /** Answers still to fault; undefined: until switched off. */
  remaining?: number;
}

/** What the switch reports (the replacement bytes by their size only). */
export type TrustServerFaultState =
  | { enabled: false; served: number }
  | {
      enabled: true;
      loginServer: string;
      gun: string;
      file: string;
      mode: TrustServerFault['mode'];
      bodyBytes?: number;
      remaining?: number;
      served: number;
    };

export class TrustServerFaults {
  private setting: TrustServerFaultSetting | undefined;
  /** Answers faulted since the switch was last set. */
  private served = 0;

  configure(setting: TrustServerFaultSetting | { enabled: false }): TrustServerFaultState {
    this.setting = setting.enabled ? setting : undefined;
    this.served = 0;
    return this.state();
  }

  state(): TrustServerFaultState {
    const s = this.setting;
    if (!s) return { enabled: false, served: this.served };
    return {
      enabled: true,
      loginServer: s.loginServer,
      gun: s.gun,
      file: s.file,
      mode: s.fault.mode,
      ...(s.fault.mode === 'replace' ? { bodyBytes: s.fault.body.length } : {}),
      ...(s.remaining !== undefined ? { remaining: s.remaining } : {}),
      served: this.served,
    };
  }

  /** The fault for this 200 answer (`tufPath`: the path after `_trust/`), using one up; else undefined. */
  take(loginServer: string, gun: string, tufPath: string): TrustServerFault | undefined {
    const s = this.setting;
    if (!s || s.loginServer.toLowerCase() !== loginServer.toLowerCase() || s.gun !== gun) return undefined;
    if (tufPath !== `tuf/${s.file}.json` && !isChecksumFile(tufPath, s.file)) return undefined;
    this.served++;
    if (s.remaining !== undefined && --s.remaining <= 0) this.setting = undefined;
    return s.fault;
  }
}

function isChecksumFile(tufPath: string, role: string): boolean {
  const prefix = `tuf/${role}.`;
  return tufPath.startsWith(prefix) && /^[0-9a-f]{64}\.json$/.test(tufPath.slice(prefix.length));
}
