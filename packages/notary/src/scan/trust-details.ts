// A repository's trust data as an administrator reads it: every role (root, targets, snapshot,
// timestamp, each delegation) with key IDs, threshold, version, expiry, who holds the key, and the
// paths of delegations.
import type { BaseRoleView, KeyInfo, TargetsRoleView, TrustView } from '../verify/types.ts';

export type KeyHolder = 'server' | 'repository owner' | 'unknown';

export interface RoleKey {
  /** Canonical key ID (what `notary` and `docker trust` show), else the TUF key ID. */
  id: string;
  keytype: string;
  certificate?: { commonName: string; notAfter: string };
}

export interface RoleDetails {
  name: string;
  kind: 'root' | 'targets' | 'snapshot' | 'timestamp' | 'delegation';
  status: 'verified' | 'invalid' | 'not-in-snapshot';
  failure?: string;
  version?: number;
  expires?: string;
  threshold: number;
  keys: RoleKey[];
  /** Who holds the signing key: Notary's server always signs timestamp; snapshot when it was delegated. */
  keyHolder: KeyHolder;
  /** The server re-signs this role itself before it expires (timestamp, server-held snapshot). */
  renewedByServer: boolean;
  /** Delegations only: the path prefixes the role may sign ("" = every tag). */
  paths?: string[];
  /** Tags this role signs (delegations and targets). */
  targetCount?: number;
}

export interface TrustDetails {
  gun: string;
  timestampSha256: string;
  verifiedAt: string;
  earliestExpiry: string;
  roles: RoleDetails[];
}

function roleKey(k: KeyInfo): RoleKey {
  return {
    id: k.canonicalId ?? k.id,
    keytype: k.keytype,
    ...(k.certificate
      ? { certificate: { commonName: k.certificate.commonName, notAfter: k.certificate.notAfter } }
      : {}),
  };
}

function base(role: BaseRoleView, snapshotHolder: KeyHolder): RoleDetails {
  const holder: KeyHolder =
    role.name === 'timestamp' ? 'server' : role.name === 'snapshot' ? snapshotHolder : 'repository owner';
  return {
    name: role.name,
    kind: role.name,
    status: 'verified',
    version: role.version,
    expires: role.expires,
    threshold: role.threshold,
    keys: role.keys.map(roleKey),
    keyHolder: holder,
    renewedByServer: holder === 'server',
  };
}

function targetsRole(role: TargetsRoleView): RoleDetails {
  return {
    name: role.name,
    kind: role.name === 'targets' ? 'targets' : 'delegation',
    status: role.status,
    ...(role.failure ? { failure: `${role.failure.check}: ${role.failure.message}` } : {}),
    ...(role.version !== undefined ? { version: role.version } : {}),
    ...(role.expires !== undefined ? { expires: role.expires } : {}),
    threshold: role.threshold,
    keys: role.keys.map(roleKey),
    keyHolder: 'repository owner',
    renewedByServer: false,
    ...(role.name === 'targets' ? {} : { paths: role.paths }),
    targetCount: Object.keys(role.targets).length,
  };
}

/**
 * The details of a verified view. `snapshotHolder` says whether the trust server holds the snapshot key
 * (learned from the server's `snapshot.key`, see serverHoldsKey); 'unknown' when it could not be asked.
 */
export function trustDetails(view: TrustView, snapshotHolder: KeyHolder = 'unknown'): TrustDetails {
  return {
    gun: view.gun,
    timestampSha256: view.timestampSha256,
    verifiedAt: view.verifiedAt,
    earliestExpiry: view.earliestExpiry,
    roles: [
      base(view.root, snapshotHolder),
      ...view.targetsRoles.filter((r) => r.name === 'targets').map(targetsRole),
      base(view.snapshot, snapshotHolder),
      base(view.timestamp, snapshotHolder),
      ...view.targetsRoles.filter((r) => r.name !== 'targets').map(targetsRole),
    ],
  };
}
