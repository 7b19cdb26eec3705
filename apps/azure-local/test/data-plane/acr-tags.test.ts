import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyImage } from '../../src/data-plane/client/images.ts';
import { LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { dataPlaneLayout } from '../../src/data-plane/layout.ts';
import { MANIFEST_ACCEPT } from '../../src/data-plane/upstream.ts';
import { ADMIN_PASSWORD, identity } from './fixture-control-plane.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let client: LoginServerClient;
const puller = { username: identity('puller').username, password: identity('puller').password };

beforeAll(async () => {
  h = await startHarness(); // seeded: see src/data-plane/seed/plan.ts
  client = new LoginServerClient(h.controlPlane.registries[0]!.loginServer, h.caFile);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
});

interface Listing {
  registry: string;
  imageName: string;
  tags: Array<{
    name: string;
    digest: string;
    createdTime: string;
    lastUpdateTime: string;
    signed: boolean;
    changeableAttributes: Record<string, boolean>;
  }>;
}

async function acrTags(repository: string, query = '') {
  const token = await client.token(puller, [`repository:${repository}:pull`]);
  const answer = await client.request('GET', `/acr/v1/${repository}/_tags${query}`, {
    authorization: `Bearer ${token}`,
  });
  expect(answer.status, answer.body.toString()).toBe(200);
  return { body: JSON.parse(answer.body.toString()) as Listing, link: answer.headers.link };
}

/** `{tag: signed}` of every seeded repository, as the ACR listing reports it. */
async function signedFlags(): Promise<Record<string, boolean>> {
  const flags: Record<string, boolean> = {};
  for (const repository of ['hello-world', 'payments/api', 'tools/unsigned']) {
    for (const tag of (await acrTags(repository)).body.tags) flags[`${repository}:${tag.name}`] = tag.signed;
  }
  return flags;
}

const SEEDED_SIGNED = {
  'hello-world:dev': false,
  // latest was re-pushed after signing: the attribute is advisory and does not compare digests.
  'hello-world:latest': true,
  'hello-world:v1': true, // targets/releases
  'hello-world:v2': true, // targets (Repo Admin)
  'payments/api:1.0': true,
  'payments/api:1.1': true,
  'tools/unsigned:1.0': false,
};
const NONE_SIGNED = Object.fromEntries(Object.keys(SEEDED_SIGNED).map((ref) => [ref, false]));

describe('ACR tag listing: signed attribute', () => {
  it('answers in ACR’s shape and marks the tags that have trust data as signed', async () => {
    const { body } = await acrTags('hello-world');
    expect(body.registry).toBe(h.controlPlane.registries[0]!.loginServer);
    expect(body.imageName).toBe('hello-world');
    expect(body.tags[0]).toEqual({
      name: 'dev',
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      createdTime: expect.any(String),
      lastUpdateTime: expect.any(String),
      signed: false,
      changeableAttributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true },
    });
    expect(await signedFlags()).toEqual(SEEDED_SIGNED);
  });

  it('pages with n and last, announcing the next page in a Link header', async () => {
    const first = await acrTags('hello-world', '?n=3');
    expect(first.body.tags.map((t) => [t.name, t.signed])).toEqual([
      ['dev', false],
      ['latest', true],
      ['v1', true],
    ]);
    expect(first.link).toBe('</acr/v1/hello-world/_tags?last=v1&n=3>; rel="next"');
    const next = /^<([^>]+)>/.exec(String(first.link))![1]!;
    const second = await acrTags('hello-world', next.slice(next.indexOf('?')));
    expect(second.body.tags.map((t) => [t.name, t.signed])).toEqual([['v2', true]]);
    expect(second.link).toBeUndefined();
  });

  it('reports nothing signed while the registry’s trust policy is disabled', async () => {
    await h.controlPlane.setTrustPolicy('ctpdemo', 'disabled');
    try {
      // The trust data is still in notary-server's store (no deletion ran), but it is not served.
      expect((await h.dataPlane.trustDataSummary(h.controlPlane.registries[0]!)).signedTags).toBe(5);
      expect(await signedFlags()).toEqual(NONE_SIGNED);
    } finally {
      await h.controlPlane.setTrustPolicy('ctpdemo', 'enabled');
    }
    expect(await signedFlags()).toEqual(SEEDED_SIGNED);
  });

  it('reports nothing signed while a trust deletion is unfinished, nor once it has run', async () => {
    const registry = h.controlPlane.registries[0]!;
    // An interrupted deletion is a fault the real parts cannot produce on demand: the progress callback
    // throws after the first GUN, as a crash would leave it.
    await expect(
      h.dataPlane.deleteAllTrustData(registry, (p) => {
        if (p.gun) throw new Error('simulated crash');
      }),
    ).rejects.toThrow('simulated crash');
    expect((await h.dataPlane.trustDataSummary(registry)).repositories).toBeGreaterThan(0);
    expect(await signedFlags()).toEqual(NONE_SIGNED);

    await h.dataPlane.deleteAllTrustData(registry);
    expect(await h.dataPlane.trustDataSummary(registry)).toEqual({ repositories: 0, signedTags: 0 });
    expect(await signedFlags()).toEqual(NONE_SIGNED);
  }, 60_000);
});

