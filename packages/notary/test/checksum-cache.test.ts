// A checksum-addressed file (`<role>.<sha256>.json`) is immutable, so the trust client keeps its bytes
// by checksum. One garbled or hostile answer must not be kept under the genuine checksum: the next
// verification would read it from the cache instead of asking again, and the repository would stay
// invalid after the trust server is healthy again (until the cache evicted it). Only bytes whose sha256
// is the checksum they were asked for are cached.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTrustCache } from '../src/cache.ts';
import { cachingSource, createTrustClient } from '../src/trust-client.ts';
import { sha256Hex, utf8 } from '../src/encoding.ts';
import type { FetchResult, MetadataSource } from '../src/verify/source.ts';
import { providedFixture } from './support/fixture.ts';
import { releasesTamperKit } from './support/releases-kit.ts';
import { startFileServer, type TamperKit } from './support/tamper-kit.ts';

const GUN = 'localhost:5000/app';

/** A source whose checksum-addressed answers come from `answers` in turn, counting the calls. */
function scriptedSource(answers: FetchResult[]): MetadataSource & { calls: number } {
  const source = {
    calls: 0,
    current: () => Promise.resolve<FetchResult>({ kind: 'not-found' }),
    byVersion: () => Promise.resolve<FetchResult>({ kind: 'not-found' }),
    byChecksum: () => {
      const answer = answers[Math.min(source.calls, answers.length - 1)]!;
      source.calls++;
      return Promise.resolve(answer);
    },
  };
  return source;
}

describe('the checksum cache of the trust client', () => {
  const genuine = utf8('{"signed":{"_type":"Snapshot"},"signatures":[]}');
  const garbled = utf8('{"signed":{"_type":"Snap');

  it('passes a mismatching answer on but does not keep it: the next request asks again', async () => {
    const checksum = await sha256Hex(genuine);
    const inner = scriptedSource([
      { kind: 'ok', bytes: garbled },
      { kind: 'ok', bytes: genuine },
    ]);
    const source = cachingSource(GUN, inner, createTrustCache());
    // The verifier sees what was served (and refuses it by its hash); the cache does not keep it.
    expect(await source.byChecksum('snapshot', checksum, 1024)).toEqual({ kind: 'ok', bytes: garbled });
    expect(await source.byChecksum('snapshot', checksum, 1024)).toEqual({ kind: 'ok', bytes: genuine });
    expect(inner.calls).toBe(2);
  });

  it('keeps the bytes that match their checksum: asked once, served from the cache afterwards', async () => {
    const checksum = await sha256Hex(genuine);
    const inner = scriptedSource([{ kind: 'ok', bytes: genuine }]);
    const source = cachingSource(GUN, inner, createTrustCache());
    for (let i = 0; i < 3; i++)
      expect(await source.byChecksum('snapshot', checksum, 1024)).toEqual({ kind: 'ok', bytes: genuine });
    expect(inner.calls).toBe(1);
  });

  it('compares checksums in any letter case (the hex comes from the parent role)', async () => {
    const checksum = (await sha256Hex(genuine)).toUpperCase();
    const inner = scriptedSource([{ kind: 'ok', bytes: genuine }]);
    const source = cachingSource(GUN, inner, createTrustCache());
    await source.byChecksum('snapshot', checksum, 1024);
    await source.byChecksum('snapshot', checksum, 1024);
    expect(inner.calls).toBe(1);
  });
});

describe('a trust client after one garbled snapshot (real trust data, re-served)', () => {
  const fx = providedFixture();
  const gun = fx.gun.releases;
  let kit: TamperKit;
  let server: Awaited<ReturnType<typeof startFileServer>>;

  beforeAll(async () => {
    ({ kit } = await releasesTamperKit(fx));
    server = await startFileServer();
  });
  afterAll(() => server?.close());

  it('is invalid while the snapshot is garbled and verified again as soon as it is served intact', async () => {
    const good = kit.build();
    const snapshotFile = [...good.keys()].find((f) => f.startsWith('snapshot.'))!;
    const garbled = new Map(good);
    garbled.set(snapshotFile, good.get(snapshotFile)!.subarray(0, 100));
    const client = createTrustClient({ serverUrl: server.url, cache: createTrustCache() });

    server.set(garbled);
    expect(await client.verifyRepository(gun)).toMatchObject({ kind: 'invalid', role: 'snapshot' });
    server.set(good);
    expect((await client.verifyRepository(gun)).kind).toBe('verified');
  });
});
