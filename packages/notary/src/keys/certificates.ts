// X.509 handling for Notary keys (cert-facts.ts parses; Notary's rules are applied here).
import { base64ToBytes } from '../encoding.ts';
import { certFacts, type CertFacts } from './cert-facts.ts';

export type { CertFacts } from './cert-facts.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

interface PemBlock {
  type: string;
  der: Uint8Array;
}

function pemText(publicB64: string): string | undefined {
  const bytes = base64ToBytes(publicB64);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function pemBlocks(text: string): PemBlock[] | undefined {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const body = (m[2] ?? '').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    const der = base64ToBytes(body);
    if (!der) return undefined;
    blocks.push({ type: m[1] ?? '', der });
  }
  return blocks;
}

function parseBundle(publicB64: string): ParsedBlock[] | undefined {
  const text = pemText(publicB64);
  return text
    ? pemBlocks(text)?.map((b) => ({
        type: b.type,
        cert: b.type === 'CERTIFICATE' ? certFacts(b.der) : undefined,
      }))
    : undefined;
}

interface ParsedBlock {
  type: string;
  /** undefined for a block that is not a CERTIFICATE, or a certificate that does not parse. */
  cert: CertFacts | undefined;
}

// Parsed PEM bundles by the key's `public` value: parsing is the verifier's most expensive step after
// signatures, one root key is asked about several times per verification (its rules, its key IDs, its
// import, its expiry) and delegation certificates recur across files and GUNs. Keyed by the string
// itself, a hit costs no base64 or PEM decoding.
const parsed = new Map<string, ParsedBlock[] | undefined>();

function bundleOf(publicB64: string): ParsedBlock[] | undefined {
  if (parsed.has(publicB64)) return parsed.get(publicB64);
  const blocks = parseBundle(publicB64);
  if (parsed.size >= 10_000) parsed.clear();
  parsed.set(publicB64, blocks);
  return blocks;
}

/** The first CERTIFICATE block of an x509 key's `public` value (what Notary's key ID code loads). */
export function firstCertificate(publicB64: string): CertFacts | undefined {
  return bundleOf(publicB64)?.find((b) => b.type === 'CERTIFICATE')?.cert;
}

function isCa(cert: CertFacts): boolean {
  return cert.isCa;
}

export function commonName(cert: CertFacts): string | undefined {
  return cert.commonName;
}

/**
 * Notary's ValidateLeafCert on a PEM bundle: only CERTIFICATE blocks, exactly one non-CA cert and it
 * comes first. Returns the leaf or the reason it is unusable.
 */
export function leafOfBundle(publicB64: string): { leaf: CertFacts } | { error: string } {
  const blocks = bundleOf(publicB64);
  if (!blocks || blocks.length === 0) return { error: 'key holds no PEM certificate' };
  if (blocks.some((b) => b.type !== 'CERTIFICATE'))
    return { error: 'PEM bundle holds a non-certificate block' };
  const certs = blocks.map((b) => b.cert);
  if (certs.some((c) => !c)) return { error: 'unparseable certificate' };
  const parsed = certs as CertFacts[];
  const leaves = parsed.filter((c) => !isCa(c));
  if (leaves.length !== 1 || isCa(parsed[0]!))
    return { error: 'bundle must hold exactly one leaf certificate, first' };
  return { leaf: parsed[0]! };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Notary's root-certificate rules for a GUN (validRootLeafCerts + ValidateCertificate). */
export function checkRootCertificate(
  cert: CertFacts,
  gun: string,
  now: Date,
  checkExpiry: boolean,
): string | undefined {
  const cn = commonName(cert) ?? '';
  const matches = cn === gun || (cn.endsWith('*') && gun.startsWith(cn.slice(0, -1)));
  if (!matches) return `certificate CN "${cn}" does not match GUN "${gun}"`;
  if (cert.notBefore > cert.notAfter) return 'certificate validity window is invalid';
  if (cert.sha1Signed) return 'certificate uses a SHA-1 signature algorithm';
  if (cert.keyType.startsWith('rsa') && (cert.rsaBits ?? 0) < 2048) return 'RSA key shorter than 2048 bits';
  if (checkExpiry && (cert.notBefore.getTime() > now.getTime() + DAY_MS || now > cert.notAfter)) {
    return `certificate for "${cn}" is expired or not yet valid (valid ${cert.notBefore.toISOString()} – ${cert.notAfter.toISOString()})`;
  }
  return undefined;
}
