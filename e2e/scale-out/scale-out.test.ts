// Two BFF replicas behind HAProxy on one HTTPS origin, sharing Redis, against the running test stack's
// real upstreams (identity provider, ARM, login servers, notary-server, docker-registry): a warm cache on
// one replica is warm for the other; a TOFU pin made by one is enforced by the other (and forgotten for
// both when ARM says content trust was disabled); a scan cut by killing its replica completes through the
// proxy on the other one, reusing what the killed one verified; Redis stopped → health says so, users
// still get 200s, and Redis is used again once it is back. Real processes throughout, killed for real.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepositorySummary, ScanEvent, TrustDetails } from '@ctp/contracts';
import { publishImage } from '@ctp/azure-local/tools/publish-image';
import {
  armClients,
  roleDefinitionId,
  uniqueRegistryName,
  type ArmClients,
  createPremiumRegistry,
} from '../stack/support/arm.ts';
import type { Credentials } from '../stack/support/cli.ts';
import { PORTAL_SCOPE, repositoriesPath, type RegistryRef } from '../stack/support/portal-api.ts';
import { eventually } from '../stack/support/registry-http.ts';
import {
  basicCredentials,
  REGISTRIES_RG,
  ROLE,
  stack,
  userToken,
  type Stack,
} from '../stack/support/stack.ts';
import { requestUris } from '../stack/support/upstream-logs.ts';
import { health, portalAt, REPLICA_A, REPLICA_B, startPair, until, type Pair } from './support/pair.ts';

const PASSPHRASE = 'scale-out-passphrase';
/** Signed repositories of the kill test: equal work each, more than the scan runs at once (4). */
const SIGNED = Array.from({ length: 8 }, (_, i) => `fleet/r${i}`);

const summaries = (events: ScanEvent[]) =>
  new Map(
    events.flatMap((e): [string, RepositorySummary][] =>
      e.type === 'repository' ? [[e.repository.repository, e.repository]] : [],
    ),
  );

