// The X.509 fields Notary's rules read (subject CN, validity, basic constraints, the public key and the
// signature algorithm), read straight from the DER with the strictness of Go's parser on those fields.
// Hand-written on purpose: OpenSSL's certificate parser behind Node's X509Certificate cost ~0.25 ms per
// certificate (measured: a third of the CLI's verification time on 120 repositories) and
// @peculiar/x509 far more in browsers, while these few fields need a walk of a dozen TLVs.
import { derChildren, type Tlv } from './der.ts';
import type { CertFacts } from './cert-facts.ts';

// DER of the SHA-1 signature algorithm OIDs: sha1WithRSAEncryption, ecdsa-with-SHA1, dsa-with-sha1,
// and the old OIW sha1WithRSASignature.
const SHA1_OIDS = new Set(['2a864886f70d010105', '2a8648ce3d0401', '2a8648ce380403', '2b0e03021d']);
// SubjectPublicKeyInfo algorithm OIDs: id-ecPublicKey, rsaEncryption, id-RSASSA-PSS, id-Ed25519.
const KEY_OIDS: Record<string, string> = {
  '2a8648ce3d0201': 'ec',
  '2a864886f70d010101': 'rsa',
  '2a864886f70d01010a': 'rsa-pss',
  '2b6570': 'ed25519',
};
const OID_COMMON_NAME = '550403';
const OID_BASIC_CONSTRAINTS = '551d13';

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

class Malformed extends Error {}
const need = (ok: unknown): void => {
  if (!ok) throw new Malformed();
};

/** The children of a constructed TLV of the given tag (throws Malformed otherwise). */
function children(tlv: Tlv | undefined, tag: number): Tlv[] {
  need(tlv && tlv.tag === tag);
  const inner = derChildren(tlv!.whole);
  need(inner);
  return inner!;
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** RFC 5280 times as Go accepts them: UTCTime YYMMDDHHMMSSZ, GeneralizedTime YYYYMMDDHHMMSSZ. */
function time(tlv: Tlv | undefined): Date {
  need(tlv && (tlv.tag === TAG.utcTime || tlv.tag === TAG.generalizedTime));
  const text = ascii(tlv!.content);
  const utc = tlv!.tag === TAG.utcTime;
  // Go also takes a UTCTime without seconds (YYMMDDHHMMZ).
  const m = (
    utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/
  ).exec(text);
  need(m);
  const [y, mo, d, h, mi, s] = m!.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const year = utc ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, s));
  // Reject calendar overflow (Feb 30th, hour 24) instead of letting Date roll it over.
  need(date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h);
  need(date.getUTCMinutes() === mi && date.getUTCSeconds() === s);
  return date;
}

