// The PKI against the real openssl CLI, in a throwaway folder (never the checkout's CA).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned, ensureLocalCa, openssl } from '../src/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctp-local-pki-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const certificate = async (file: string) => new X509Certificate(await readFile(file));

describe('ensureLocalCa', () => {
  it('makes a CA once, named as asked, and reuses it', async () => {
    const ca = await ensureLocalCa(join(dir, 'ca'), { commonName: 'ctp test CA' });
    const cert = await certificate(ca.cert);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('O=Content Trust Portal\nCN=ctp test CA');
    const again = await ensureLocalCa(join(dir, 'ca'));
    expect(await readFile(again.cert, 'utf8')).toBe(await readFile(ca.cert, 'utf8'));
  });

  it('issues a leaf with the requested names and usage, reused until another CA asks', async () => {
    const ca = await ensureLocalCa(join(dir, 'ca'));
    const request = {
      dir: join(dir, 'tls'),
      name: 'server',
      commonName: 'localhost',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      usage: 'server' as const,
    };
    const leaf = await ca.issue(request);
    const cert = await certificate(leaf.cert);
    expect(cert.checkIssued(await certificate(ca.cert))).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkPrivateKey(createPrivateKey(await readFile(leaf.key)))).toBe(true);
    const pem = await readFile(leaf.cert, 'utf8');
    expect(await readFile((await ca.issue(request)).cert, 'utf8')).toBe(pem);

    const other = await ensureLocalCa(join(dir, 'other-ca'));
    const reissued = await certificate((await other.issue(request)).cert);
    expect(reissued.checkIssued(await certificate(other.cert))).toBe(true);
  });
});

describe('createSelfSigned', () => {
  it('keeps slashes in the common name, writes PKCS#8 and applies the extensions', async () => {
    const files = await createSelfSigned({
      dir: join(dir, 'keys'),
      name: 'root',
      commonName: '127.0.0.1:4443/ctp/app',
      days: 30,
      extensions: ['basicConstraints=critical,CA:FALSE'],
    });
    const cert = await certificate(files.cert);
    expect(cert.subject).toBe('CN=127.0.0.1:4443/ctp/app');
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(cert)).toBe(true);
    const key = await readFile(files.key, 'utf8');
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(cert.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
});

describe('openssl', () => {
  it('reports a failure with what openssl said', async () => {
    await expect(openssl(['x509', '-in', join(dir, 'missing.pem')])).rejects.toThrow(
      /openssl x509 failed: .*missing\.pem/s,
    );
  });
});
