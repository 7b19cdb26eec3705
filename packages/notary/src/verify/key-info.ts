import { canonicalKeyId } from '../keys/key-id.ts';
import { commonName, firstCertificate } from '../keys/certificates.ts';
import type { PublicKeyDoc } from '../metadata/schemas.ts';
import type { KeyInfo } from './types.ts';

export async function keyInfo(id: string, doc: PublicKeyDoc | undefined): Promise<KeyInfo> {
  if (!doc) return { id, canonicalId: null, keytype: 'unknown' };
  const info: KeyInfo = { id, canonicalId: (await canonicalKeyId(doc)) ?? null, keytype: doc.keytype };
  if (doc.keytype.endsWith('-x509')) {
    const cert = firstCertificate(doc.keyval.public);
    if (cert)
      info.certificate = {
        commonName: commonName(cert) ?? '',
        notBefore: cert.notBefore.toISOString(),
        notAfter: cert.notAfter.toISOString(),
      };
  }
  return info;
}

export function pickKeys(all: Record<string, PublicKeyDoc>, ids: string[]): Record<string, PublicKeyDoc> {
  const out: Record<string, PublicKeyDoc> = {};
  for (const id of ids) if (Object.hasOwn(all, id)) out[id] = all[id]!;
  return out;
}
