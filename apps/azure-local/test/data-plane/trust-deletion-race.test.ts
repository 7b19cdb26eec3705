// Trust deletion racing a publish, against the real notary-server and its PostgreSQL store. The deletion
// loop (journal, rounds, "kept reappearing") is the data plane's own; its GUN deletions go to notary-server
// here through a hook, so a test can act at a precise point of the run. A publish that passed the login
// server's gate just before the deletion began and lands after its GUN was deleted is a timing the real
// parts cannot produce on demand: it is made by uploading the GUN's files straight to notary-server.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyImage } from '../../src/data-plane/client/images.ts';
import { LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { deleteAllTrustData } from '../../src/data-plane/trust-deletion.ts';
import type { RegistryRecord } from '../../src/ports.ts';
import { openTrustStoreProbe, type TrustStoreProbe } from '../../src/tools/trust-store-probe.ts';
import { creds, freshDir, notaryCli, removeFreshDirs } from './cli.ts';
import { identity } from './fixture-control-plane.ts';
import { startHarness, type Harness } from './harness.ts';
import { trustServer, type TufFiles } from './trust-server.ts';

let h: Harness;
let registry: RegistryRecord;
let demo: string;
let server: ReturnType<typeof trustServer>;
let store: TrustStoreProbe;
const signer = creds(identity('signer').username, identity('signer').password);

beforeAll(async () => {
  h = await startHarness({ seed: false });
  registry = h.controlPlane.registries[0]!;
  demo = registry.loginServer;
  server = trustServer(h, registry);
  store = await openTrustStoreProbe(h.ctx.config);
}, 120_000);
afterAll(async () => {
  await store?.close();
  await h?.dispose();
  await removeFreshDirs();
});

async function cli(trustDir: string, args: string[]) {
  return notaryCli(demo, h.caFile, trustDir, signer, args);
}

/** `notary init -p` through the login server; returns the trust dir and the files notary-server holds. */
async function initialised(repository: string): Promise<{ gun: string; trustDir: string; files: TufFiles }> {
  const gun = `${demo}/${repository}`;
  const trustDir = await freshDir('race');
  const init = await cli(trustDir, ['init', gun, '-p']);
  expect(init.code, init.stdout + init.stderr).toBe(0);
  return { gun, trustDir, files: await server.files(gun) };
}

/** The data plane's deletion of ctpdemo, each GUN deleted on notary-server and then `after(gun)` run. */
function deletion(after: (gun: string) => Promise<void> = async () => {}) {
  const deleted: string[] = [];
  const run = deleteAllTrustData({
    registry: registry.name,
    journalFile: h.dataPlane.layout.trustDeletionJournal(registry.name),
    repositoryGuns: async () => [],
    gunsWithTrustData: async () => Object.keys(await store.liveFiles(`${demo}/`)),
    deleteGun: async (gun) => {
      expect([200, 404]).toContain(await server.delete(gun));
      deleted.push(gun);
      await after(gun);
    },
  });
  return { run, deleted };
}

describe('trust deletion racing a publish', () => {
  it('refuses a publish through the login server while the deletion runs, and nothing it sent lands', async () => {
    const first = await initialised('race/first');
    await initialised('race/second');
    // A signer with local changes staged before the deletion, publishing while it runs.
    const late = `${demo}/race/late`;
    const lateDir = await freshDir('race-late');
    expect((await cli(lateDir, ['init', late])).code).toBe(0);
    const image = buildTinyImage('race late');
    const size = String(image.manifest.bytes.length);
    expect(
      (await cli(lateDir, ['addhash', late, 'v1', size, '--sha256', image.manifest.digest.slice(7)])).code,
    ).toBe(0);

    let attempt: Awaited<ReturnType<typeof cli>> | undefined;
    let gate: { status: number; body: Buffer } | undefined;
    const journal = h.dataPlane.layout.trustDeletionJournal(registry.name);
    const { run } = deletion(async (gun) => {
      if (gun !== first.gun || attempt) return;
      // Midway: the journal marks the deletion pending; the registry's policy is still enabled.
      expect(existsSync(journal)).toBe(true);
      expect(h.controlPlane.registries[0]!.trustPolicy).toBe('enabled');
      attempt = await cli(lateDir, ['publish', late]);
      // The login server's answer to that upload, read whole.
      const client = new LoginServerClient(demo, h.caFile);
      const token = await client.token(signer, [`repository:${late}:push,pull`]);
      gate = await client.request(
        'POST',
        `/v2/${late}/_trust/tuf/`,
        { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x' },
        Buffer.from('--x--'),
      );
    });
    await run;

    expect(attempt?.code).not.toBe(0);
    expect(attempt!.stdout + attempt!.stderr).toContain('unable to reach trust server at this time: 403');
    expect(gate?.status).toBe(403);
    expect(gate!.body.toString()).toContain('trust data cannot be pushed');
    expect(await store.liveFiles(`${demo}/`)).toEqual({});
    expect(await server.rootStatus(late)).toBe(404);
    expect(existsSync(journal)).toBe(false);
    // Once the deletion is over, the same staged publish goes through.
    const retried = await cli(lateDir, ['publish', late]);
    expect(retried.code, retried.stdout + retried.stderr).toBe(0);
    expect(await server.rootStatus(late)).toBe(200);
  }, 120_000);

  it('deletes again a GUN whose trust data reappeared after its deletion, ending with it empty', async () => {
    const raced = await initialised('race/reappears-once');
    let landed = 0;
    const { run, deleted } = deletion(async (gun) => {
      if (gun !== raced.gun || landed > 0) return;
      // The in-flight publish lands just after the GUN was deleted.
      expect((await server.publish(gun, raced.files)).status).toBe(200);
      landed++;
      expect(await server.rootStatus(gun)).toBe(200);
    });
    const result = await run;
    expect(landed).toBe(1);
    expect(deleted.filter((g) => g === raced.gun)).toHaveLength(2);
    expect(result.gunsDeleted).toBeGreaterThanOrEqual(1);
    expect(await store.liveFiles(`${demo}/`)).toEqual({});
    expect(await server.rootStatus(raced.gun)).toBe(404);
  }, 120_000);

  it('gives up with a clear error when the data keeps reappearing, and a later run finishes the job', async () => {
    const raced = await initialised('race/reappears-always');
    const journal = h.dataPlane.layout.trustDeletionJournal(registry.name);
    const { run, deleted } = deletion(async (gun) => {
      if (gun === raced.gun) expect((await server.publish(gun, raced.files)).status).toBe(200);
    });
    await expect(run).rejects.toThrow(
      `trust data of registry ${registry.name} kept reappearing; run the deletion again (journal: ${journal})`,
    );
    expect(deleted.filter((g) => g === raced.gun)).toHaveLength(3);
    expect(existsSync(journal)).toBe(true);
    expect(Object.keys(await store.liveFiles(`${demo}/`))).toEqual([raced.gun]);

    // Run again once the publisher has stopped: the journal is picked up and the GUN ends empty.
    await deletion().run;
    expect(await store.liveFiles(`${demo}/`)).toEqual({});
    expect(await server.rootStatus(raced.gun)).toBe(404);
    expect(existsSync(journal)).toBe(false);
  }, 120_000);
});
