// Every key type and signature method Notary uses, signed with Node crypto, verified by the WebCrypto core.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../src/canonical-json.ts';
import { tufKeyId, canonicalKeyId } from '../src/keys/key-id.ts';
import { SignatureMemo, verifyThreshold } from '../src/signatures.ts';
import type { PublicKeyDoc } from '../src/metadata/schemas.ts';

const signed = {
  _type: 'Targets',
  version: 1,
  expires: '2030-01-01T00:00:00Z',
  targets: { 'a<&>é': { length: 1, hashes: {} } },
};
const msg = canonicalBytes(signed);
const b64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');

async function role(doc: PublicKeyDoc, threshold = 1) {
  const id = await tufKeyId(doc);
  return { id, role: { name: 'targets', keys: { [id]: doc }, threshold } };
}

function spki(k: KeyObject) {
  return b64(k.export({ format: 'der', type: 'spki' }));
}

describe('signature methods and key types', () => {
  it('ecdsa: raw r||s verifies, DER encoding does not', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { id, role: r } = await role({ keytype: 'ecdsa', keyval: { public: spki(publicKey) } });
    const raw = b64(sign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    const der = b64(sign('sha256', msg, privateKey));
    expect(
      (await verifyThreshold(signed, [{ keyid: id, method: 'ECDSA', sig: raw }], r, new SignatureMemo())).ok,
    ).toBe(true);
    expect(
      (await verifyThreshold(signed, [{ keyid: id, method: 'ecdsa', sig: der }], r, new SignatureMemo())).ok,
    ).toBe(false);
  });

  it('ed25519 / eddsa', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const rawPub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const { id, role: r } = await role({ keytype: 'ed25519', keyval: { public: b64(rawPub) } });
    expect(
      (
        await verifyThreshold(
          signed,
          [{ keyid: id, method: 'eddsa', sig: b64(sign(null, msg, privateKey)) }],
          r,
          new SignatureMemo(),
        )
      ).ok,
    ).toBe(true);
  });

  it('rsa: rsapss with salt 32 and rsapkcs1v15; keys under 2048 bits are refused', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { id, role: r } = await role({ keytype: 'rsa', keyval: { public: spki(publicKey) } });
    const pss = b64(sign('sha256', msg, { key: privateKey, padding: 6, saltLength: 32 }));
    const pkcs1 = b64(sign('sha256', msg, privateKey));
    expect(
      (await verifyThreshold(signed, [{ keyid: id, method: 'rsapss', sig: pss }], r, new SignatureMemo())).ok,
    ).toBe(true);
    expect(
      (
        await verifyThreshold(
          signed,
          [{ keyid: id, method: 'rsapkcs1v15', sig: pkcs1 }],
          r,
          new SignatureMemo(),
        )
      ).ok,
    ).toBe(true);
    expect(
      (await verifyThreshold(signed, [{ keyid: id, method: 'rsapss', sig: pkcs1 }], r, new SignatureMemo()))
        .ok,
    ).toBe(false);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const s = await role({ keytype: 'rsa', keyval: { public: spki(small.publicKey) } });
    const smallSig = b64(sign('sha256', msg, { key: small.privateKey, padding: 6, saltLength: 32 }));
    expect(
      (
        await verifyThreshold(
          signed,
          [{ keyid: s.id, method: 'rsapss', sig: smallSig }],
          s.role,
          new SignatureMemo(),
        )
      ).ok,
    ).toBe(false);
  });

  it('ecdsa-x509 and rsa-x509: the certificate key verifies; canonical ID = ID of the plain key', async () => {
    for (const alg of [
      { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
    ]) {
      const keys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: '01',
        name: 'CN=signer',
        notBefore: new Date(),
        notAfter: new Date(Date.now() + 1e9),
        signingAlgorithm: alg,
        keys,
      });
      const ecdsa = alg.name === 'ECDSA';
      const doc = {
        keytype: ecdsa ? 'ecdsa-x509' : 'rsa-x509',
        keyval: { public: b64(Buffer.from(cert.toString('pem'))) },
      };
      const { id, role: r } = await role(doc);
      const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
      const { createPrivateKey } = await import('node:crypto');
      const priv = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      const sig = ecdsa
        ? b64(sign('sha256', msg, { key: priv, dsaEncoding: 'ieee-p1363' }))
        : b64(sign('sha256', msg, { key: priv, padding: 6, saltLength: 32 }));
      expect(
        (
          await verifyThreshold(
            signed,
            [{ keyid: id, method: ecdsa ? 'ecdsa' : 'rsapss', sig }],
            r,
            new SignatureMemo(),
          )
        ).ok,
      ).toBe(true);
      const plain = await tufKeyId({
        keytype: ecdsa ? 'ecdsa' : 'rsa',
        keyval: { public: b64(new Uint8Array(cert.publicKey.rawData)) },
      });
      expect(await canonicalKeyId(doc)).toBe(plain);
      expect(plain).not.toBe(id);
    }
  });

  it('thresholds: one key counts once; a key that does not hash to its ID is a key-id failure', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { id, role: r } = await role({ keytype: 'ecdsa', keyval: { public: spki(publicKey) } }, 2);
    const sig = b64(sign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    expect(
      await verifyThreshold(
        signed,
        [
          { keyid: id, method: 'ecdsa', sig },
          { keyid: id, method: 'ecdsa', sig },
        ],
        r,
        new SignatureMemo(),
      ),
    ).toMatchObject({ ok: false, check: 'signature' });
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const lying = {
      name: 'targets',
      keys: { [id]: { keytype: 'ecdsa', keyval: { public: spki(other) } } },
      threshold: 1,
    };
    expect(
      await verifyThreshold(signed, [{ keyid: id, method: 'ecdsa', sig }], lying, new SignatureMemo()),
    ).toMatchObject({ ok: false, check: 'key-id' });
  });
});
