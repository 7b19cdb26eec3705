// `docker trust inspect --pretty` layout (docker/cli cli/command/trust/inspect_pretty.go).
import { delegationSigners, signedTagRows, type TrustView } from '@ctp/notary';
import { tabwrite } from './tabwriter.ts';

/** fvbommel/sortorder.NaturalLess: digit runs compare numerically, the rest byte-wise. */
export function naturalLess(a: string, b: string): boolean {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length < ny.length;
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return ca.length < cb.length;
}

const truncateId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export function prettyInspect(view: TrustView, remote: string, tag?: string): string {
  let out = '';
  const rows = signedTagRows(view, tag ?? '');
  if (rows.length > 0) {
    out += `\nSignatures for ${remote}\n\n`;
    const lines = rows.map((r) => {
      // The pretty path never fills in "Repo Admin": an empty signer list prints "(Repo Admin)".
      const signers =
        r.Signers.length === 1 && r.Signers[0] === 'Repo Admin' ? ['(Repo Admin)'] : [...r.Signers].sort();
      return [r.SignedTag, r.Digest, signers.join(', ')];
    });
    out += tabwrite([['SIGNED TAG', 'DIGEST', 'SIGNERS'], ...lines]);
  } else {
    out += `\nNo signatures for ${remote}\n\n`;
  }
  const signers = [...delegationSigners(view)].sort(([a], [b]) =>
    naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0,
  );
  if (signers.length > 0) {
    out += `\nList of signers and their keys for ${remote}\n\n`;
    out += tabwrite([
      ['SIGNER', 'KEYS'],
      ...signers.map(([name, keys]) => [name, [...keys].sort().map(truncateId).join(', ')]),
    ]);
  }
  out += `\nAdministrative keys for ${remote}\n\n`;
  // Sorted by role name descending: "targets" (Repository Key) before "root" (Root Key).
  out += `  Repository Key:\t${[...view.root.roleKeyIds.targets].sort().join(', ')}\n`;
  out += `  Root Key:\t${[...view.root.roleKeyIds.root].sort().join(', ')}\n`;
  return out;
}
