// The Redis-backed caches of several replicas against a real redis-server: what one replica stores the
// other reads (scan results, verified views, the seen state = rollback / TOFU reference), the seen state
// never goes back when two replicas race, a registry's pins are forgotten in one call, and a stopped or
// hung Redis makes every call fall back to the local cache within its timeout (health says so), until
// Redis answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeenState, TrustView } from '@ctp/notary';
import { forgetTrustUnder } from '@ctp/notary';
import { connectSharedStore, type SharedStore } from '../src/cache/redis-connection.ts';
import { redisScanCache } from '../src/cache/redis-scan-cache.ts';
import { redisTrustCache } from '../src/cache/redis-trust-cache.ts';
import { createLogger } from '../src/logging.ts';
import { startTestRedis, type TestRedis } from './support/redis-server.ts';

const log = createLogger('silent');
const LS = 'registry.example:443';
const gun = (repo: string) => `${LS}/${repo}`;
const root = (version: number) => ({ version, sha256: `r${version}`, keys: {}, threshold: 1 });
const view = (g: string, stamp: string): TrustView =>
  ({ gun: g, timestampSha256: stamp, verifiedAt: 'x', earliestExpiry: '2999-01-01T00:00:00Z' }) as TrustView;

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await check()).toBe(true);
}

describe('shared caches on a real Redis', () => {
  let redis: TestRedis;
  let a: SharedStore;
  let b: SharedStore;

  beforeAll(async () => {
    redis = await startTestRedis();
    a = connectSharedStore({ url: redis.url, timeoutMs: 200, log });
    b = connectSharedStore({ url: redis.url, timeoutMs: 200, log });
    await until(() => a.health().shared && b.health().shared);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await redis.stop();
  });

  it('a scan result stored by one replica is a hit on the other', async () => {
    await redisScanCache(a).set('report\nx', { counts: 3 });
    expect(await redisScanCache(b).get('report\nx')).toEqual({ counts: 3 });
    expect(b.health().counters.scanSharedHits).toBe(1);
    expect(await redisScanCache(b).get('report\nmissing')).toBeUndefined();
  });

  it('the seen state pinned by one replica is what the other reads, and never goes back', async () => {
    const ta = redisTrustCache(a);
    const tb = redisTrustCache(b);
    await ta.seen.set(gun('app'), { versions: { root: 1, targets: 5 }, root: root(1) });
    // Replica B raced with an older view of the same GUN: the stored reference keeps the maximum.
    await tb.seen.set(gun('app'), { versions: { root: 1, targets: 3, snapshot: 2 }, root: root(1) });
    expect(await tb.seen.get(gun('app'))).toEqual({
      versions: { root: 1, targets: 5, snapshot: 2 },
      root: root(1),
    });
    // A newer root replaces the pin; an older one cannot come back.
    await ta.seen.set(gun('app'), { versions: { root: 2, targets: 6 }, root: root(2) });
    await tb.seen.set(gun('app'), { versions: { root: 1 }, root: root(1) });
    expect(((await ta.seen.get(gun('app'))) as SeenState).root).toEqual(root(2));
  });

  it('a view verified by one replica is loaded by the other before it verifies', async () => {
    const ta = redisTrustCache(a);
    const tb = redisTrustCache(b);
    const seen = { versions: { root: 1 } };
    ta.views.set(gun('web'), { view: view(gun('web'), 'stamp-1'), seen });
    await until(async () => (await b.redis.hexists(`view:${LS}`, gun('web'))) === 1);
    expect(tb.views.get(gun('web'))).toBeUndefined();
    await tb.seen.get(gun('web')); // what the trust client does first
    expect(tb.views.get(gun('web'))?.view.timestampSha256).toBe('stamp-1');
    expect(b.health().counters.trustViewsShared).toBeGreaterThanOrEqual(1);
  });

  it("forgets a registry's pins and views for every replica in one call", async () => {
    const ta = redisTrustCache(a);
    const tb = redisTrustCache(b);
    await ta.seen.set(gun('one'), { versions: { root: 1 }, root: root(1) });
    await ta.seen.set('other.example/one', { versions: { root: 1 }, root: root(1) });
    ta.views.set(gun('one'), { view: view(gun('one'), 's'), seen: { versions: {} } });
    await forgetTrustUnder(tb, `${LS}/`);
    expect(await ta.seen.get(gun('one'))).toBeUndefined();
    expect(await ta.seen.get(gun('app'))).toBeUndefined();
    expect(await b.redis.exists(`view:${LS}`, `seen:${LS}`)).toBe(0);
    expect(await tb.seen.get('other.example/one')).toBeDefined();
  });

  it('a hung Redis (SIGSTOP) costs each call its timeout, then the local cache answers; it recovers', async () => {
    const cache = redisScanCache(a);
    const trust = redisTrustCache(a);
    await trust.seen.set(gun('pinned'), { versions: { root: 3 }, root: root(3) });
    redis.pause();
    try {
      const failures = a.health().counters.sharedFailures;
      await cache.set('report\nlocal', { ok: true }); // written locally, the Redis write times out
      expect(await cache.get('report\nlocal')).toEqual({ ok: true });
      // The local copy of the pin still protects this replica while Redis is away.
      expect(((await trust.seen.get(gun('pinned'))) as SeenState).root).toEqual(root(3));
      expect(a.health().counters.sharedFailures).toBeGreaterThan(failures);
      expect(a.health()).toMatchObject({ shared: false, store: 'redis' });
      expect(a.health().reason).toMatch(/Redis/);
    } finally {
      redis.resume();
    }
    await until(async () => (await a.run('ping', (r) => r.ping())) === 'PONG' && a.health().shared);
  });

  it('a stopped Redis: local answers at once, health explains, and Redis is used again when it is back', async () => {
    await redis.stop();
    await until(() => !a.health().shared);
    expect(a.health().reason).toMatch(/Redis/);
    const cache = redisScanCache(a);
    await cache.set('report\nwhile-down', 1);
    expect(await cache.get('report\nwhile-down')).toBe(1);
    await redis.start();
    await until(() => a.health().shared);
    await redisScanCache(a).set('report\nback', 2);
    expect(await b.redis.get('scan:report\nback')).toBe('2');
  });
});
