// Tampering: modified copies of real notary metadata, served by a test server. Each must be reported
// invalid with the right role and check, and never as signed.
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSigned } from '@ctp/local-pki';
import { tufKeyId } from '../src/keys/key-id.ts';
import { classifyTags, createTrustClient, dockerSignedTarget, type VerifyResult } from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
import { digestOf } from './support/repositories.ts';
import type { Envelope } from './support/signing.ts';
import { releasesTamperKit } from './support/releases-kit.ts';
import { startFileServer, type TamperKit } from './support/tamper-kit.ts';

const fx = providedFixture();
const gun = fx.gun.releases;
let kit: TamperKit;
let server: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  ({ kit } = await releasesTamperKit(fx));
  server = await startFileServer();
});
afterAll(() => server?.close());

const registryTags = [
  { tag: 'v1', digest: `sha256:${digestOf('releases:v1')}` },
  { tag: 'admin', digest: `sha256:${digestOf('releases:admin')}` },
];

async function verifyServed(
  files: Map<string, Uint8Array>,
  name = gun,
  client = createTrustClient({ serverUrl: server.url }),
): Promise<VerifyResult> {
  server.set(files);
  const result = await client.verifyRepository(name);
  // Whatever happened, nothing may come out as signed unless verification succeeded.
  if (result.kind !== 'verified')
    expect(classifyTags(result, registryTags).every((t) => t.status !== 'signed')).toBe(true);
  return result;
}

function flipFirstSigByte(doc: Envelope) {
  const sig = Buffer.from(doc.signatures[0]!.sig, 'base64');
  sig[0] = sig[0]! ^ 0x01;
  doc.signatures[0]!.sig = sig.toString('base64');
}

const setTarget = (role: string, tag: string, label: string) => (doc: Envelope) => {
  const t = (doc.signed as { targets: Record<string, { hashes: Record<string, string> }> }).targets[tag]!;
  t.hashes = { sha256: Buffer.from(digestOf(label), 'hex').toString('base64') };
  void role;
};

