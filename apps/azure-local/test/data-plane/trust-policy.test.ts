import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyImage } from '../../src/data-plane/client/images.ts';
import { LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { MANIFEST_ACCEPT } from '../../src/data-plane/upstream.ts';
import { openTrustStoreProbe } from '../../src/tools/trust-store-probe.ts';
import { creds, freshDir, notaryCli, removeFreshDirs } from './cli.ts';
import { identity } from './fixture-control-plane.ts';
import { startHarness, type Harness } from './harness.ts';
import { trustServer } from './trust-server.ts';

let h: Harness;
let demo: string;
const signer = creds(identity('signer').username, identity('signer').password);
const puller = creds(identity('puller').username, identity('puller').password);
const SEEDED_GUNS = ['hello-world', 'payments/api'];
const SEEDED_TAGS = [
  'hello-world:v1',
  'hello-world:v2',
  'hello-world:latest',
  'hello-world:dev',
  'payments/api:1.0',
  'payments/api:1.1',
  'tools/unsigned:1.0',
];

beforeAll(async () => {
  h = await startHarness();
  demo = h.controlPlane.registries[0]!.loginServer;
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await removeFreshDirs();
});

/** notary init + one target + publish through the login server, as a signer does. */
async function publishTrust(gun: string, label: string) {
  const trustDir = await freshDir('notary-publish');
  const run = async (args: string[]) => {
    const result = await notaryCli(demo, h.caFile, trustDir, signer, args);
    expect(result.code, `${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
  };
  const image = buildTinyImage(label);
  await run(['init', gun, '-p']);
  await run([
    'addhash',
    gun,
    'v1',
    String(image.manifest.bytes.length),
    '--sha256',
    image.manifest.digest.slice(7),
  ]);
  await run(['publish', gun]);
}

async function listFresh(repository: string) {
  return notaryCli(demo, h.caFile, await freshDir('notary-list'), puller, ['list', `${demo}/${repository}`]);
}

describe('content-trust policy', () => {
  it('refuses trust writes on a registry whose policy is disabled, with a clear error', async () => {
    const basic = h.controlPlane.registries[1]!.loginServer;
    const client = new LoginServerClient(basic, h.caFile);
    const answer = await client.request(
      'POST',
      `/v2/${basic}/legacy/app/_trust/tuf/`,
      { 'content-type': 'multipart/form-data; boundary=x' },
      Buffer.from('--x--'),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.toString()).toContain('content trust is disabled on registry ctpbasic');
    const init = await notaryCli(basic, h.caFile, await freshDir('notary-basic'), signer, [
      'init',
      `${basic}/legacy/app`,
      '-p',
    ]);
    expect(init.code).not.toBe(0);
  });

  it('an interrupted deletion serves no trust data meanwhile, and running it again finishes it', async () => {
    const registry = h.controlPlane.registries[0]!;
    // Interrupting a deletion midway is a fault the real parts cannot produce on demand: the progress
    // callback throws after the first GUN, as a crash would leave it.
    await expect(
      h.dataPlane.deleteAllTrustData(registry, (p) => {
        if (p.gun) throw new Error('simulated crash');
      }),
    ).rejects.toThrow('simulated crash');
    expect(existsSync(h.dataPlane.layout.trustDeletionJournal('ctpdemo'))).toBe(true);
    // Part of the data is still in the store, but nothing half-deleted is served as signed.
    expect((await h.dataPlane.trustDataSummary(registry)).repositories).toBeGreaterThan(0);
    for (const repository of SEEDED_GUNS) {
      const list = await listFresh(repository);
      expect(list.code).not.toBe(0);
    }
    const result = await h.dataPlane.deleteAllTrustData(registry);
    expect(result.gunsDeleted).toBeGreaterThanOrEqual(3); // hello-world, payments/api, tools/unsigned
    expect(existsSync(h.dataPlane.layout.trustDeletionJournal('ctpdemo'))).toBe(false);
    expect(await h.dataPlane.trustDataSummary(registry)).toEqual({ repositories: 0, signedTags: 0 });
    // Idempotent: a second run has nothing left to do and succeeds.
    await h.dataPlane.deleteAllTrustData(registry);
  }, 60_000);

  it('disabling deletes the trust data of every GUN and keeps every image; enabling lets a new root key sign', async () => {
    const registry = h.controlPlane.registries[0]!;
    const server = trustServer(h, registry);
    // Start from published trust data in several GUNs (whatever the tests above left, and these three,
    // whose repositories hold no image: only the trust server knows them).
    const guns = ['policy/app', 'policy/tools', 'policy/base'].map((r) => `${demo}/${r}`);
    for (const gun of guns) await publishTrust(gun, `${gun} before disable`);
    const store = await openTrustStoreProbe(h.ctx.config);
    try {
      expect(Object.keys(await store.liveFiles(`${demo}/`))).toEqual(expect.arrayContaining(guns));
      for (const gun of guns) expect(await server.rootStatus(gun), gun).toBe(200);

      await h.controlPlane.setTrustPolicy('ctpdemo', 'disabled');
      // The data plane's deletion, as ARM's trust-policy LRO runs it.
      const progress: Array<{ done: number; total: number }> = [];
      const { gunsDeleted } = await h.dataPlane.deleteAllTrustData(registry, ({ done, total }) =>
        progress.push({ done, total }),
      );
      expect(gunsDeleted).toBeGreaterThanOrEqual(3);
      // What there is to delete is reported before the first GUN is done, then each GUN as it is done.
      expect(progress[0]).toEqual({ done: 0, total: gunsDeleted });
      expect(progress.at(-1)).toEqual({ done: gunsDeleted, total: gunsDeleted });

      // Observed on the trust server itself: its tables and its own API hold nothing for any GUN.
      expect(await store.liveFiles(`${demo}/`)).toEqual({});
      for (const gun of guns) expect(await server.rootStatus(gun), gun).toBe(404);
    } finally {
      await store.close();
    }
    const client = new LoginServerClient(demo, h.caFile);
    for (const ref of SEEDED_TAGS) {
      const [repository, tag] = ref.split(':') as [string, string];
      const token = await client.token(puller, [`repository:${repository}:pull`]);
      const head = await client.request('HEAD', `/v2/${repository}/manifests/${tag}`, {
        authorization: `Bearer ${token}`,
        accept: MANIFEST_ACCEPT,
      });
      expect(head.status, ref).toBe(200);
    }

    await h.controlPlane.setTrustPolicy('ctpdemo', 'enabled');
    // With the old data really gone, the server takes a brand-new root key for the same GUN.
    const trustDir = await freshDir('notary-new-root');
    const gun = `${demo}/hello-world`;
    const init = await notaryCli(demo, h.caFile, trustDir, signer, ['init', gun, '-p']);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    const image = buildTinyImage('hello-world v1');
    await notaryCli(demo, h.caFile, trustDir, signer, [
      'addhash',
      gun,
      'v1',
      String(image.manifest.bytes.length),
      '--sha256',
      image.manifest.digest.slice(7),
    ]);
    expect((await notaryCli(demo, h.caFile, trustDir, signer, ['publish', gun])).code).toBe(0);
    const list = await listFresh('hello-world');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(image.manifest.digest.slice(7));
  }, 60_000);
});
