// The registry client against a real docker-registry 2.8 (filesystem storage, loopback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, MEDIA_TYPES, RegistryError } from '../src/index.ts';
import { pushImage, pushIndex, type Pushed } from './support/push.ts';
import { REFRESH_TOKEN, startRegistry, USER, type RegistryServer } from './support/registry-server.ts';
import { startAcrStandIn } from './support/acr-standin.ts';

describe('open registry', () => {
  let reg: RegistryServer;
  const pushed: Record<string, Pushed> = {};
  beforeAll(async () => {
    reg = await startRegistry();
    for (const repo of ['alpha', 'beta', 'team/gamma', 'team/delta', 'zeta'])
      pushed[`${repo}:v1`] = await pushImage(reg.url, repo, 'v1');
    for (const tag of ['v2', 'v3', 'v4', 'v5'])
      pushed[`alpha:${tag}`] = await pushImage(reg.url, 'alpha', tag, tag === 'v3' ? 'oci' : 'docker');
    pushed['alpha:multi'] = await pushIndex(reg.url, 'alpha', 'multi', [
      pushed['alpha:v1']!,
      pushed['alpha:v3']!,
    ]);
  });
  afterAll(() => reg?.stop());

  it('lists the catalog across Link pages', async () => {
    const client = createRegistryClient({ baseUrl: reg.url });
    expect(await client.listRepositories({ pageSize: 2 })).toEqual([
      'alpha',
      'beta',
      'team/delta',
      'team/gamma',
      'zeta',
    ]);
  });

  it('lists tags', async () => {
    const client = createRegistryClient({ baseUrl: reg.url });
    // distribution 2.8 ignores `n` on tags/list and returns storage order (paging is exercised against
    // the ACR stand-in below, which pages); the set is what matters here.
    expect((await client.listTags('alpha', { pageSize: 2 })).sort()).toEqual([
      'multi',
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
    ]);
  });

  it('HEADs manifest digests for Docker v2, OCI manifest and OCI index', async () => {
    const client = createRegistryClient({ baseUrl: reg.url });
    expect(await client.getManifestDigest('alpha', 'v1')).toEqual({
      digest: pushed['alpha:v1']!.digest,
      mediaType: MEDIA_TYPES.dockerManifest,
      size: pushed['alpha:v1']!.size,
    });
    expect(await client.getManifestDigest('alpha', 'v3')).toEqual({
      digest: pushed['alpha:v3']!.digest,
      mediaType: MEDIA_TYPES.ociManifest,
      size: pushed['alpha:v3']!.size,
    });
    expect(await client.getManifestDigest('alpha', 'multi')).toEqual({
      digest: pushed['alpha:multi']!.digest,
      mediaType: MEDIA_TYPES.ociIndex,
      size: pushed['alpha:multi']!.size,
    });
    expect(await client.getManifestDigest('team/gamma', 'v1')).toMatchObject({
      digest: pushed['team/gamma:v1']!.digest,
    });
    expect(await client.getManifestDigest('alpha', 'nope')).toBeUndefined();
  });

  it('listTagDigests without ACR: tags/list + HEAD each', async () => {
    const client = createRegistryClient({ baseUrl: reg.url });
    expect(await client.hasAcrApi()).toBe(false);
    const tags = await client.listTagDigests('alpha');
    expect(tags.map((t) => t.tag).sort()).toEqual(['multi', 'v1', 'v2', 'v3', 'v4', 'v5']);
    for (const t of tags) expect(t.digest).toBe(pushed[`alpha:${t.tag}`]!.digest);
  });

  it('an unknown repository is a typed not-found error', async () => {
    const client = createRegistryClient({ baseUrl: reg.url });
    await expect(client.listTags('missing')).rejects.toMatchObject({
      name: 'RegistryError',
      kind: 'not-found',
    });
  });

  it('an unreachable registry is a typed network error', async () => {
    const client = createRegistryClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(client.listRepositories()).rejects.toBeInstanceOf(RegistryError);
  });
});

