// `docker trust inspect` output (docker/cli cli/command/trust/inspect.go + common.go), built from a
// verified view: same fields, same ordering, same "Repo Admin" and key-ID conventions.
import type { TrustView } from '../verify/types.ts';
import { isReleasedRole, RELEASES_ROLE, BASE_TARGETS_ROLE } from './roles.ts';
import { allTargetsByName, walkTargets } from './walk.ts';
import { byteCompare, naturalCompare } from './natural-order.ts';

export const REPO_ADMIN = 'Repo Admin';

export interface TrustTagRow {
  SignedTag: string;
  Digest: string;
  Signers: string[];
}
export interface TrustSigner {
  Name: string;
  Keys: { ID: string }[];
}
export interface DockerTrustInspect {
  Name: string;
  SignedTags: TrustTagRow[];
  Signers: TrustSigner[];
  AdministrativeKeys: TrustSigner[];
}

export function roleToSigner(role: string): string {
  return isReleasedRole(role) ? REPO_ADMIN : role.replace(/^targets\//, '');
}

/** matchReleasedSignatures: rows for (tag, digest) pairs in targets or targets/releases. */
export function signedTagRows(view: TrustView, tag = ''): TrustTagRow[] {
  const all = allTargetsByName(view, tag);
  const rows = new Map<string, TrustTagRow>();
  const keyOf = (name: string, digest: string) => JSON.stringify([name, digest]);
  for (const { target, role } of all) {
    if (isReleasedRole(role))
      rows.set(keyOf(target.name, target.sha256Hex), {
        SignedTag: target.name,
        Digest: target.sha256Hex,
        Signers: [],
      });
  }
  for (const { target, role } of all) {
    const row = rows.get(keyOf(target.name, target.sha256Hex));
    if (row && !isReleasedRole(role)) row.Signers.push(roleToSigner(role));
  }
  const out = [...rows.values()];
  for (const row of out) if (row.Signers.length === 0) row.Signers.push(REPO_ADMIN);
  // Docker sorts by sortorder.NaturalLess on the tag only (sort.Slice over a map: rows of one tag with
  // several digests come in a random order); those are ordered by digest here, to be deterministic.
  return out.sort((a, b) => naturalCompare(a.SignedTag, b.SignedTag) || byteCompare(a.Digest, b.Digest));
}

/** getDelegationRoleToKeyMap(GetDelegationRoles()): signer name → canonical key IDs. */
export function delegationSigners(view: TrustView): Map<string, string[]> {
  const signers = new Map<string, string[]>();
  let broken = false;
  walkTargets(view, '', '', (role) => {
    for (const d of role.declared) {
      if (d.canonicalKeyIds === null)
        broken = true; // Docker gets an error and lists no signers
      else if (
        d.name !== RELEASES_ROLE &&
        d.name !== BASE_TARGETS_ROLE &&
        !['root', 'snapshot', 'timestamp'].includes(d.name)
      ) {
        signers.set(roleToSigner(d.name), d.canonicalKeyIds);
      }
    }
    return false;
  });
  return broken ? new Map() : signers;
}

/** The JSON object `docker trust inspect NAME` prints for this view. `name` is the argument as typed. */
export function dockerInspect(view: TrustView, name: string, tag?: string): DockerTrustInspect {
  const signers = [...delegationSigners(view)]
    .map(([Name, ids]) => ({ Name, Keys: ids.map((ID) => ({ ID })) }))
    // Docker sorts signers by name in descending (Go byte-wise) order.
    .sort((a, b) => byteCompare(b.Name, a.Name));
  return {
    Name: name,
    SignedTags: signedTagRows(view, tag ?? ''),
    Signers: signers,
    AdministrativeKeys: [
      { Name: 'Root', Keys: view.root.roleKeyIds.root.map((ID) => ({ ID })) },
      { Name: 'Repository', Keys: view.root.roleKeyIds.targets.map((ID) => ({ ID })) },
    ],
  };
}
