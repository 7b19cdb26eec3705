// Root trust (Notary's trustpinning.ValidateRoot + builder): certificates bound to the GUN, the
// root's own threshold over those certificate keys, and rotation from a previously trusted root.
import { leafOfBundle, checkRootCertificate } from '../keys/certificates.ts';
import { parseDocument, type ParsedDocument } from '../metadata/parse.ts';
import { RootSigned, type PublicKeyDoc } from '../metadata/schemas.ts';
import { verifyThreshold, type SignatureMemo } from '../signatures.ts';
import { pickKeys } from './key-info.ts';
import type { Check } from './types.ts';

export interface TrustedRoot {
  version: number;
  sha256: string;
  /** The root role's keys and threshold: what must sign the next root. */
  keys: Record<string, PublicKeyDoc>;
  threshold: number;
}

export type RootFailure = { ok: false; check: Check; message: string };

export function checkRootStructure(root: RootSigned): string | undefined {
  for (const [name, role] of Object.entries(root.roles)) {
    if (role.threshold < 1) return `root: role ${name} has threshold ${role.threshold}`;
    if (role.keyids.length === 0) return `root: role ${name} lists no keys`;
    for (const id of role.keyids)
      if (!Object.hasOwn(root.keys, id))
        return `root: role ${name} lists key ${id} that root does not define`;
  }
  return undefined;
}

export function parseRoot(bytes: Uint8Array): { ok: true; doc: ParsedDocument<RootSigned> } | RootFailure {
  const parsed = parseDocument(bytes, RootSigned);
  if (!parsed.ok) return { ok: false, check: parsed.check, message: `root: ${parsed.message}` };
  const structure = checkRootStructure(parsed.doc.signed);
  if (structure) return { ok: false, check: 'schema', message: structure };
  return parsed;
}

/**
 * A root's self-consistency: at least one usable leaf certificate for the GUN among the root role's
 * keys, and the root threshold met by signatures of those certificate keys.
 */
export async function verifyRootSelf(
  doc: ParsedDocument<RootSigned>,
  gun: string,
  now: Date,
  memo: SignatureMemo,
  checkCertExpiry: boolean,
): Promise<{ ok: true } | RootFailure> {
  const root = doc.signed;
  const usable: Record<string, PublicKeyDoc> = {};
  const problems: string[] = [];
  for (const id of root.roles.root.keyids) {
    const key = root.keys[id]!;
    if (key.keytype !== 'ecdsa-x509' && key.keytype !== 'rsa-x509') {
      problems.push(`${id.slice(0, 12)}: ${key.keytype} is not a certificate`);
      continue;
    }
    const bundle = leafOfBundle(key.keyval.public);
    if ('error' in bundle) {
      problems.push(`${id.slice(0, 12)}: ${bundle.error}`);
      continue;
    }
    const problem = checkRootCertificate(bundle.leaf, gun, now, checkCertExpiry);
    if (problem) problems.push(`${id.slice(0, 12)}: ${problem}`);
    else usable[id] = key;
  }
  if (Object.keys(usable).length === 0) {
    return {
      ok: false,
      check: 'certificate',
      message: `no valid root certificate for ${gun}: ${problems.join('; ')}`,
    };
  }
  const sigs = await verifyThreshold(
    doc.rawSigned,
    doc.signatures,
    { name: 'root', keys: usable, threshold: root.roles.root.threshold },
    memo,
  );
  if (!sigs.ok) return sigs;
  return { ok: true };
}

export function trustedRootOf(doc: ParsedDocument<RootSigned>, sha256: string): TrustedRoot {
  const root = doc.signed;
  return {
    version: root.version,
    sha256,
    keys: pickKeys(root.keys, root.roles.root.keyids),
    threshold: root.roles.root.threshold,
  };
}

/** Is `doc` signed by a threshold of the previously trusted root's keys (rotation rule (a))? */
export async function signedByPrevious(
  doc: ParsedDocument<RootSigned>,
  previous: TrustedRoot,
  memo: SignatureMemo,
): Promise<boolean> {
  const r = await verifyThreshold(
    doc.rawSigned,
    doc.signatures,
    { name: 'root', keys: previous.keys, threshold: previous.threshold },
    memo,
  );
  return r.ok;
}