describe('tampered copies of real trust data', () => {
  it('control: the re-signed faithful copy verifies and keeps the signed tags', async () => {
    const r = await verifyServed(kit.build());
    expect(r.kind).toBe('verified');
    if (r.kind !== 'verified') return;
    expect(classifyTags(r, registryTags).map((t) => [t.tag, t.status])).toEqual([
      ['admin', 'signed'],
      ['v1', 'signed'],
    ]);
  });

  it('a flipped signature byte (targets) → targets / signature', async () => {
    expect(await verifyServed(kit.build({ afterSign: { targets: flipFirstSigByte } }))).toMatchObject({
      kind: 'invalid',
      role: 'targets',
      check: 'signature',
    });
  });

  it('a flipped signature byte (timestamp) → timestamp / signature', async () => {
    expect(await verifyServed(kit.build({ afterSign: { timestamp: flipFirstSigByte } }))).toMatchObject({
      kind: 'invalid',
      role: 'timestamp',
      check: 'signature',
    });
  });

  it('a changed target hash in targets, not re-signed → targets / signature', async () => {
    const r = await verifyServed(
      kit.build({ afterSign: { targets: setTarget('targets', 'admin', 'evil') } }),
    );
    expect(r).toMatchObject({ kind: 'invalid', role: 'targets', check: 'signature' });
  });

  it('a changed target hash in targets/releases → that delegation is skipped (as Notary does) and v1 is not signed', async () => {
    const r = await verifyServed(
      kit.build({ afterSign: { 'targets/releases': setTarget('targets/releases', 'v1', 'evil') } }),
    );
    expect(r.kind).toBe('verified');
    if (r.kind !== 'verified') return;
    const releases = r.view.targetsRoles.find((x) => x.name === 'targets/releases')!;
    expect(releases).toMatchObject({ status: 'invalid', failure: { check: 'signature' } });
    expect(dockerSignedTarget(r.view, 'v1')).toBeUndefined();
    expect(classifyTags(r, registryTags).find((t) => t.tag === 'v1')?.status).toBe('unsigned');
  });

  it('a snapshot hash that no longer binds targets → targets / hash', async () => {
    // Same length, different bytes: flip a digit inside the served targets file.
    const swap = (b: Uint8Array) => {
      const text = Buffer.from(b)
        .toString('utf8')
        .replace(/"version":(\d)/, (_m, d: string) => `"version":${(Number(d) + 1) % 10}`);
      return new Uint8Array(Buffer.from(text));
    };
    expect(await verifyServed(kit.build({ serveInstead: { targets: swap } }))).toMatchObject({
      kind: 'invalid',
      role: 'targets',
      check: 'hash',
    });
  });

  it('a lowered version after a higher one was seen → targets / rollback', async () => {
    const client = createTrustClient({ serverUrl: server.url });
    const bump = (doc: Envelope) => void ((doc.signed as { version: number }).version += 5);
    expect((await verifyServed(kit.build({ beforeSign: { targets: bump } }), gun, client)).kind).toBe(
      'verified',
    );
    const r = await verifyServed(kit.build(), gun, client);
    expect(r).toMatchObject({ kind: 'invalid', role: 'targets', check: 'rollback' });
  });

  it('an expired timestamp → timestamp / expired', async () => {
    const expire = (doc: Envelope) =>
      void ((doc.signed as { expires: string }).expires = '2020-01-01T00:00:00Z');
    expect(await verifyServed(kit.build({ beforeSign: { timestamp: expire } }))).toMatchObject({
      kind: 'invalid',
      role: 'timestamp',
      check: 'expired',
    });
  });

  it('an expired delegation is skipped; an expired snapshot is fatal', async () => {
    const expire = (doc: Envelope) =>
      void ((doc.signed as { expires: string }).expires = '2020-01-01T00:00:00Z');
    const r = await verifyServed(kit.build({ beforeSign: { 'targets/releases': expire } }));
    expect(
      r.kind === 'verified' && r.view.targetsRoles.find((x) => x.name === 'targets/releases')?.failure?.check,
    ).toBe('expired');
    expect(await verifyServed(kit.build({ beforeSign: { snapshot: expire } }))).toMatchObject({
      kind: 'invalid',
      role: 'snapshot',
      check: 'expired',
    });
  });

  it('a key swapped in root (targets key replaced, root not re-signed) → root / signature', async () => {
    const swapKey = (doc: Envelope) => {
      const root = doc.signed as { keys: Record<string, unknown>; roles: { targets: { keyids: string[] } } };
      root.keys.attacker = {
        keytype: 'ed25519',
        keyval: { public: Buffer.alloc(32, 7).toString('base64'), private: null },
      };
      root.roles.targets.keyids = ['attacker'];
    };
    expect(await verifyServed(kit.build({ afterSign: { root: swapKey } }))).toMatchObject({
      kind: 'invalid',
      role: 'root',
      check: 'signature',
    });
  });

  it('a key whose content does not hash to its ID → key-id', async () => {
    const swapValue = (doc: Envelope) => {
      const root = doc.signed as {
        keys: Record<string, { keyval: { public: string } }>;
        roles: { targets: { keyids: string[] } };
      };
      root.keys[root.roles.targets.keyids[0]!]!.keyval.public = Buffer.alloc(91, 1).toString('base64');
    };
    expect(await verifyServed(kit.build({ beforeSign: { root: swapValue } }))).toMatchObject({
      kind: 'invalid',
      role: 'targets',
      check: 'key-id',
    });
  });

  it('a root certificate for another GUN → root / certificate', async () => {
    const r = await verifyServed(kit.build(), `${fx.hostPort}/ctp/someone-else`);
    expect(r).toMatchObject({ kind: 'invalid', role: 'root', check: 'certificate' });
  });

  it('a root.json the snapshot does not bind → root / hash', async () => {
    const other = (b: Uint8Array) => new Uint8Array(Buffer.from(Buffer.from(b).toString('utf8') + ' '));
    const r = await verifyServed(kit.build({ serveInstead: { root: other } }));
    expect(r).toMatchObject({ kind: 'invalid', role: 'root' });
    expect(['hash', 'length']).toContain(r.kind === 'invalid' ? r.check : '');
  });

  it('a new root not signed by the previously seen root → root / root-rotation (and accepted without history)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-newroot-'));
    const files = await createSelfSigned({
      dir,
      name: 'new-root',
      commonName: gun,
      days: 30,
      extensions: ['basicConstraints=critical,CA:FALSE'],
    });
    const pem = readFileSync(files.cert, 'utf8');
    const keyDoc = {
      keytype: 'ecdsa-x509',
      keyval: { public: Buffer.from(pem).toString('base64'), private: null },
    };
    const newRootKey = {
      keyid: await tufKeyId(keyDoc),
      key: createPrivateKey(readFileSync(files.key)),
      keyDoc,
    };
    rmSync(dir, { recursive: true, force: true });

    const client = createTrustClient({ serverUrl: server.url });
    expect((await verifyServed(kit.build(), gun, client)).kind).toBe('verified');
    const rotated = kit.build({ newRootKey });
    expect(await verifyServed(rotated, gun, client)).toMatchObject({
      kind: 'invalid',
      role: 'root',
      check: 'root-rotation',
    });
    // The same files are a valid first sight (TOFU) for a client with no history.
    expect((await verifyServed(rotated)).kind).toBe('verified');
  });
});
