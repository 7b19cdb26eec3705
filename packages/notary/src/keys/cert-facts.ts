// What the verifier needs to know about an X.509 certificate. One parser on every platform
// (x509-der.ts); test/cert-facts.test.ts checks it against Node's OpenSSL-based X509Certificate and
// @peculiar/x509 on real and generated certificates.
import { parseCertificateDer } from './x509-der.ts';

export interface CertFacts {
  commonName: string | undefined;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA (what Go's Certificate.IsCA reports). */
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

/** Parses a DER certificate; undefined when it is not one. Never throws. */
export function certFacts(der: Uint8Array): CertFacts | undefined {
  try {
    return parseCertificateDer(der);
  } catch {
    return undefined;
  }
}
