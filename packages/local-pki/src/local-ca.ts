import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { NEW_P256_KEY, openssl, subject } from './openssl.ts';
import { makePrivateDir } from './private-dir.ts';
import { createSelfSigned } from './self-signed.ts';

export interface CertificateFiles {
  cert: string;
  key: string;
}

export interface LocalCa extends CertificateFiles {
  /** Issue (or reuse, while valid for at least 30 more days) a certificate signed by this CA. */
  issue(request: LeafRequest): Promise<CertificateFiles>;
}

export interface LeafRequest {
  /** Folder for `<name>.crt` / `<name>.key`. */
  dir: string;
  name: string;
  commonName: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: 'server' | 'client' | 'server-and-client' | 'signing';
}

const CA_ORGANIZATION = 'Content Trust Portal';
const CA_COMMON_NAME = 'Content Trust Portal local CA';
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

/**
 * The CA is generated once per checkout (under caDir) and reused by every stack and test run. A fresh
 * folder (e.g. a temporary one) gives a throwaway CA; `commonName` tells such a CA apart.
 */
export async function ensureLocalCa(caDir: string, options: { commonName?: string } = {}): Promise<LocalCa> {
  await makePrivateDir(caDir);
  const files = { cert: path.join(caDir, 'ca.crt'), key: path.join(caDir, 'ca.key') };
  if (!(await isValidFor(files.cert, RENEW_BEFORE_MS)) || !existsSync(files.key)) {
    await createSelfSigned({
      dir: caDir,
      name: 'ca',
      organization: CA_ORGANIZATION,
      commonName: options.commonName ?? CA_COMMON_NAME,
      days: 3650,
      extensions: [
        'basicConstraints=critical,CA:TRUE',
        'keyUsage=critical,keyCertSign,cRLSign',
        'subjectKeyIdentifier=hash',
      ],
    });
  }
  return { ...files, issue: (request) => issueLeaf(files, request) };
}

async function issueLeaf(ca: CertificateFiles, request: LeafRequest): Promise<CertificateFiles> {
  await makePrivateDir(request.dir);
  const out = {
    cert: path.join(request.dir, `${request.name}.crt`),
    key: path.join(request.dir, `${request.name}.key`),
  };
  if (
    (await isValidFor(out.cert, RENEW_BEFORE_MS)) &&
    existsSync(out.key) &&
    (await issuedBy(out.cert, ca.cert))
  ) {
    return out;
  }
  const csr = `${out.cert}.csr`;
  const ext = `${out.cert}.ext`;
  const san = [
    ...(request.dnsNames ?? []).map((name) => `DNS:${name}`),
    ...(request.ipAddresses ?? []).map((ip) => `IP:${ip}`),
  ];
  const extendedUsage = {
    server: 'serverAuth',
    client: 'clientAuth',
    'server-and-client': 'serverAuth,clientAuth',
    signing: 'codeSigning',
  }[request.usage];
  await writeFile(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${extendedUsage}`,
      ...(san.length > 0 ? [`subjectAltName=${san.join(',')}`] : []),
      'authorityKeyIdentifier=keyid',
    ].join('\n'),
  );
  await openssl(['req', '-new', ...NEW_P256_KEY, '-keyout', out.key, '-out', csr, '-subj', subject(request)]);
  await openssl([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '365',
    '-sha256',
    '-extfile',
    ext,
    '-out',
    out.cert,
  ]);
  await rm(csr, { force: true });
  await rm(ext, { force: true });
  return out;
}

async function isValidFor(certFile: string, marginMs: number): Promise<boolean> {
  if (!existsSync(certFile)) return false;
  const cert = new X509Certificate(await readFile(certFile));
  return Date.parse(cert.validTo) - Date.now() > marginMs;
}

async function issuedBy(certFile: string, caFile: string): Promise<boolean> {
  const cert = new X509Certificate(await readFile(certFile));
  const ca = new X509Certificate(await readFile(caFile));
  return cert.verify(ca.publicKey);
}
