// The verifier against trust data made by the real notary CLI on a real notary-server.
import { describe, expect, it } from 'vitest';
import { createTrustClient, dockerSignedTarget, type TrustView, type VerifyResult } from '../src/index.ts';
import { digestOf, MANY_COUNT, TARGET_SIZE } from './support/repositories.ts';
import { providedFixture } from './support/fixture.ts';

const fx = providedFixture();
const client = () => createTrustClient({ serverUrl: fx.url, fetch: fx.fetch });

function verified(r: VerifyResult): TrustView {
  if (r.kind !== 'verified') throw new Error(`expected verified, got ${JSON.stringify(r)}`);
  return r.view;
}

const role = (view: TrustView, name: string) => view.targetsRoles.find((r) => r.name === name);

describe('verifier on real notary trust data', () => {
  it('base role only: targets signed by the repository key, timestamp by the server', async () => {
    const view = verified(await client().verifyRepository(fx.gun.base));
    expect(view.root.keys).toHaveLength(1);
    expect(view.root.keys[0]!.keytype).toBe('ecdsa-x509');
    expect(view.root.keys[0]!.certificate?.commonName).toBe(fx.gun.base);
    expect(view.timestamp.keys[0]!.keytype).toBe('ed25519');
    expect(view.targetsRoles.map((r) => [r.name, r.status])).toEqual([['targets', 'verified']]);
    expect(role(view, 'targets')!.targets.v1).toMatchObject({
      sha256Hex: digestOf('base:v1'),
      length: TARGET_SIZE,
    });
    expect(dockerSignedTarget(view, 'v2')?.role).toBe('targets');
    expect(dockerSignedTarget(view, 'v3')).toBeUndefined();
  });

  it('targets/releases delegation is loaded and preferred', async () => {
    const view = verified(await client().verifyRepository(fx.gun.releases));
    expect(role(view, 'targets/releases')).toMatchObject({ status: 'verified', paths: [''], threshold: 1 });
    expect(dockerSignedTarget(view, 'v1')).toMatchObject({
      role: 'targets/releases',
      target: { sha256Hex: digestOf('releases:v1') },
    });
    expect(dockerSignedTarget(view, 'admin')?.role).toBe('targets');
  });

  it('two signers: every delegation verified, alice-only is not pullable', async () => {
    const view = verified(await client().verifyRepository(fx.gun['two-signers']));
    expect(view.targetsRoles.map((r) => r.name)).toEqual([
      'targets',
      'targets/releases',
      'targets/alice',
      'targets/bob',
    ]);
    expect(view.targetsRoles.every((r) => r.status === 'verified')).toBe(true);
    expect(dockerSignedTarget(view, 'v2')?.role).toBe('targets/releases');
    expect(dockerSignedTarget(view, 'alice-only')).toBeUndefined();
  });

  it('threshold-2 delegation signed by one key is invalid and its targets do not count', async () => {
    const view = verified(await client().verifyRepository(fx.gun.threshold));
    const ops = role(view, 'targets/ops')!;
    expect(ops.status).toBe('invalid');
    expect(ops.threshold).toBe(2);
    expect(ops.failure?.check).toBe('signature');
    expect(ops.targets).toEqual({});
    expect(dockerSignedTarget(view, 'v1')?.role).toBe('targets/releases');
  });

  it('a removed target is gone', async () => {
    const view = verified(await client().verifyRepository(fx.gun.removed));
    expect(Object.keys(role(view, 'targets')!.targets)).toEqual(['v2']);
    expect(dockerSignedTarget(view, 'v1')).toBeUndefined();
  });

  it('rotated targets key: root lists the new key and both tags verify', async () => {
    const view = verified(await client().verifyRepository(fx.gun.rotated));
    expect(view.root.version).toBeGreaterThan(1);
    expect(Object.keys(role(view, 'targets')!.targets).sort()).toEqual(['v1', 'v2']);
  });

  it('restricted paths: targets/qa only covers qa-*', async () => {
    const view = verified(await client().verifyRepository(fx.gun.paths));
    expect(role(view, 'targets/qa')).toMatchObject({ status: 'verified', paths: ['qa-'] });
    expect(dockerSignedTarget(view, 'qa-1')).toBeUndefined(); // only in targets/qa, not a released role
    expect(dockerSignedTarget(view, 'qa-2')?.role).toBe('targets/releases');
  });

  it('many targets', async () => {
    const view = verified(await client().verifyRepository(fx.gun.many));
    expect(Object.keys(role(view, 'targets')!.targets)).toHaveLength(MANY_COUNT);
  });

  it('no trust data', async () => {
    expect(await client().verifyRepository(fx.gun.none)).toEqual({ kind: 'no-trust-data', gun: fx.gun.none });
  });

  it('unreachable server is reported as data', async () => {
    const c = createTrustClient({ serverUrl: 'https://127.0.0.1:1', fetch: fx.fetch });
    expect((await c.verifyRepository(fx.gun.base)).kind).toBe('unreachable');
  });

  it('re-verification with an unchanged timestamp fetches only the timestamp', async () => {
    const requests: string[] = [];
    const c = createTrustClient({
      serverUrl: fx.url,
      fetch: (u, i) => (requests.push(String(u)), fx.fetch(u, i)),
    });
    const guns = Object.values(fx.gun);
    await c.verifyRepositories(guns);
    requests.length = 0;
    const again = await c.verifyRepositories(guns);
    expect(again.filter((r) => r.kind === 'verified')).toHaveLength(guns.length - 1);
    const perGun = requests.filter(
      (u) =>
        !u.endsWith('/ctp/none/_trust/tuf/timestamp.json') && !u.endsWith('/ctp/none/_trust/tuf/root.json'),
    );
    expect(perGun.every((u) => u.endsWith('/timestamp.json'))).toBe(true);
    expect(perGun).toHaveLength(guns.length - 1);
  });
});
