// Imports a Notary public key for the signature methods its key type allows: into Node's crypto when
// present (synchronous checks), else into WebCrypto.
import type { KeyObject } from 'node:crypto';
import { base64ToBytes, bytesToHex, toBuffer } from '../encoding.ts';
import { nodeCrypto } from '../platform/node-crypto.ts';
import type { PublicKeyDoc } from '../metadata/schemas.ts';
import { firstCertificate } from './certificates.ts';
import { derChildren } from './der.ts';

export type SignatureMethod = 'ecdsa' | 'eddsa' | 'rsapss' | 'rsapkcs1v15';

export interface VerifierKey {
  method: SignatureMethod;
  /** A WebCrypto key, or a Node KeyObject when Node's crypto is used. */
  key: CryptoKey | KeyObject;
  /** ECDSA: expected raw r||s signature length. */
  signatureLength?: number;
}

const NODE_CURVES: Record<string, number> = { prime256v1: 64, secp384r1: 96, secp521r1: 132 };

// Named-curve OIDs (DER content, hex) of the EC keys Notary writes: P-256, P-384, P-521.
const EC_CURVE_OIDS: Record<string, { crv: string; coordinate: number; signatureLength: number }> = {
  '2a8648ce3d030107': { crv: 'P-256', coordinate: 32, signatureLength: 64 },
  '2b81040022': { crv: 'P-384', coordinate: 48, signatureLength: 96 },
  '2b81040023': { crv: 'P-521', coordinate: 66, signatureLength: 132 },
};
const ID_EC_PUBLIC_KEY = '2a8648ce3d0201';

/**
 * An EC key's SPKI as a JWK (named curve, uncompressed point), or undefined for any other shape.
 * Measured on Node 20: OpenSSL 3 imports a P-256 key from a JWK in about half the time of the same key
 * as DER (its DER decoders are the slow part), and the curve is known without asking the KeyObject.
 */
function ecJwk(
  spki: Uint8Array,
): { jwk: { kty: 'EC'; crv: string; x: string; y: string }; signatureLength: number } | undefined {
  const [algorithm, bits, extra] = derChildren(spki) ?? [];
  const [oid, params, more] = (algorithm && derChildren(algorithm.whole)) ?? [];
  if (
    extra ||
    more ||
    !oid ||
    !params ||
    !bits ||
    oid.tag !== 0x06 ||
    params.tag !== 0x06 ||
    bits.tag !== 0x03
  )
    return undefined;
  const curve =
    bytesToHex(oid.content) === ID_EC_PUBLIC_KEY ? EC_CURVE_OIDS[bytesToHex(params.content)] : undefined;
  // BIT STRING: no unused bits, then the uncompressed point 0x04 || X || Y.
  const point = bits.content;
  if (!curve || point.length !== 2 + 2 * curve.coordinate || point[0] !== 0 || point[1] !== 4)
    return undefined;
  const b64url = (from: number) =>
    Buffer.from(point.buffer, point.byteOffset + from, curve.coordinate).toString('base64url');
  return {
    jwk: { kty: 'EC', crv: curve.crv, x: b64url(2), y: b64url(2 + curve.coordinate) },
    signatureLength: curve.signatureLength,
  };
}

function importNode(
  crypto: NonNullable<typeof nodeCrypto>,
  keytype: 'ecdsa' | 'rsa' | 'ed25519',
  bytes: Uint8Array,
): VerifierKey[] {
  const ec = keytype === 'ecdsa' ? ecJwk(bytes) : undefined;
  if (ec) {
    // Not on its curve (or otherwise refused by OpenSSL): createPublicKey throws, the caller answers [].
    const key = crypto.createPublicKey({ key: ec.jwk, format: 'jwk' });
    return [{ method: 'ecdsa', key, signatureLength: ec.signatureLength }];
  }
  const key =
    keytype === 'ed25519'
      ? crypto.createPublicKey({
          key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes).toString('base64url') },
          format: 'jwk',
        })
      : crypto.createPublicKey({ key: Buffer.from(bytes), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  if (keytype === 'ecdsa') {
    const signatureLength =
      key.asymmetricKeyType === 'ec' ? NODE_CURVES[details.namedCurve ?? ''] : undefined;
    return signatureLength ? [{ method: 'ecdsa', key, signatureLength }] : [];
  }
  if (keytype === 'rsa') {
    if (key.asymmetricKeyType !== 'rsa' || (details.modulusLength ?? 0) < 2048) return [];
    return [
      { method: 'rsapss', key },
      { method: 'rsapkcs1v15', key },
    ];
  }
  return key.asymmetricKeyType === 'ed25519' ? [{ method: 'eddsa', key }] : [];
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
    if (nodeCrypto) {
      const bytes =
        doc.keytype === 'ecdsa-x509' || doc.keytype === 'rsa-x509'
          ? firstCertificate(doc.keyval.public)?.spki
          : base64ToBytes(doc.keyval.public);
      const kind = {
        ecdsa: 'ecdsa',
        'ecdsa-x509': 'ecdsa',
        rsa: 'rsa',
        'rsa-x509': 'rsa',
        ed25519: 'ed25519',
      } as const;
      const k = Object.hasOwn(kind, doc.keytype) ? kind[doc.keytype as keyof typeof kind] : undefined;
      if (!bytes || !k || (k === 'ed25519' && bytes.length !== 32)) return [];
      return importNode(nodeCrypto, k, bytes);
    }
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
        const spki = cert.spki;
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