describe('two BFF replicas behind HAProxy sharing Redis', () => {
  let s: Stack;
  let pair: Pair;
  let token: string;
  let arm: ArmClients;
  let signer: Credentials;
  const name = uniqueRegistryName('ctpscale');
  let loginServer = '';
  let created = false;
  const trustDirs: string[] = [];
  let own: RegistryRef;
  let demo: RegistryRef;
  const url = (replica: string) => pair.replicas.find((r) => r.name === replica)!.url;
  const counters = async (replica: string) => (await health(url(replica))).caches!.counters;

  const publishSigned = async (repository: string, fresh = false) => {
    if (fresh || trustDirs.length === 0) trustDirs.push(await mkdtemp(path.join(os.tmpdir(), 'ctp-scale-')));
    await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository,
      tag: 'v1',
      credentials: signer,
      label: `${name} ${repository} ${randomUUID()}`,
      sign: { trustDir: trustDirs[trustDirs.length - 1]!, passphrase: PASSPHRASE },
    });
  };
  const setTrustPolicy = (status: 'enabled' | 'disabled') =>
    arm.registries.registries.update(
      REGISTRIES_RG,
      name,
      { policies: { trustPolicy: { type: 'Notary', status } } },
      { updateIntervalInMs: 100 },
    );

  beforeAll(async () => {
    s = await stack();
    token = await userToken(s, 'owner', PORTAL_SCOPE);
    arm = armClients(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    demo = {
      subscriptionId: s.arm.subscriptionId,
      resourceGroup: REGISTRIES_RG,
      registryName: s.premium.name,
    };
    const [started, registry] = await Promise.all([startPair(s), createPremiumRegistry(arm, name)]);
    pair = started;
    created = true;
    loginServer = registry.loginServer!;
    own = { subscriptionId: s.arm.subscriptionId, resourceGroup: REGISTRIES_RG, registryName: name };
    for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner]) {
      await arm.authorization.roleAssignments.create(registry.id!.slice(1), randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, role),
        principalId: s.identity('ci-signer').objectId,
        principalType: 'ServicePrincipal',
      });
    }
    await eventually(`the login server of ${name}`, async () =>
      (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
    );
  });

  afterAll(async () => {
    await pair?.stop();
    if (created)
      await arm.registries.registries
        .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
        .catch(() => undefined);
    for (const dir of trustDirs) await rm(dir, { recursive: true, force: true });
  });

  it('serves both replicas on the one HTTPS origin, each saying its caches are shared', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const h = await health(pair.url);
      expect(h.caches).toMatchObject({ shared: true, store: 'redis' });
      seen.add(h.servedBy!);
    }
    expect([...seen].sort()).toEqual([REPLICA_A, REPLICA_B]);
  });

  it('a cache warmed by one replica is warm for the other (views, scan results, tokens)', async () => {
    const scanPath = repositoriesPath(demo, 'scan');
    const a = await portalAt(url(REPLICA_A), token).lines<ScanEvent>(scanPath);
    expect(a.lines.at(-1)?.type).toBe('done');
    const verified = [...summaries(a.lines).values()].filter((r) => r.trust === 'verified');
    expect(verified.length).toBeGreaterThan(0);

    const before = await counters(REPLICA_B);
    const notaryBefore = (await requestUris(s, 'notary-server', demo.registryName)).length;
    const b = await portalAt(url(REPLICA_B), token).lines<ScanEvent>(scanPath);
    expect(b.lines.at(-1)?.type).toBe('done');
    const after = await counters(REPLICA_B);

    // B never verified these GUNs itself, yet it loaded A's views and A's results, and msal-node found the
    // person's ARM token A obtained.
    expect(after.trustViewsShared - before.trustViewsShared).toBeGreaterThanOrEqual(verified.length);
    expect(after.scanSharedHits - before.scanSharedHits).toBeGreaterThanOrEqual(verified.length);
    expect(after.tokensShared - before.tokensShared).toBeGreaterThanOrEqual(1);
    // A's result is B's answer, down to when A verified it.
    for (const r of verified) expect(summaries(b.lines).get(r.repository)).toEqual(r);
    // For those GUNs the trust server saw B ask only for timestamps (the shared view's fast path).
    const mine = verified.map((r) => `/v2/${r.gun}/_trust/`);
    const asked = (await requestUris(s, 'notary-server', demo.registryName))
      .slice(notaryBefore)
      .filter((u) => mine.some((prefix) => u.startsWith(prefix)));
    expect(asked.some((u) => u.endsWith('/timestamp.json'))).toBe(true);
    expect(asked.filter((u) => /\/(root|targets|snapshot)(\.[0-9a-f]+)?\.json$/.test(u))).toEqual([]);
  });

  it("a TOFU pin made by replica A is enforced by replica B, and A's forgetting holds for B", async () => {
    const repository = 'pin/app';
    const trustPath = `${repositoriesPath(own, 'trust')}?repository=${encodeURIComponent(repository)}`;
    await publishSigned(repository, true);
    const pinned = await portalAt(url(REPLICA_A), token).json<TrustDetails>(trustPath);
    expect(pinned.body.trust).toBe('verified');

    // Trust data replaced behind the portal's back (ARM off and on, no portal call in between), then a
    // new root published: B has never seen this GUN, so only A's pin in Redis can make it refuse.
    await setTrustPolicy('disabled');
    await setTrustPolicy('enabled');
    await publishSigned(repository, true);
    const refused = await portalAt(url(REPLICA_B), token).json<TrustDetails>(trustPath);
    expect(refused.body.trust).toBe('invalid');
    expect(refused.body.reason).toMatch(/root/i);

    // Not vacuous: once ARM says content trust is disabled and replica A sees it (a scan while disabled),
    // the registry's pins are forgotten for every replica, and B trusts the next root.
    await setTrustPolicy('disabled');
    const whileDisabled = await portalAt(url(REPLICA_A), token).lines<ScanEvent>(
      repositoriesPath(own, 'scan'),
    );
    expect(whileDisabled.lines.at(-1)?.type).toBe('done');
    await setTrustPolicy('enabled');
    await publishSigned(repository, true);
    const trusted = await portalAt(url(REPLICA_B), token).json<TrustDetails>(trustPath);
    expect(trusted.body.trust).toBe('verified');
  });

  it('a scan cut by killing its replica completes through the proxy on the other, reusing its work', async () => {
    await publishSigned(SIGNED[0]!, true);
    for (const repository of SIGNED.slice(1)) await publishSigned(repository);
    const scanPath = repositoriesPath(own, 'scan');
    const proxy = portalAt(pair.url, token);
    let killed: string | undefined;
    // Kill the replica serving the scan as soon as it has delivered its first verified repository.
    const first = await proxy.lines<ScanEvent>(scanPath, (line, servedBy) => {
      if (!killed && line.type === 'repository' && line.repository.trust === 'verified' && servedBy) {
        killed = servedBy;
        process.kill(pair.pidOf(servedBy), 'SIGKILL');
      }
    });
    expect(killed).toBeDefined();
    expect(first.lines.at(-1)?.type).not.toBe('done');
    const total = (first.lines[0] as Extract<ScanEvent, { type: 'start' }>).total;
    const byKilled = [...summaries(first.lines).values()].filter((r) => r.trust === 'verified');
    expect(byKilled.length).toBeGreaterThan(0);
    expect(byKilled.length).toBeLessThan(total);

    const other = killed === REPLICA_A ? REPLICA_B : REPLICA_A;
    const before = await counters(other);
    // The very next request goes through the proxy to the surviving replica and the scan completes.
    const resumed = await proxy.lines<ScanEvent>(scanPath);
    expect(resumed.status).toBe(200);
    expect(resumed.servedBy).toBe(other);
    expect(resumed.cut).toBe(false);
    expect(resumed.lines.at(-1)).toMatchObject({ type: 'done', done: total, total });
    // What the killed replica verified is reused as it computed it (same verifiedAt), from Redis.
    for (const r of byKilled) expect(summaries(resumed.lines).get(r.repository)).toEqual(r);
    expect((await counters(other)).scanSharedHits - before.scanSharedHits).toBeGreaterThanOrEqual(
      byKilled.length,
    );
  });

  it('Redis stopped: health reports the fallback, users still get 200s; Redis back: shared again', async () => {
    const scanPath = repositoriesPath(demo, 'scan');
    pair.stopRedis();
    const down = await until('a replica reporting local caches', async () => {
      const h = await health(pair.url);
      return h.caches?.shared === false ? h : undefined;
    });
    expect(down.status).toBe('degraded');
    expect(down.caches?.reason).toMatch(/Redis/);
    const proxy = portalAt(pair.url, token);
    const scan = await proxy.lines<ScanEvent>(scanPath);
    expect(scan.status).toBe(200);
    expect(scan.lines.at(-1)?.type).toBe('done');
    expect((await proxy.json(`/api/registries`)).status).toBe(200);

    await pair.startRedisAgain();
    await until('the caches shared again', async () =>
      (await health(pair.url)).caches?.shared ? true : undefined,
    );
    // The new Redis is empty (no persistence): the next scan writes the pins it verified there again.
    const again = await proxy.lines<ScanEvent>(scanPath);
    expect(again.lines.at(-1)?.type).toBe('done');
    const redis = new Redis({ host: '127.0.0.1', port: pair.redis.port, password: pair.redisPassword() });
    try {
      // One hash per registry (its generation and login server, see apps/bff/src/services/trust-pins.ts).
      const hashes = (await redis.keys('ctp:seen:*')).filter((k) => k.endsWith(`|${s.premium.loginServer}`));
      expect(hashes).toHaveLength(1);
      expect(await redis.hlen(hashes[0]!)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });
});
