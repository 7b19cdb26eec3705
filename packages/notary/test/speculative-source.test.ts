// speculativeSource asks for the current snapshot and targets with the timestamp (one round trip per
// GUN) and answers the chain's by-checksum asks from them only when they are the files asked for. On a
// real notary-server with trust data made by the real notary CLI: an unchanged GUN needs no by-checksum
// fetch; a GUN published between the guess and the timestamp (replayed: the guesses are the files
// served before a real publish) is verified from the files its new timestamp binds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNotaryApi } from '../src/client/server-api.ts';
import { speculativeSource } from '../src/client/speculative-source.ts';
import { SignatureMemo } from '../src/signatures.ts';
import { verifyChain } from '../src/verify/chain.ts';
import type { FetchResult, MetadataSource } from '../src/verify/source.ts';
import type { TrustView } from '../src/verify/types.ts';
import { providedFixture } from './support/fixture.ts';
import { notaryCli } from './support/notary-cli.ts';
import { digestOf } from './support/repositories.ts';

const fx = providedFixture();
const api = createNotaryApi({ serverUrl: fx.url, fetch: fx.fetch });

/** The live source, counting what is asked for; `stale` stands in for the current snapshot/targets. */
function liveSource(gun: string, stale: Record<string, FetchResult> = {}) {
  const live = api.source(gun);
  const asked: string[] = [];
  const source: MetadataSource = {
    current: (role, max) => {
      asked.push(`current:${role}`);
      return stale[role] ? Promise.resolve(stale[role]) : live.current(role, max);
    },
    byChecksum: (role, hex, max) => {
      asked.push(`byChecksum:${role}`);
      return live.byChecksum(role, hex, max);
    },
    byVersion: (role, version, max) => live.byVersion(role, version, max),
  };
  return { source, asked };
}

async function verifiedTags(gun: string, source: MetadataSource): Promise<string[]> {
  const { result } = await verifyChain(gun, source, { now: new Date(), memo: new SignatureMemo() });
  if (result.kind !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(result)}`);
  const view: TrustView = result.view;
  return Object.keys(view.targetsRoles.find((r) => r.name === 'targets')!.targets).sort();
}

async function publishedRepository(name: string, tags: string[]) {
  const gun = `${fx.hostPort}/speculation/${name}-${Date.now()}`;
  const cli = await notaryCli(fx.server, join(fx.dir, 'trust', `speculation-${name}`));
  await cli.run('init', gun);
  const add = async (tag: string) => {
    await cli.run('addhash', gun, tag, '100', '--sha256', digestOf(`${name}:${tag}`));
    await cli.run('publish', gun);
  };
  for (const tag of tags) await add(tag);
  return { gun, add };
}

describe('speculativeSource on a real notary-server', () => {
  it('verifies an unchanged GUN from the four files asked for at once, none by checksum', async () => {
    const { gun } = await publishedRepository('unchanged', ['v1', 'v2']);
    const { source, asked } = liveSource(gun);
    expect(await verifiedTags(gun, speculativeSource(source))).toEqual(['v1', 'v2']);
    expect(asked.sort()).toEqual([
      'current:root',
      'current:snapshot',
      'current:targets',
      'current:timestamp',
    ]);
  });

  it('a guess that is not the file the timestamp binds is not used: that file is fetched by checksum', async () => {
    const { gun, add } = await publishedRepository('republished', ['v1']);
    const before = api.source(gun);
    const stale = {
      snapshot: await before.current('snapshot', 1 << 20),
      targets: await before.current('targets', 1 << 20),
    };
    await add('v2'); // published after the guesses were answered, before the timestamp is read
    const { source, asked } = liveSource(gun, stale);
    expect(await verifiedTags(gun, speculativeSource(source))).toEqual(['v1', 'v2']);
    expect(asked.filter((a) => a.startsWith('byChecksum')).sort()).toEqual([
      'byChecksum:snapshot',
      'byChecksum:targets',
    ]);
  });

  it('a failed guess (error, not found) costs nothing but the by-checksum fetch', async () => {
    const { gun } = await publishedRepository('unlucky', ['v1']);
    const { source, asked } = liveSource(gun, {
      snapshot: { kind: 'error', message: 'connection reset' },
      targets: { kind: 'not-found' },
    });
    expect(await verifiedTags(gun, speculativeSource(source))).toEqual(['v1']);
    expect(asked.filter((a) => a.startsWith('byChecksum')).length).toBe(2);
  });
});
