// Imports a Notary public key into WebCrypto for the signature methods its key type allows.
import { base64ToBytes, toBuffer } from '../encoding.ts';
import type { PublicKeyDoc } from '../metadata/schemas.ts';
import { firstCertificate } from './certificates.ts';

export type SignatureMethod = 'ecdsa' | 'eddsa' | 'rsapss' | 'rsapkcs1v15';

export interface VerifierKey {
  method: SignatureMethod;
  key: CryptoKey;
  /** ECDSA: expected raw r||s signature length. */
  signatureLength?: number;
}

const subtle = () => globalThis.crypto.subtle;
const CURVES: [string, number][] = [
  ['P-256', 64],
  ['P-384', 96],
  ['P-521', 132],
];

async function importEcdsa(spki: Uint8Array): Promise<VerifierKey[]> {
  for (const [namedCurve, signatureLength] of CURVES) {
    try {
      const key = await subtle().importKey('spki', toBuffer(spki), { name: 'ECDSA', namedCurve }, false, [
        'verify',
      ]);
      return [{ method: 'ecdsa', key, signatureLength }];
    } catch {
      // not this curve; try the next one
    }
  }
  return [];
}

async function importRsa(spki: Uint8Array): Promise<VerifierKey[]> {
  try {
    const pss = await subtle().importKey(
      'spki',
      toBuffer(spki),
      { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    if (((pss.algorithm as RsaHashedKeyAlgorithm).modulusLength ?? 0) < 2048) return [];
    const pkcs1 = await subtle().importKey(
      'spki',
      toBuffer(spki),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    return [
      { method: 'rsapss', key: pss },
      { method: 'rsapkcs1v15', key: pkcs1 },
    ];
  } catch {
    return [];
  }
}

/** Verifier keys for a key document; an empty list when the key is unusable. Never throws. */
export async function importVerifierKeys(doc: PublicKeyDoc): Promise<VerifierKey[]> {
  try {
    switch (doc.keytype) {
      case 'ecdsa':
      case 'rsa': {
        const der = base64ToBytes(doc.keyval.public);
        if (!der) return [];
        return doc.keytype === 'ecdsa' ? importEcdsa(der) : importRsa(der);
      }
      case 'ecdsa-x509':
      case 'rsa-x509': {
        // Like Notary's verifiers: the key is the first certificate of the PEM text.
        const cert = firstCertificate(doc.keyval.public);
        if (!cert) return [];
        const spki = new Uint8Array(cert.publicKey.rawData);
        return doc.keytype === 'ecdsa-x509' ? importEcdsa(spki) : importRsa(spki);
      }
      case 'ed25519': {
        const raw = base64ToBytes(doc.keyval.public);
        if (!raw || raw.length !== 32) return [];
        const key = await subtle().importKey('raw', toBuffer(raw), { name: 'Ed25519' }, false, ['verify']);
        return [{ method: 'eddsa', key }];
      }
      default:
        return [];
    }
  } catch {
    return [];
  }
}
