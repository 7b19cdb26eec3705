// `docker trust inspect --pretty` layout (docker/cli cli/command/trust/inspect_pretty.go).
import { byteCompare, delegationSigners, naturalCompare, signedTagRows, type TrustView } from '@ctp/notary';
import { tabwrite } from './tabwriter.ts';

/** stringid.TruncateID: drop an algorithm prefix, keep 12 characters. */
const truncateId = (id: string) => id.slice(id.indexOf(':') + 1).slice(0, 12);

export function prettyInspect(view: TrustView, remote: string, tag?: string): string {
  let out = '';
  const rows = signedTagRows(view, tag ?? '');
  if (rows.length > 0) {
    out += `\nSignatures for ${remote}\n\n`;
    const lines = rows.map((r) => {
      // The pretty path never fills in "Repo Admin": an empty signer list prints "(Repo Admin)".
      const signers =
        r.Signers.length === 1 && r.Signers[0] === 'Repo Admin'
          ? ['(Repo Admin)']
          : [...r.Signers].sort(byteCompare);
      return [r.SignedTag, r.Digest, signers.join(', ')];
    });
    out += tabwrite([['SIGNED TAG', 'DIGEST', 'SIGNERS'], ...lines]);
  } else {
    out += `\nNo signatures for ${remote}\n\n`;
  }
  // Signers in natural order here (the JSON lists them in descending byte order).
  const signers = [...delegationSigners(view)].sort(([a], [b]) => naturalCompare(a, b));
  if (signers.length > 0) {
    out += `\nList of signers and their keys for ${remote}\n\n`;
    out += tabwrite([
      ['SIGNER', 'KEYS'],
      ...signers.map(([name, keys]) => [name, [...keys].sort(byteCompare).map(truncateId).join(', ')]),
    ]);
  }
  out += `\nAdministrative keys for ${remote}\n\n`;
  // Sorted by role name descending: "targets" (Repository Key) before "root" (Root Key).
  out += `  Repository Key:\t${[...view.root.roleKeyIds.targets].sort(byteCompare).join(', ')}\n`;
  out += `  Root Key:\t${[...view.root.roleKeyIds.root].sort(byteCompare).join(', ')}\n`;
  return out;
}
