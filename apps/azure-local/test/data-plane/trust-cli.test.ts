import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyImage } from '../../src/data-plane/client/images.ts';
import { LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { MANIFEST_ACCEPT } from '../../src/data-plane/upstream.ts';
import { creds, dockerTrustInspect, freshDir, notaryCli, removeFreshDirs } from './cli.ts';
import { ADMIN_PASSWORD, identity } from './fixture-control-plane.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let demo: string;
const signer = creds(identity('signer').username, identity('signer').password);
const pusher = creds(identity('pusher').username, identity('pusher').password);
const puller = creds(identity('puller').username, identity('puller').password);
const classic = creds(identity('classic-admin').username, identity('classic-admin').password);
const admin = creds('ctpdemo', ADMIN_PASSWORD);

beforeAll(async () => {
  h = await startHarness();
  demo = h.controlPlane.registries[0]!.loginServer;
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await removeFreshDirs();
});

async function seededDigests(): Promise<Record<string, { digest: string; size: number }>> {
  const marker = JSON.parse(
    await readFile(path.join(h.dataPlane.layout.seedDir, 'ctpdemo.seeded.json'), 'utf8'),
  ) as {
    images: Record<string, { digest: string; size: number }>;
  };
  return marker.images;
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

describe('the real notary CLI through the login server', () => {
  it('lets an AcrImageSigner identity init, addhash, publish and list', async () => {
    const trustDir = await freshDir('notary-signer');
    const gun = `${demo}/cli/signed`;
    expect((await notaryCli(demo, h.caFile, trustDir, signer, ['init', gun, '-p'])).code).toBe(0);
    const image = buildTinyImage('cli signed 1');
    const add = await notaryCli(demo, h.caFile, trustDir, signer, [
      'addhash',
      gun,
      'v1',
      String(image.manifest.bytes.length),
      '--sha256',
      hex(image.manifest.digest),
    ]);
    expect(add.code).toBe(0);
    const publish = await notaryCli(demo, h.caFile, trustDir, signer, ['publish', gun]);
    expect(publish.stdout + publish.stderr).toContain('Successfully published');
    const list = await notaryCli(demo, h.caFile, await freshDir('notary-reader'), puller, ['list', gun]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`v1\\s+${hex(image.manifest.digest)}\\s+${image.manifest.bytes.length}\\s+targets`),
    );
  });

  it.each([
    ['an AcrPush-only identity', pusher, 'pusher'],
    ['the admin account', admin, 'admin'],
    ['a classic administrator holding AcrImageSigner', classic, 'classic'],
  ])('refuses publish by %s', async (_who, credentials, repo) => {
    const trustDir = await freshDir('notary-refused');
    const gun = `${demo}/cli/refused-${repo}`;
    expect((await notaryCli(demo, h.caFile, trustDir, signer, ['init', gun, '-p'])).code).toBe(0);
    const image = buildTinyImage(`refused ${credentials.username}`);
    await notaryCli(demo, h.caFile, trustDir, credentials, [
      'addhash',
      gun,
      'x',
      String(image.manifest.bytes.length),
      '--sha256',
      hex(image.manifest.digest),
    ]);
    const publish = await notaryCli(demo, h.caFile, trustDir, credentials, ['publish', gun]);
    expect(publish.code).not.toBe(0);
    expect(publish.stdout + publish.stderr).toContain('you are not authorized to perform this operation');
    // Nothing was published: a fresh reader sees no target named x.
    const list = await notaryCli(demo, h.caFile, await freshDir('notary-reader'), puller, ['list', gun]);
    // The listing itself worked (the GUN exists from init), and it names no target x.
    expect(list.code, list.stdout + list.stderr).toBe(0);
    expect(list.stdout).toContain('No targets present in this repository.');
    expect(list.stdout).not.toMatch(/^x\s/m);
  });

  it('shows the re-pushed tag still signed with its old digest while the registry serves a new one', async () => {
    const images = await seededDigests();
    const list = await notaryCli(demo, h.caFile, await freshDir('notary-reader'), puller, [
      'list',
      `${demo}/hello-world`,
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`latest\\s+${hex(images['hello-world:latest']!.digest)}`));
    expect(list.stdout).not.toMatch(/^dev\s/m);
    const client = new LoginServerClient(demo, h.caFile);
    const token = await client.token(puller, ['repository:hello-world:pull']);
    const head = await client.request('HEAD', '/v2/hello-world/manifests/latest', {
      authorization: `Bearer ${token}`,
      accept: MANIFEST_ACCEPT,
    });
    expect(head.status).toBe(200);
    expect(head.headers['docker-content-digest']).not.toBe(images['hello-world:latest']!.digest);
  });
});

describe('the real docker trust inspect through the login server', () => {
  it('lists exactly the seeded signed tags and signers', async () => {
    const images = await seededDigests();
    const result = await dockerTrustInspect(demo, h.caFile, puller, ['hello-world', 'payments/api']);
    expect(result.code, result.stderr).toBe(0);
    const inspected = JSON.parse(result.stdout) as Array<{
      Name: string;
      SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
      Signers: Array<{ Name: string }>;
    }>;
    const summary = inspected.map((repo) => ({
      name: repo.Name,
      tags: repo.SignedTags.map((t) => ({
        tag: t.SignedTag,
        digest: t.Digest,
        signers: [...t.Signers].sort(),
      })),
      signers: repo.Signers.map((s) => s.Name).sort(),
    }));
    const d = (key: string) => hex(images[key]!.digest);
    expect(summary).toEqual([
      {
        name: `${demo}/hello-world`,
        tags: [
          { tag: 'latest', digest: d('hello-world:latest'), signers: ['ci'] },
          { tag: 'v1', digest: d('hello-world:v1'), signers: ['ci'] },
          { tag: 'v2', digest: d('hello-world:v2'), signers: ['Repo Admin'] },
        ],
        signers: ['ci'],
      },
      {
        name: `${demo}/payments/api`,
        tags: [
          { tag: '1.0', digest: d('payments/api:1.0'), signers: ['alice', 'ci'] },
          { tag: '1.1', digest: d('payments/api:1.1'), signers: ['ci'] },
        ],
        signers: ['alice', 'ci'],
      },
    ]);
  });

  it('finds no signatures for the unsigned repository', async () => {
    const result = await dockerTrustInspect(demo, h.caFile, puller, ['tools/unsigned']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no signatures');
  });
});

describe('restart', () => {
  it('keeps signed tags signed and blobs in place, and does not seed again', async () => {
    const images = await seededDigests();
    const markerBefore = await readFile(path.join(h.dataPlane.layout.seedDir, 'ctpdemo.seeded.json'), 'utf8');
    // A registry created after the first start (as through ARM), on which an identity could seed: the
    // restart must leave it alone (no demo images, no trust data cleared).
    const later = h.controlPlane.addRegistry('ctplater', 2);
    h.controlPlane.assignments.push({
      objectId: identity('signer').objectId,
      role: 'AcrPush',
      scope: later.resourceId,
    });
    h.controlPlane.assignments.push({
      objectId: identity('signer').objectId,
      role: 'AcrImageSigner',
      scope: later.resourceId,
    });
    await h.stop();
    await h.restart();
    expect(await readFile(path.join(h.dataPlane.layout.seedDir, 'ctpdemo.seeded.json'), 'utf8')).toBe(
      markerBefore,
    );
    expect(existsSync(path.join(h.dataPlane.layout.seedDir, 'ctplater.seeded.json'))).toBe(false);
    expect(await h.dataPlane.trustDataSummary(later)).toEqual({ repositories: 0, signedTags: 0 });
    const laterClient = new LoginServerClient(later.loginServer, h.caFile);
    const catalogToken = await laterClient.token(signer, ['registry:catalog:*']);
    const catalog = await laterClient.request('GET', '/v2/_catalog', {
      authorization: `Bearer ${catalogToken}`,
    });
    expect(JSON.parse(catalog.body.toString('utf8'))).toEqual({ repositories: [] });
    const list = await notaryCli(demo, h.caFile, await freshDir('notary-restart'), puller, [
      'list',
      `${demo}/hello-world`,
    ]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`v1\\s+${hex(images['hello-world:v1']!.digest)}`));
    const client = new LoginServerClient(demo, h.caFile);
    const token = await client.token(puller, ['repository:hello-world:pull']);
    const manifest = await client.request('GET', '/v2/hello-world/manifests/v1', {
      authorization: `Bearer ${token}`,
      accept: MANIFEST_ACCEPT,
    });
    expect(manifest.status).toBe(200);
    const layer = (JSON.parse(manifest.body.toString('utf8')) as { layers: Array<{ digest: string }> })
      .layers[0]!.digest;
    const blob = await client.request('GET', `/v2/hello-world/blobs/${layer}`, {
      authorization: `Bearer ${token}`,
    });
    expect(blob.status).toBe(200);
    expect(await h.dataPlane.trustDataSummary(h.controlPlane.registries[0]!)).toMatchObject({
      signedTags: 6,
    });
  }, 120_000);
});
