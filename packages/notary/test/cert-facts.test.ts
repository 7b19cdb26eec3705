// The two certificate parsers (Node's native X509Certificate with keys/der.ts, and @peculiar/x509 for
// browsers) must report the same facts: on the fixture's real root and delegation certificates (made by
// the notary CLI and openssl), and on an RSA and a SHA-1 signed certificate made here with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certFacts } from '../src/keys/cert-facts.ts';
import { providedFixture } from './support/fixture.ts';

const fx = providedFixture();
const dir = mkdtempSync(join(tmpdir(), 'ctp-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const derOfPem = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));

function opensslCert(name: string, args: string[]): Uint8Array {
  const out = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-nodes',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      out,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      ...args,
    ],
    { stdio: 'ignore' },
  );
  return derOfPem(readFileSync(out, 'utf8'));
}

async function rootCertificates(): Promise<Uint8Array[]> {
  const res = await fx.fetch(`${fx.url}/v2/${fx.gun['two-signers']}/_trust/tuf/root.json`);
  const root = (await res.json()) as {
    signed: { keys: Record<string, { keytype: string; keyval: { public: string } }> };
  };
  return Object.values(root.signed.keys)
    .filter((k) => k.keytype.endsWith('-x509'))
    .map((k) => derOfPem(Buffer.from(k.keyval.public, 'base64').toString('utf8')));
}

describe('certificate facts: native and portable parsers agree', () => {
  it('on root, delegation, RSA and SHA-1 certificates', async () => {
    const certs = [
      ...(await rootCertificates()),
      ...Object.values(fx.keys).map((k) => derOfPem(readFileSync(k.cert, 'utf8'))),
      opensslCert('rsa', ['-newkey', 'rsa:2048']),
      opensslCert('sha1', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-sha1']),
    ];
    expect(certs.length).toBeGreaterThan(6);
    for (const der of certs) {
      const native = certFacts(der);
      const portable = certFacts(der, 'portable');
      expect(native).toBeDefined();
      expect(native).toEqual(portable);
    }
    const sha1 = certFacts(certs.at(-1)!)!;
    expect(sha1.sha1Signed).toBe(true);
    expect(certFacts(certs.at(-2)!)).toMatchObject({ keyType: 'rsa', rsaBits: 2048, sha1Signed: false });
    expect(certFacts(certs[0]!)).toMatchObject({
      commonName: fx.gun['two-signers'],
      keyType: 'ec',
      isCa: false,
    });
  });

  it('refuses what is not a certificate, whatever the parser', () => {
    for (const bad of [
      new Uint8Array([0x30, 0x03, 0x02, 0x01]),
      new Uint8Array(0),
      new Uint8Array([0x30, 0x82, 0xff, 0xff]),
    ]) {
      expect(certFacts(bad)).toBeUndefined();
      expect(certFacts(bad, 'portable')).toBeUndefined();
    }
  });
});
