// Notary key IDs. The TUF key ID (used inside metadata) hashes the key object as stored, with
// `private: null`; the canonical key ID (shown by `notary` and `docker trust`) hashes the public key
// (DER SPKI) of the leaf certificate for x509 key types.
import { canonicalBytes } from '../canonical-json.ts';
import { bytesToBase64, sha256Hex } from '../encoding.ts';
import type { PublicKeyDoc } from '../metadata/schemas.ts';
import { firstCertificate } from './certificates.ts';

// By key object: one verification asks for the same keys' IDs several times (signature checks, the
// roles' key lists, the view), and each answer is a canonical-JSON pass and a hash.
const tufIds = new WeakMap<PublicKeyDoc, Promise<string>>();

export function tufKeyId(key: PublicKeyDoc): Promise<string> {
  let id = tufIds.get(key);
  if (!id) {
    id = sha256Hex(
      canonicalBytes({ keytype: key.keytype, keyval: { private: null, public: key.keyval.public } }),
    );
    tufIds.set(key, id);
  }
  return id;
}

/** Canonical key ID, or undefined when an x509 key holds no parseable certificate. */
export async function canonicalKeyId(key: PublicKeyDoc): Promise<string | undefined> {
  if (key.keytype !== 'ecdsa-x509' && key.keytype !== 'rsa-x509') return tufKeyId(key);
  const cert = firstCertificate(key.keyval.public);
  if (!cert) return undefined;
  const spki = cert.spki;
  return tufKeyId({
    keytype: key.keytype === 'ecdsa-x509' ? 'ecdsa' : 'rsa',
    keyval: { public: bytesToBase64(spki) },
  });
}
