// Legitimate root rotations made by the real CLI (`notary key rotate <gun> root`, its confirmation
// answered) on a real notary-server: a client that trusted root v1 accepts v2 (signed by the old and the
// new key) and v3 after a second rotation by walking v2; an intermediate root signed only by its new
// key, or an older root served as current, is refused.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createNotaryApi,
  createTrustClient,
  SignatureMemo,
  verifyChain,
  type MetadataSource,
  type SeenState,
  type VerifyResult,
} from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
import { PASSPHRASE } from './support/notary-cli.ts';
import { digestOf, TARGET_SIZE } from './support/repositories.ts';
import type { Envelope } from './support/signing.ts';

const fx = providedFixture();
const gun = `${fx.hostPort}/ctp/root-rotation`;
const trustDir = join(fx.dir, 'trust', 'root-rotation');

/** `notary key rotate <gun> root`, answering its "are you sure" prompt with yes on stdin. */
function rotateRoot(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'notary',
      ['-s', fx.url, '--tlscacert', fx.caCert, '-d', trustDir, 'key', 'rotate', gun, 'root'],
      {
        env: {
          ...process.env,
          NOTARY_ROOT_PASSPHRASE: PASSPHRASE,
          NOTARY_TARGETS_PASSPHRASE: PASSPHRASE,
          NOTARY_SNAPSHOT_PASSPHRASE: PASSPHRASE,
        },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end('yes\n');
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`rotate root: ${code} ${out}`)),
    );
  });
}

const rootFile = async (file: string) => {
  const res = await fx.fetch(`${fx.url}/v2/${gun}/_trust/tuf/${file}`);
  expect(res.status, file).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const envelope = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8')) as Envelope;
const rootKeyIds = (env: Envelope) =>
  (env.signed as { roles: { root: { keyids: string[] } } }).roles.root.keyids;

/** The real server's files, with some replaced (a tampering the real server cannot be made to serve). */
function sourceWith(replace: {
  current?: Uint8Array;
  byVersion?: Record<number, Uint8Array>;
}): MetadataSource {
  const real = createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch }).source(gun);
  return {
    current: (role, max) =>
      role === 'root' && replace.current
        ? Promise.resolve({ kind: 'ok', bytes: replace.current })
        : real.current(role, max),
    byChecksum: (role, hex, max) => real.byChecksum(role, hex, max),
    byVersion: (role, version, max) => {
      const bytes = role === 'root' ? replace.byVersion?.[version] : undefined;
      return bytes ? Promise.resolve({ kind: 'ok', bytes }) : real.byVersion(role, version, max);
    },
  };
}

const verifyWith = async (source: MetadataSource, seen: SeenState): Promise<VerifyResult> =>
  (await verifyChain(gun, source, { now: new Date(), memo: new SignatureMemo(), seen })).result;

let seenAtV1: SeenState;
let v1: Uint8Array;
let v2: Uint8Array;
let v3: Uint8Array;

beforeAll(async () => {
  const cli = await fx.cli('root-rotation');
  await cli.run('init', gun, '-p');
  await cli.run('addhash', gun, 'v1', String(TARGET_SIZE), '--sha256', digestOf('rotation:v1'));
  await cli.run('publish', gun);
  // A client trusts root v1 (first sight), and keeps what it saw.
  const first = createTrustClient({ serverUrl: fx.url, fetch: fx.fetch });
  const r = await first.verifyRepository(gun);
  expect(r.kind).toBe('verified');
  seenAtV1 = (await first.cache.seen.get(gun))!;
  expect(seenAtV1.root?.version).toBe(1);
  v1 = await rootFile('1.root.json');
});

describe('root rotation with notary key rotate', () => {
  it('v2 is signed by the old and the new root key and verifies for a client that trusted v1', async () => {
    await rotateRoot();
    v2 = await rootFile('2.root.json');
    const doc = envelope(v2);
    expect((doc.signed as { version: number }).version).toBe(2);
    const [oldKey] = rootKeyIds(envelope(v1));
    const [newKey] = rootKeyIds(doc);
    expect(newKey).not.toBe(oldKey);
    expect(doc.signatures.map((s) => s.keyid).sort()).toEqual([oldKey, newKey].sort());

    const r = await verifyWith(sourceWith({}), seenAtV1);
    expect(r.kind, JSON.stringify(r)).toBe('verified');
    if (r.kind !== 'verified') return;
    expect(r.view.root.version).toBe(2);
    expect(r.view.root.roleKeyIds.root).toEqual([newKey]);
    expect(r.view.targetsRoles[0]!.targets.v1?.sha256Hex).toBe(digestOf('rotation:v1'));
  });

  it('v3 after a second rotation is not signed by v1 key, and verifies from v1 through v2', async () => {
    await rotateRoot();
    v3 = await rootFile('3.root.json');
    const [v1Key] = rootKeyIds(envelope(v1));
    expect(envelope(v3).signatures.map((s) => s.keyid)).not.toContain(v1Key);
    const r = await verifyWith(sourceWith({}), seenAtV1);
    expect(r.kind, JSON.stringify(r)).toBe('verified');
    if (r.kind === 'verified') expect(r.view.root.version).toBe(3);
  });

  it('refuses the walk when the intermediate v2 is signed only by its new key', async () => {
    const doc = envelope(v2);
    const [v1Key] = rootKeyIds(envelope(v1));
    // Same signed content; the old key's signature removed (the new key's one still valid).
    const onlyNew = { ...doc, signatures: doc.signatures.filter((s) => s.keyid !== v1Key) };
    expect(onlyNew.signatures).toHaveLength(1);
    const r = await verifyWith(
      sourceWith({ byVersion: { 2: new TextEncoder().encode(JSON.stringify(onlyNew)) } }),
      seenAtV1,
    );
    expect(r).toMatchObject({
      kind: 'invalid',
      role: 'root',
      check: 'root-rotation',
      message: "root version 2 is not signed by root version 1's keys",
    });
  });

  it('refuses root v1 served as current to a client that has trusted v3 (root rollback)', async () => {
    const latest = createTrustClient({ serverUrl: fx.url, fetch: fx.fetch });
    expect((await latest.verifyRepository(gun)).kind).toBe('verified');
    const seenAtV3 = (await latest.cache.seen.get(gun))!;
    expect(seenAtV3.root?.version).toBe(3);
    expect(await verifyWith(sourceWith({ current: v1 }), seenAtV3)).toMatchObject({
      kind: 'invalid',
      role: 'root',
      check: 'rollback',
      message: 'root version 1 is lower than current version 3',
    });
  });
});
