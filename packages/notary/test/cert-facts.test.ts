// The certificate facts the verifier reads (src/keys/x509-der.ts, its own DER walk) against two
// independent parsers: Node's X509Certificate (OpenSSL) and @peculiar/x509. On the fixture's real root
// and delegation certificates (made by the notary CLI and openssl) and on certificates made here with
// openssl to cover each field: RSA, SHA-1 signed, a CA, GeneralizedTime validity, several and non-ASCII
// common names. Malformed input is refused, never thrown.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { certFacts, type CertFacts } from '../src/keys/cert-facts.ts';
import { providedFixture } from './support/fixture.ts';

const fx = providedFixture();
const dir = mkdtempSync(join(tmpdir(), 'ctp-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const derOfPem = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64'));

function opensslCert(name: string, args: string[], subject = `/CN=${name}`): Uint8Array {
  const out = join(dir, `${name}.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-nodes', '-keyout', join(dir, `${name}.key`), '-out', out, '-subj', subject, ...args],
    { stdio: 'ignore' },
  );
  return derOfPem(readFileSync(out, 'utf8'));
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];

async function rootCertificates(): Promise<Uint8Array[]> {
  const res = await fx.fetch(`${fx.url}/v2/${fx.gun['two-signers']}/_trust/tuf/root.json`);
  const root = (await res.json()) as {
    signed: { keys: Record<string, { keytype: string; keyval: { public: string } }> };
  };
  return Object.values(root.signed.keys)
    .filter((k) => k.keytype.endsWith('-x509'))
    .map((k) => derOfPem(Buffer.from(k.keyval.public, 'base64').toString('utf8')));
}

/** The same facts from OpenSSL (Node) and @peculiar/x509: the oracles. */
function oracle(der: Uint8Array): CertFacts {
  const node = new X509Certificate(der);
  const peculiar = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  const algo = peculiar.publicKey.algorithm as { name: string; modulusLength?: number };
  const keyType =
    { ECDSA: 'ec', Ed25519: 'ed25519' }[algo.name] ?? (algo.name.startsWith('RSA') ? 'rsa' : algo.name);
  const cns = peculiar.subjectName.getField('CN');
  return {
    commonName: cns.at(-1),
    notBefore: new Date(node.validFrom),
    notAfter: new Date(node.validTo),
    isCa: peculiar.getExtension(x509.BasicConstraintsExtension)?.ca === true,
    spki: new Uint8Array(peculiar.publicKey.rawData),
    keyType,
    ...(algo.modulusLength ? { rsaBits: algo.modulusLength } : {}),
    sha1Signed: /sha-?1\b/i.test(JSON.stringify(peculiar.signatureAlgorithm)),
  };
}

describe('certificate facts', () => {
  it('equal what OpenSSL and @peculiar/x509 read, on real and generated certificates', async () => {
    const caConfig = join(dir, 'ca.cnf');
    writeFileSync(caConfig, '[req]\ndistinguished_name=dn\n[dn]\n[ext]\nbasicConstraints=critical,CA:TRUE\n');
    const certs = [
      ...(await rootCertificates()),
      ...Object.values(fx.keys).map((k) => derOfPem(readFileSync(k.cert, 'utf8'))),
      opensslCert('rsa', ['-newkey', 'rsa:2048', '-days', '2']),
      opensslCert('rsa3072', ['-newkey', 'rsa:3072', '-days', '2']),
      opensslCert('sha1', [...EC, '-sha1', '-days', '2']),
      opensslCert('ca', [...EC, '-days', '2', '-config', caConfig, '-extensions', 'ext']),
      // Validity past 2049 is written as GeneralizedTime.
      opensslCert('long', [...EC, '-days', '15000']),
      opensslCert('two-cns', [...EC, '-days', '2'], '/CN=first/O=org/CN=second'),
      opensslCert('utf8', [...EC, '-days', '2', '-utf8'], '/CN=dépôt-registre'),
    ];
    expect(certs.length).toBeGreaterThan(10);
    for (const der of certs) expect(certFacts(der)).toEqual(oracle(der));

    const facts = (i: number) => certFacts(certs.at(i)!)!;
    expect(facts(-5)).toMatchObject({ sha1Signed: true });
    expect(facts(-7)).toMatchObject({ keyType: 'rsa', rsaBits: 2048, sha1Signed: false });
    expect(facts(-6)).toMatchObject({ rsaBits: 3072 });
    expect(facts(-4)).toMatchObject({ isCa: true });
    expect(facts(-3).notAfter.getUTCFullYear()).toBeGreaterThan(2049);
    expect(facts(-2).commonName).toBe('second');
    expect(facts(-1).commonName).toBe('dépôt-registre');
    expect(certFacts(certs[0]!)).toMatchObject({
      commonName: fx.gun['two-signers'],
      keyType: 'ec',
      isCa: false,
    });
  });

  it('refuses what is not a well-formed certificate', async () => {
    const [good] = await rootCertificates();
    const trailing = new Uint8Array([...good!, 0]);
    const longFormLength = new Uint8Array([0x30, 0x81, 0x03, 0x02, 0x01, 0x00]);
    for (const bad of [
      new Uint8Array([0x30, 0x03, 0x02, 0x01]),
      new Uint8Array(0),
      new Uint8Array([0x30, 0x82, 0xff, 0xff]),
      trailing,
      longFormLength,
    ])
      expect(certFacts(bad)).toBeUndefined();
  });

  it('never throws on mangled certificates, and what it reads of them OpenSSL reads alike', async () => {
    const [good] = await rootCertificates();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: good!.length - 1 }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const der = new Uint8Array(good!);
          for (const [at, value] of edits) der[at] = value;
          const facts = certFacts(der);
          if (!facts) return;
          let node: X509Certificate;
          try {
            node = new X509Certificate(der);
          } catch {
            return; // OpenSSL is stricter on fields the verifier does not read (e.g. the signature value)
          }
          expect(facts.notAfter).toEqual(new Date(node.validTo));
          let spki: Uint8Array | undefined;
          try {
            spki = new Uint8Array(node.publicKey.export({ type: 'spki', format: 'der' }));
          } catch {
            return; // a key OpenSSL cannot decode: the verifier's key import refuses it as well
          }
          expect(facts.spki).toEqual(spki);
        },
      ),
      { numRuns: 500 },
    );
  });
});
