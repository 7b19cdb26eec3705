// The verifier's results: plain JSON-serialisable data, never exceptions.

export type Check =
  | 'size' // file above the documented limit or the length its parent binds
  | 'parse' // not UTF-8 / not JSON / too deep / not canonicalizable
  | 'schema' // JSON of the wrong shape for the role
  | 'signature' // valid signatures below the role's threshold
  | 'key-id' // a listed key does not hash to its key ID
  | 'certificate' // no usable root certificate for this GUN
  | 'root-rotation' // new root not signed by the previously trusted root's keys
  | 'hash' // file bytes do not match the hashes its parent binds
  | 'length' // file length differs from the length its parent binds
  | 'expired'
  | 'rollback' // version lower than one already seen
  | 'missing'; // a file the chain binds is not served

export interface KeyInfo {
  /** TUF key ID as listed in the metadata. */
  id: string;
  /** Canonical key ID (what `notary` and `docker trust` show); null if it cannot be computed. */
  canonicalId: string | null;
  keytype: string;
  /** For x509 key types: the first certificate's subject CN and validity. */
  certificate?: { commonName: string; notBefore: string; notAfter: string };
}

export interface BaseRoleView {
  name: 'root' | 'targets' | 'snapshot' | 'timestamp';
  version: number;
  expires: string;
  threshold: number;
  keys: KeyInfo[];
}

export interface TargetInfo {
  name: string;
  /** Hex of hashes.sha256, or '' when the target carries none (as `docker trust inspect` prints). */
  sha256Hex: string;
  length: number;
  /** Base64 hashes as stored. */
  hashes: Record<string, string>;
  custom?: unknown;
}

export interface DeclaredDelegation {
  name: string;
  keyIds: string[];
  /** Canonical IDs of the keys, or null when one is missing or unreadable (Docker then lists no signers). */
  canonicalKeyIds: string[] | null;
  threshold: number;
  paths: string[];
}

export type TargetsRoleStatus =
  | 'verified'
  | 'invalid' // skipped like Notary does: threshold not met or expired
  | 'not-in-snapshot'; // declared by its parent but never published

export interface TargetsRoleView {
  name: string;
  parent: string | null;
  status: TargetsRoleStatus;
  failure?: { check: Check; message: string };
  version?: number;
  expires?: string;
  threshold: number;
  keys: KeyInfo[];
  /** Effective path prefixes (the declared ones restricted by the parent's); targets = [""]. */
  paths: string[];
  /** Verified targets of this role (empty unless status is verified). */
  targets: Record<string, TargetInfo>;
  /** Delegations this role's file declares, as written (for Docker's signer listing). */
  declared: DeclaredDelegation[];
  /** Child roles that pass Notary's checks (direct child, keys present), in declaration order. */
  children: string[];
}

export interface TrustView {
  gun: string;
  verifiedAt: string;
  /** sha256 of the timestamp file this view was derived from (the view's identity). */
  timestampSha256: string;
  /** The earliest expiry among all verified roles: the view is stale after it. */
  earliestExpiry: string;
  root: BaseRoleView & { roleKeyIds: Record<'root' | 'targets' | 'snapshot' | 'timestamp', string[]> };
  timestamp: BaseRoleView;
  snapshot: BaseRoleView;
  /** `targets` and every delegation reached, in Notary's load order (depth-first pre-order). */
  targetsRoles: TargetsRoleView[];
}

export type VerifyResult =
  | { kind: 'verified'; view: TrustView }
  | { kind: 'no-trust-data'; gun: string }
  | { kind: 'invalid'; gun: string; role: string; check: Check; message: string }
  | { kind: 'unreachable'; gun: string; message: string; status?: number };
