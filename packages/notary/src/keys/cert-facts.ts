// What the verifier needs to know about an X.509 certificate, from one of two parsers: Node's native
// X509Certificate when the core runs on Node (fast), else @peculiar/x509 (browsers). Both give the
// same facts; test/cert-facts.test.ts checks that on the fixture certificates.
import * as x509 from '@peculiar/x509';
import { nodeCrypto } from '../platform/node-crypto.ts';
import { derChildren } from './der.ts';

export interface CertFacts {
  commonName: string | undefined;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  /** The SubjectPublicKeyInfo exactly as encoded in the certificate. */
  spki: Uint8Array;
  /** 'ec' | 'rsa' | 'rsa-pss' | 'ed25519' | … */
  keyType: string;
  /** RSA modulus length in bits. */
  rsaBits?: number;
  /** Signed with a SHA-1 based algorithm (Notary refuses those). */
  sha1Signed: boolean;
}

// DER of the SHA-1 signature algorithm OIDs: sha1WithRSAEncryption, ecdsa-with-SHA1, dsa-with-sha1,
// and the old OIW sha1WithRSASignature.
const SHA1_OIDS = new Set(['2a864886f70d010105', '2a8648ce3d0401', '2a8648ce380403', '2b0e03021d']);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }: the parts Node 20 hides. */
// SubjectPublicKeyInfo algorithm OIDs: id-ecPublicKey, rsaEncryption, id-RSASSA-PSS, id-Ed25519.
const KEY_OIDS: Record<string, string> = {
  '2a8648ce3d0201': 'ec',
  '2a864886f70d010101': 'rsa',
  '2a864886f70d01010a': 'rsa-pss',
  '2b6570': 'ed25519',
};

function rawParts(der: Uint8Array): { spki: Uint8Array; sigAlgOid: string; keyAlgOid: string } | undefined {
  const cert = derChildren(der);
  const tbs = cert?.[0] && derChildren(cert[0].whole);
  const algorithm = cert?.[1] && derChildren(cert[1].whole);
  if (!tbs || !algorithm?.[0]) return undefined;
  // tbsCertificate: [0] version (optional), serial, signature, issuer, validity, subject, spki, …
  const spki = tbs[tbs[0]?.tag === 0xa0 ? 6 : 5];
  const keyAlgorithm = spki && derChildren(spki.whole)?.[0];
  const keyAlgOid = keyAlgorithm && derChildren(keyAlgorithm.whole)?.[0];
  if (!spki || !keyAlgOid) return undefined;
  return { spki: spki.whole, sigAlgOid: hex(algorithm[0].content), keyAlgOid: hex(keyAlgOid.content) };
}

function fromNode(der: Uint8Array, crypto: NonNullable<typeof nodeCrypto>): CertFacts | undefined {
  const parts = rawParts(der);
  if (!parts) return undefined;
  const cert = new crypto.X509Certificate(der);
  const cn = cert.subject
    .split('\n')
    .find((l) => l.startsWith('CN='))
    ?.slice(3);
  // The key type from the SPKI's algorithm OID: a KeyObject (cert.publicKey) costs as much as the
  // certificate itself, so one is made only for RSA, to learn the modulus length.
  const keyType = KEY_OIDS[parts.keyAlgOid] ?? 'unknown';
  const rsaBits = keyType === 'rsa' ? cert.publicKey.asymmetricKeyDetails?.modulusLength : undefined;
  return {
    commonName: cn,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    isCa: cert.ca,
    spki: parts.spki,
    keyType,
    ...(rsaBits ? { rsaBits } : {}),
    sha1Signed: SHA1_OIDS.has(parts.sigAlgOid),
  };
}

function fromPeculiar(der: Uint8Array): CertFacts {
  const cert = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  const algo = cert.publicKey.algorithm as { name: string; modulusLength?: number };
  const keyType =
    algo.name === 'ECDSA'
      ? 'ec'
      : algo.name === 'Ed25519'
        ? 'ed25519'
        : algo.name.startsWith('RSA')
          ? 'rsa'
          : algo.name;
  return {
    commonName: cert.subjectName.getField('CN')[0],
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    isCa: cert.getExtension(x509.BasicConstraintsExtension)?.ca === true,
    spki: new Uint8Array(cert.publicKey.rawData),
    keyType,
    ...(algo.modulusLength ? { rsaBits: algo.modulusLength } : {}),
    sha1Signed: /sha-?1\b/i.test(JSON.stringify(cert.signatureAlgorithm)),
  };
}

/** Parses a DER certificate; undefined when it is not one. Never throws. */
export function certFacts(der: Uint8Array, backend: 'auto' | 'portable' = 'auto'): CertFacts | undefined {
  try {
    return nodeCrypto && backend === 'auto' ? fromNode(der, nodeCrypto) : fromPeculiar(der);
  } catch {
    return undefined;
  }
}
