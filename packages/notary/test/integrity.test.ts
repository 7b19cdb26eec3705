// Snapshot and timestamp integrity beyond expiry, on re-signed copies of real trust data: a broken
// snapshot signature, a snapshot the timestamp no longer binds, version rollbacks of timestamp and
// snapshot, and the fast path (timestamp unchanged → cached view reused) still refusing a rollback.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTrustCache, createTrustClient, memorySeenStore, type VerifyResult } from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
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

const client = (opts: { cache?: ReturnType<typeof createTrustCache> } = {}) =>
  createTrustClient({ serverUrl: server.url, ...opts });

async function served(files: Map<string, Uint8Array>, c = client()): Promise<VerifyResult> {
  server.set(files);
  return c.verifyRepository(gun);
}

const bump = (by: number) => (doc: Envelope) => void ((doc.signed as { version: number }).version += by);

function flipFirstSigByte(doc: Envelope) {
  const sig = Buffer.from(doc.signatures[0]!.sig, 'base64');
  sig[0] = sig[0]! ^ 0x01;
  doc.signatures[0]!.sig = sig.toString('base64');
}

const snapshotPath = (files: Map<string, Uint8Array>) =>
  [...files.keys()].find((f) => f.startsWith('snapshot.'))!;

describe('snapshot and timestamp integrity', () => {
  it('control: the faithful re-signed copy verifies', async () => {
    expect((await served(kit.build())).kind).toBe('verified');
  });

  it('a flipped snapshot signature (the snapshot still bound by the timestamp) → snapshot / signature', async () => {
    expect(await served(kit.build({ afterSign: { snapshot: flipFirstSigByte } }))).toMatchObject({
      kind: 'invalid',
      role: 'snapshot',
      check: 'signature',
    });
  });

  it('a validly signed snapshot that the timestamp does not bind → snapshot / hash', async () => {
    const bound = kit.build();
    // Another snapshot, signed by the real snapshot key, of the same length (version 1 digit higher).
    const other = kit.build({ beforeSign: { snapshot: bump(1) } });
    const files = new Map(bound);
    const path = snapshotPath(bound);
    const replacement = other.get(snapshotPath(other))!;
    expect(replacement.length).toBe(bound.get(path)!.length);
    files.set(path, replacement);
    expect(await served(files)).toMatchObject({ kind: 'invalid', role: 'snapshot', check: 'hash' });
  });

  it('a snapshot rolled back to a lower version after a higher one was seen → snapshot / rollback', async () => {
    const c = client();
    expect((await served(kit.build({ beforeSign: { snapshot: bump(3) } }), c)).kind).toBe('verified');
    expect(await served(kit.build(), c)).toMatchObject({
      kind: 'invalid',
      role: 'snapshot',
      check: 'rollback',
      message: expect.stringMatching(/snapshot version \d+ is lower than current version \d+/),
    });
  });

  it('a timestamp rolled back to a lower version after a higher one was seen → timestamp / rollback', async () => {
    const c = client();
    expect((await served(kit.build({ beforeSign: { timestamp: bump(4) } }), c)).kind).toBe('verified');
    expect(await served(kit.build(), c)).toMatchObject({
      kind: 'invalid',
      role: 'timestamp',
      check: 'rollback',
    });
  });

  it('the fast path (timestamp unchanged) reuses the view, yet refuses a timestamp older than one seen since', async () => {
    // Two clients share one seen store (as portal instances share a database); A keeps its own view cache.
    const seen = memorySeenStore();
    const a = client({ cache: createTrustCache({ seen }) });
    const b = client({ cache: createTrustCache({ seen }) });
    const old = kit.build();
    expect((await served(old, a)).kind).toBe('verified');

    // Control: the same timestamp again is answered from the cached view, without fetching the snapshot.
    server.requests.length = 0;
    expect((await served(old, a)).kind).toBe('verified');
    expect(server.requests.some((r) => r.includes('/snapshot.'))).toBe(false);

    // B sees a newer timestamp; then the server serves the old one, byte-identical to A's cached view.
    expect((await served(kit.build({ beforeSign: { timestamp: bump(2) } }), b)).kind).toBe('verified');
    expect(await served(old, a)).toMatchObject({ kind: 'invalid', role: 'timestamp', check: 'rollback' });
  });
});