/** A directory string as Go's parseASN1String decodes it; other string types are refused. */
function directoryString(tlv: Tlv): string {
  const b = tlv.content;
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return new TextDecoder('utf-8', { fatal: true }).decode(b);
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
      need(b.every((c) => c < 0x80));
      return ascii(b);
    case 0x14: // T61String, read as Latin-1 like Go
      return ascii(b);
    case 0x1e: {
      // BMPString: UTF-16BE
      need(b.length % 2 === 0);
      let s = '';
      for (let i = 0; i < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    default:
      throw new Malformed();
  }
}

/** The subject's common name; the last one wins, as in Go's pkix.Name. */
function commonName(name: Tlv | undefined): string | undefined {
  let cn: string | undefined;
  for (const rdn of children(name, TAG.sequence)) {
    for (const attribute of children(rdn, TAG.set)) {
      const [type, value, extra] = children(attribute, TAG.sequence);
      need(type?.tag === TAG.oid && value && !extra);
      if (hex(type!.content) === OID_COMMON_NAME) cn = directoryString(value!);
    }
  }
  return cn;
}

/** The BIT STRING's bytes (no unused bits allowed where a key or structure is encoded). */
function bitStringBytes(tlv: Tlv | undefined): Uint8Array {
  need(tlv?.tag === TAG.bitString && tlv.content.length > 0 && tlv.content[0] === 0);
  return tlv!.content.subarray(1);
}

function rsaBits(keyBits: Uint8Array): number {
  const [modulus, exponent, extra] = children(
    { tag: keyBits[0]!, content: keyBits, whole: keyBits },
    TAG.sequence,
  );
  need(modulus?.tag === TAG.integer && exponent?.tag === TAG.integer && !extra);
  const m = modulus!.content;
  let i = 0;
  while (i < m.length - 1 && m[i] === 0) i++;
  need(m.length > 0 && (m[0]! & 0x80) === 0); // a positive modulus
  return (m.length - i) * 8 - Math.clz32(m[i]!) + 24;
}

/** basicConstraints' cA flag, from the [3] extensions (duplicates are refused, as Go does). */
function isCa(extensions: Tlv | undefined): boolean {
  if (!extensions) return false;
  const [list, extra] = children(extensions, 0xa3);
  need(list && !extra);
  const seen = new Set<string>();
  let ca = false;
  for (const extension of children(list, TAG.sequence)) {
    const parts = children(extension, TAG.sequence);
    need(parts.length === 2 || parts.length === 3);
    const id = parts[0];
    need(id?.tag === TAG.oid);
    const oid = hex(id!.content);
    need(!seen.has(oid));
    seen.add(oid);
    const value = parts.at(-1);
    need(value?.tag === TAG.octetString && (parts.length === 2 || parts[1]?.tag === TAG.boolean));
    if (oid !== OID_BASIC_CONSTRAINTS) continue;
    const constraints = value!.content;
    const fields = children({ tag: constraints[0]!, content: constraints, whole: constraints }, TAG.sequence);
    const flag = fields[0]?.tag === TAG.boolean ? fields[0] : undefined;
    if (flag) need(flag.content.length === 1 && (flag.content[0] === 0 || flag.content[0] === 0xff));
    ca = flag?.content[0] === 0xff;
  }
  return ca;
}

/** The facts of a DER certificate; undefined when it is not a well-formed one. */
export function parseCertificateDer(der: Uint8Array): CertFacts | undefined {
  try {
    const [tbs, signatureAlgorithm, signature, extra] = children(
      { tag: der[0]!, content: der, whole: der },
      TAG.sequence,
    );
    need(tbs && signatureAlgorithm?.tag === TAG.sequence && signature?.tag === TAG.bitString && !extra);
    const fields = children(tbs, TAG.sequence);
    let at = 0;
    if (fields[0]?.tag === 0xa0) {
      const [version, more] = children(fields[0], 0xa0);
      need(version?.tag === TAG.integer && version.content.length === 1 && version.content[0]! <= 2 && !more);
      at = 1;
    }
    const [serial, innerAlgorithm, issuer, validity, subject, spki, ...rest] = fields.slice(at);
    need(serial?.tag === TAG.integer && issuer?.tag === TAG.sequence);
    // The algorithm inside the signed part must be the one the signature claims (Go refuses otherwise).
    need(
      innerAlgorithm?.tag === TAG.sequence && hex(innerAlgorithm.whole) === hex(signatureAlgorithm!.whole),
    );
    const [notBefore, notAfter, moreTimes] = children(validity, TAG.sequence);
    need(!moreTimes);
    const [keyAlgorithm, keyBits, moreKey] = children(spki, TAG.sequence);
    need(!moreKey);
    const keyOid = children(keyAlgorithm, TAG.sequence)[0];
    need(keyOid?.tag === TAG.oid);
    const keyType = KEY_OIDS[hex(keyOid!.content)] ?? 'unknown';
    const key = bitStringBytes(keyBits);
    const rsa = keyType === 'rsa' ? rsaBits(key) : undefined;
    const sigOid = children(signatureAlgorithm, TAG.sequence)[0];
    need(sigOid?.tag === TAG.oid);
    const extensions = rest.find((t) => t.tag === 0xa3);
    need(rest.every((t) => t.tag === 0x81 || t.tag === 0x82 || t.tag === 0xa3));
    return {
      commonName: commonName(subject),
      notBefore: time(notBefore),
      notAfter: time(notAfter),
      isCa: isCa(extensions),
      spki: spki!.whole,
      keyType,
      ...(rsa ? { rsaBits: rsa } : {}),
      sha1Signed: SHA1_OIDS.has(hex(sigOid!.content)),
    };
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}
