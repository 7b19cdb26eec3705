// Record-and-replay of trust data (the content-trust export): what a recording source saw while the
// verifier read a real notary-server's GUN verifies again, offline, to the same view.
import { describe, expect, it } from 'vitest';
import {
  createNotaryApi,
  dockerInspect,
  recordingSource,
  replaySource,
  SignatureMemo,
  verifyChain,
} from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';

const fx = providedFixture();
const now = new Date();

describe('recordingSource / replaySource', () => {
  it('replays a two-signer GUN to the same docker trust inspect, from the recorded files only', async () => {
    const gun = fx.gun['two-signers'];
    const recorder = recordingSource(createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch }).source(gun));
    const live = await verifyChain(gun, recorder, { now, memo: new SignatureMemo() });
    expect(live.result.kind).toBe('verified');
    const files = recorder.files();
    expect(files.map((f) => f.role).sort()).toEqual(
      ['root', 'snapshot', 'targets', 'targets/alice', 'targets/bob', 'targets/releases', 'timestamp'].sort(),
    );
    for (const f of files) {
      expect(f.length).toBe(f.bytes.length);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(f.version).toBeGreaterThan(0);
    }
    expect(
      files
        .filter((f) => f.current)
        .map((f) => f.role)
        .sort(),
    ).toEqual(['root', 'timestamp']);

    const replayed = await verifyChain(gun, replaySource(files), { now, memo: new SignatureMemo() });
    if (live.result.kind !== 'verified' || replayed.result.kind !== 'verified')
      throw new Error('not verified');
    expect(dockerInspect(replayed.result.view, gun)).toEqual(dockerInspect(live.result.view, gun));
  });

  it('a replay missing one delegation file the snapshot binds is invalid (missing)', async () => {
    const gun = fx.gun['two-signers'];
    const recorder = recordingSource(createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch }).source(gun));
    await verifyChain(gun, recorder, { now, memo: new SignatureMemo() });
    const without = recorder.files().filter((f) => f.role !== 'targets/bob');
    const replayed = await verifyChain(gun, replaySource(without), { now, memo: new SignatureMemo() });
    expect(replayed.result).toMatchObject({ kind: 'invalid', role: 'targets/bob', check: 'missing' });
  });

  it('a GUN without trust data records nothing and replays as no trust data', async () => {
    const gun = `${fx.gun.base}-never-published`;
    const recorder = recordingSource(createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch }).source(gun));
    const live = await verifyChain(gun, recorder, { now, memo: new SignatureMemo() });
    expect(live.result.kind).toBe('no-trust-data');
    expect(recorder.files()).toEqual([]);
    expect((await verifyChain(gun, replaySource([]), { now, memo: new SignatureMemo() })).result.kind).toBe(
      'no-trust-data',
    );
  });
});
