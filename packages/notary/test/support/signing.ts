// Test-only signing in Notary's format (Node crypto), to craft metadata the notary 0.7 CLI cannot make
// and to re-sign tampered copies so that exactly one check fails.
import { sign, type KeyObject } from 'node:crypto';
import { canonicalBytes } from '../../src/canonical-json.ts';

export interface SignatureEntry {
  keyid: string;
  method: string;
  sig: string;
}

export function signRaw(signed: unknown, key: KeyObject, keyid: string): SignatureEntry {
  const msg = canonicalBytes(signed);
  if (key.asymmetricKeyType === 'ed25519')
    return { keyid, method: 'eddsa', sig: sign(null, msg, key).toString('base64') };
  if (key.asymmetricKeyType === 'ec')
    return {
      keyid,
      method: 'ecdsa',
      sig: sign('sha256', msg, { key, dsaEncoding: 'ieee-p1363' }).toString('base64'),
    };
  if (key.asymmetricKeyType === 'rsa')
    return {
      keyid,
      method: 'rsapss',
      sig: sign('sha256', msg, { key, padding: 6, saltLength: 32 }).toString('base64'),
    };
  throw new Error(`cannot sign with ${key.asymmetricKeyType}`);
}

export interface Envelope {
  signed: Record<string, unknown>;
  signatures: SignatureEntry[];
}

/** Serialises like Notary's Go encoder writes files (compact JSON). */
export function serialize(env: Envelope): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(env));
}
