// Content trust disabled and enabled again: the trust server's data of a GUN is deleted (`notary delete
// --remote`, what ACR does on disable) and a publisher starts over with a new root key. A client that
// pinned the old root refuses the new one (nothing vouches for it), until the pin is forgotten on the
// control plane's word (forgetTrustUnder); other login servers' pins are kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrustCache, createTrustClient, forgetTrustUnder, type VerifyResult } from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
import { digestOf, TARGET_SIZE } from './support/repositories.ts';

const fx = providedFixture();
const gun = `${fx.hostPort}/ctp/trust-reset`;
const rootKeyOf = (r: VerifyResult) => (r.kind === 'verified' ? r.view.root.roleKeyIds.root : undefined);

async function publish(trustFolder: string, label: string): Promise<void> {
  const cli = await fx.cli(trustFolder);
  await cli.run('init', gun);
  await cli.run('addhash', gun, 'v1', String(TARGET_SIZE), '--sha256', digestOf(label));
  await cli.run('publish', gun);
}

const cache = createTrustCache();
const client = createTrustClient({ serverUrl: fx.url, fetch: fx.fetch, cache });
let firstRoot: string[] | undefined;

beforeAll(async () => {
  await publish('trust-reset-first', 'reset:first');
  const first = await client.verifyRepository(gun);
  expect(first.kind).toBe('verified');
  firstRoot = rootKeyOf(first);
  // The data is deleted on the server, then the publisher signs again with a new root key.
  await (await fx.cli('trust-reset-first')).run('delete', gun, '--remote');
  await publish('trust-reset-second', 'reset:second');
});

describe('a trust reset (content trust disabled, then enabled again with a new root)', () => {
  it('is refused as an unauthorized root rotation while the old root is pinned', async () => {
    expect(await client.verifyRepository(gun)).toMatchObject({
      kind: 'invalid',
      role: 'root',
      check: 'root-rotation',
    });
  });

  it('forgetting another login server keeps the pin', async () => {
    await forgetTrustUnder(cache, 'other.example:443/');
    expect((await client.verifyRepository(gun)).kind).toBe('invalid');
  });

  it('after forgetTrustUnder(its login server) the new root is a first sight and verifies', async () => {
    await forgetTrustUnder(cache, `${fx.hostPort}/`);
    expect(cache.views.get(gun)).toBeUndefined();
    const r = await client.verifyRepository(gun);
    expect(r.kind, JSON.stringify(r)).toBe('verified');
    expect(rootKeyOf(r)).not.toEqual(firstRoot);
    if (r.kind === 'verified')
      expect(r.view.targetsRoles[0]!.targets.v1?.sha256Hex).toBe(digestOf('reset:second'));
  });
});
