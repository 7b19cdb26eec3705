import path from 'node:path';
import type { CertificateFiles } from './local-ca.ts';
import { NEW_P256_KEY, openssl, subject } from './openssl.ts';
import { makePrivateDir } from './private-dir.ts';

export interface SelfSignedRequest {
  /** Folder for `<name>.crt` / `<name>.key` (made owner-only if missing). */
  dir: string;
  name: string;
  commonName: string;
  organization?: string;
  days: number;
  /** X.509v3 extensions as `openssl req -addext` values; without any, openssl.cnf's defaults apply. */
  extensions?: string[];
}

/** A new EC P-256 key (unencrypted PKCS#8 PEM) and a self-signed certificate for it; always made afresh. */
export async function createSelfSigned(request: SelfSignedRequest): Promise<CertificateFiles> {
  await makePrivateDir(request.dir);
  const out = {
    cert: path.join(request.dir, `${request.name}.crt`),
    key: path.join(request.dir, `${request.name}.key`),
  };
  await openssl([
    'req',
    '-x509',
    ...NEW_P256_KEY,
    '-keyout',
    out.key,
    '-out',
    out.cert,
    '-days',
    String(request.days),
    '-subj',
    subject(request),
    ...(request.extensions ?? []).flatMap((extension) => ['-addext', extension]),
  ]);
  return out;
}