describe('registry with token auth (Bearer challenges, jose-minted ES256 tokens)', () => {
  let reg: RegistryServer;
  let image: Pushed;
  beforeAll(async () => {
    reg = await startRegistry({ tokenAuth: true });
    const t = reg.tokens!;
    const res = await fetch(
      `${t.realm}?service=${encodeURIComponent(t.service)}&scope=repository:secure/app:pull,push`,
      {
        headers: {
          authorization: `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString('base64')}`,
        },
      },
    );
    const { token } = (await res.json()) as { token: string };
    image = await pushImage(reg.url, 'secure/app', 'v1', 'docker', { authorization: `Bearer ${token}` });
    t.requests.length = 0;
  });
  afterAll(() => reg?.stop());

  it('basic credentials: challenge → token for the needed scope → retried request; tokens cached per scope', async () => {
    const client = createRegistryClient({ baseUrl: reg.url, credentials: { kind: 'basic', ...USER } });
    expect(await client.getManifestDigest('secure/app', 'v1')).toMatchObject({ digest: image.digest });
    expect(await client.getManifestDigest('secure/app', 'v1')).toMatchObject({ digest: image.digest });
    expect(await client.listTags('secure/app')).toEqual(['v1']);
    const pulls = reg.tokens!.requests.filter((r) => r.scopes.includes('repository:secure/app:pull'));
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.account).toBe(USER.username);
    expect(await client.listRepositories()).toEqual(['secure/app']);
    expect(reg.tokens!.requests.some((r) => r.scopes.includes('registry:catalog:*'))).toBe(true);
  });

  it('refresh-token credentials use the OAuth2 POST grant (ACR style)', async () => {
    const client = createRegistryClient({
      baseUrl: reg.url,
      credentials: { kind: 'refresh-token', refreshToken: REFRESH_TOKEN },
    });
    expect(await client.getManifestDigest('secure/app', 'v1')).toMatchObject({ digest: image.digest });
    expect(reg.tokens!.requests.at(-1)).toMatchObject({
      method: 'POST',
      grant: 'refresh_token',
      scopes: ['repository:secure/app:pull'],
    });
  });

  it('anonymous gets an empty token and is refused; bad passwords are refused', async () => {
    await expect(createRegistryClient({ baseUrl: reg.url }).listTags('secure/app')).rejects.toMatchObject({
      kind: 'unauthorized',
    });
    await expect(
      createRegistryClient({
        baseUrl: reg.url,
        credentials: { kind: 'basic', username: USER.username, password: 'wrong' },
      }).listTags('secure/app'),
    ).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
    });
  });
});

describe('ACR /acr/v1 listing (stand-in in front of a real registry)', () => {
  let reg: RegistryServer;
  let acr: Awaited<ReturnType<typeof startAcrStandIn>>;
  const digests: Record<string, string> = {};
  beforeAll(async () => {
    reg = await startRegistry();
    for (const tag of ['a', 'b', 'c', 'd', 'e'])
      digests[tag] = (await pushImage(reg.url, 'acr/app', tag, tag === 'c' ? 'oci' : 'docker')).digest;
    acr = await startAcrStandIn(reg.url);
  });
  afterAll(async () => {
    await acr?.close();
    await reg?.stop();
  });

  it('detects the API and lists tags with digests across Link pages', async () => {
    const client = createRegistryClient({ baseUrl: acr.url });
    expect(await client.hasAcrApi()).toBe(true);
    expect(await client.listAcrTags('acr/app', { pageSize: 2 })).toEqual(
      Object.entries(digests).map(([tag, digest]) => ({ tag, digest })),
    );
  });

  it('lists tag digests through /acr/v1 when it exists: one listing, no manifest per tag', async () => {
    const client = createRegistryClient({ baseUrl: acr.url });
    const expected = Object.entries(digests).map(([tag, digest]) => ({ tag, digest }));
    acr.requests.length = 0;
    expect(await client.listTagDigests('acr/app')).toEqual(expected);
    expect(acr.requests).toContain('GET /acr/v1/acr/app/_tags');
    expect(acr.requests.filter((r) => r.includes('/manifests/') || r.includes('/tags/list'))).toEqual([]);
  });

  it('falls back to tags/list and one manifest HEAD per tag where /acr/v1 is absent', async () => {
    // The same registry without the stand-in: no /acr/v1, so the other path yields the same digests.
    const plain = createRegistryClient({ baseUrl: reg.url });
    expect(await plain.hasAcrApi()).toBe(false);
    // docker-registry's tags/list is not sorted (ACR's is): compare as sets.
    const listed = (await plain.listTagDigests('acr/app')).sort((a, b) => a.tag.localeCompare(b.tag));
    expect(listed).toEqual(Object.entries(digests).map(([tag, digest]) => ({ tag, digest })));
  });

  it('follows Link paging on tags/list', async () => {
    const client = createRegistryClient({ baseUrl: acr.url });
    expect(await client.listTags('acr/app', { pageSize: 2 })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
