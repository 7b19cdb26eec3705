// Hash and length binding of a downloaded file to the FileMeta its parent role signed.
import { base64ToBytes, bytesToHex, equalBytes, sha256, sha512 } from '../encoding.ts';
import type { FileMeta } from '../metadata/schemas.ts';

const HASHES: Record<string, { size: number; digest: (b: Uint8Array) => Promise<Uint8Array> }> = {
  sha256: { size: 32, digest: sha256 },
  sha512: { size: 64, digest: sha512 },
};

/** undefined when bound; otherwise which check failed. Every recognised hash must match, at least one. */
export async function checkBinding(
  role: string,
  bytes: Uint8Array,
  meta: FileMeta,
): Promise<{ check: 'hash' | 'length'; message: string } | undefined> {
  if (bytes.length !== meta.length) {
    return {
      check: 'length',
      message: `${role} is ${bytes.length} bytes but its parent binds ${meta.length}`,
    };
  }
  let checked = 0;
  for (const [algorithm, expectedB64] of Object.entries(meta.hashes)) {
    const spec = Object.hasOwn(HASHES, algorithm) ? HASHES[algorithm] : undefined;
    if (!spec) continue; // unknown algorithms are ignored, as in Notary
    const expected = base64ToBytes(expectedB64);
    if (!expected || expected.length !== spec.size)
      return { check: 'hash', message: `${role}: malformed ${algorithm} in its parent's metadata` };
    if (!equalBytes(await spec.digest(bytes), expected))
      return {
        check: 'hash',
        message: `${role}: ${algorithm} of the served file does not match its parent's metadata`,
      };
    checked++;
  }
  if (checked === 0)
    return { check: 'hash', message: `${role}: its parent's metadata carries no sha256 or sha512` };
  return undefined;
}

export function sha256HexOf(meta: FileMeta): string | undefined {
  const raw = Object.hasOwn(meta.hashes, 'sha256') ? base64ToBytes(meta.hashes.sha256 ?? '') : undefined;
  if (!raw || raw.length !== 32) return undefined;
  return bytesToHex(raw);
}
