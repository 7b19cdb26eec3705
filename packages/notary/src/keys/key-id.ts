// Notary key IDs. The TUF key ID (used inside metadata) hashes the key object as stored, with
// `private: null`; the canonical key ID (shown by `notary` and `docker trust`) hashes the public key
// (DER SPKI) of the leaf certificate for x509 key types.
import { canonicalBytes } from '../canonical-json.ts';
import { bytesToBase64, sha256Hex } from '../encoding.ts';
import type { PublicKeyDoc } from '../metadata/schemas.ts';
import { firstCertificate } from './certificates.ts';

export async function tufKeyId(key: PublicKeyDoc): Promise<string> {
  return sha256Hex(
    canonicalBytes({ keytype: key.keytype, keyval: { private: null, public: key.keyval.public } }),
  );
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