describe('ACR tag listing: digests from the registry’s storage', () => {
  const repository = 'digests/probe';
  const admin = { username: 'ctpdemo', password: ADMIN_PASSWORD };

  /** What the real registry answers to a HEAD of each tag it lists: `{tag: digest}`, failures left out. */
  async function registryHeads(): Promise<Record<string, string>> {
    const token = await client.token(puller, [`repository:${repository}:pull`]);
    const auth = { authorization: `Bearer ${token}` };
    const list = await client.request('GET', `/v2/${repository}/tags/list`, auth);
    const names = (JSON.parse(list.body.toString()) as { tags: string[] }).tags;
    const heads: Record<string, string> = {};
    for (const name of names) {
      const head = await client.request('HEAD', `/v2/${repository}/manifests/${name}`, {
        ...auth,
        accept: MANIFEST_ACCEPT,
      });
      if (head.status === 200) heads[name] = String(head.headers['docker-content-digest']);
    }
    return heads;
  }

  let digestDeleted = '';
  const tagLink = (tag: string) =>
    path.join(
      dataPlaneLayout(h.ctx).registryStorage('ctpdemo'),
      'docker/registry/v2/repositories',
      repository,
      '_manifests/tags',
      tag,
      'current/link',
    );
  const listed = async (query = '') =>
    Object.fromEntries((await acrTags(repository, query)).body.tags.map((t) => [t.name, t.digest]));

  it('lists the digest the registry serves, after a re-push and a deleted manifest too', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((label) => buildTinyImage(`acr-tags digest ${label}`));
    const digestA = await client.pushImage(admin, repository, 'stays', a!);
    await client.pushImage(admin, repository, 'moved', b!);
    const digestC = await client.pushImage(admin, repository, 'moved', c!); // re-pushed, new content
    const digestD = await client.pushImage(admin, repository, 'deleted', d!);
    await client.pushImage(admin, repository, 'also-c', c!);
    const token = await client.token(admin, [`repository:${repository}:delete`]);
    const deletion = await client.request('DELETE', `/v2/${repository}/manifests/${digestD}`, {
      authorization: `Bearer ${token}`,
    });
    expect(deletion.status, deletion.body.toString()).toBe(202);
    digestDeleted = digestD;

    const heads = await registryHeads();
    expect(heads).toEqual({ stays: digestA, moved: digestC, 'also-c': digestC });
    expect(await listed()).toEqual(heads);
    // The same digests page by page and in time order.
    expect({ ...(await listed('?n=2')), ...(await listed('?n=2&last=moved')) }).toEqual(heads);
    expect(await listed('?orderby=timedesc')).toEqual(heads);
  }, 60_000);

  it('skips a tag whose link the registry cannot follow, as its HEAD fails', async () => {
    expect(digestDeleted).not.toBe('');
    for (const tag of ['garbled', 'dangling'])
      await client.pushImage(admin, repository, tag, buildTinyImage(`acr-tags digest ${tag}`));
    // A link that is not a digest, and one naming the manifest deleted above (its revision link is gone).
    await writeFile(tagLink('garbled'), 'not a digest');
    await writeFile(tagLink('dangling'), digestDeleted);

    const heads = await registryHeads();
    expect(Object.keys(heads).sort()).toEqual(['also-c', 'moved', 'stays']);
    expect(await listed()).toEqual(heads);
  }, 60_000);
});
