import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, LoginServerClient } from '../../src/data-plane/client/login-server-client.ts';
import { actionMatches } from '../../src/data-plane/token/authorization.ts';
import { parseScope } from '../../src/data-plane/token/scopes.ts';
import { ADMIN_PASSWORD, identity, type FixtureIdentity } from './fixture-control-plane.ts';
import { removeFreshDirs } from './cli.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let demo: string;
let client: LoginServerClient;

beforeAll(async () => {
  h = await startHarness({ seed: false });
  demo = h.controlPlane.registries[0]!.loginServer;
  client = new LoginServerClient(demo, h.caFile);
}, 120_000);
afterAll(async () => {
  await h?.dispose();
  await removeFreshDirs();
});

const user = (key: FixtureIdentity['key']) => ({
  username: identity(key).username,
  password: identity(key).password,
});

async function accessFor(credentials: { username: string; password: string } | undefined, scopes: string[]) {
  const claims = decodeJwt(await client.token(credentials, scopes));
  return claims.access as Array<{ type: string; name: string; actions: string[] }>;
}

describe('scope parsing and action patterns', () => {
  it('splits at the first and last colon so GUNs with host:port survive', () => {
    expect(parseScope('repository:localhost:8410/team/app:push,pull')).toEqual({
      type: 'repository',
      name: 'localhost:8410/team/app',
      actions: ['push', 'pull'],
    });
    expect(() => parseScope('repository:app')).toThrow(/malformed/);
    expect(() => parseScope('repository::pull')).toThrow(/empty resource name/);
  });
  it('matches ARM wildcards case-insensitively', () => {
    expect(actionMatches('*', 'Microsoft.ContainerRegistry/registries/push/write')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.ContainerRegistry/registries/pull/read')).toBe(true);
    expect(actionMatches('*/read', 'Microsoft.ContainerRegistry/registries/push/write')).toBe(false);
  });
});

describe('token service: access from RBAC permissions', () => {
  const gun = () => `${demo}/hello-world`;
  const scopes = () => ['repository:hello-world:pull,push,delete', `repository:${gun()}:pull,push,*`];

  it.each([
    ['signer', user('signer'), ['pull', 'push'], ['pull', 'push', '*']],
    ['pusher', user('pusher'), ['pull', 'push'], ['pull']],
    ['puller', user('puller'), ['pull'], ['pull']],
    ['reader (*/read)', user('reader'), ['pull'], ['pull']],
    ['classic admin (Owner *, AcrImageSigner)', user('classic-admin'), ['pull', 'push', 'delete'], ['pull']],
    [
      'admin account',
      { username: 'ctpdemo', password: ADMIN_PASSWORD },
      ['pull', 'push', 'delete'],
      ['pull'],
    ],
  ])('%s', async (_who, credentials, registryActions, trustActions) => {
    const access = await accessFor(credentials, scopes());
    expect(access.find((a) => a.name === 'hello-world')?.actions ?? []).toEqual(registryActions);
    expect(access.find((a) => a.name === gun())?.actions ?? []).toEqual(trustActions);
  });

  it('gives anonymous callers a token with empty access (the notary CLI retries with credentials)', async () => {
    expect(await accessFor(undefined, scopes())).toEqual([]);
  });

  it('answers bad credentials and unknown identities with 401 and a Basic challenge', async () => {
    for (const credentials of [
      { username: identity('signer').username, password: 'wrong' },
      { username: 'nobody', password: 'x' },
    ]) {
      const answer = await client.request(
        'GET',
        `/oauth2/token?service=${demo}&scope=repository:hello-world:pull`,
        { authorization: basic(credentials) },
      );
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe(`Basic realm="https://${demo}/oauth2/token"`);
    }
  });

  it('exchanges an Entra token for a refresh token that works on /oauth2/token but never as a bearer token', async () => {
    const form = new URLSearchParams({
      grant_type: 'access_token',
      service: demo,
      tenant: 't',
      access_token: `fixture-entra:${identity('pusher').objectId}`,
    });
    const exchanged = await client.request(
      'POST',
      '/oauth2/exchange',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from(form.toString()),
    );
    expect(exchanged.status).toBe(200);
    const refresh = (JSON.parse(exchanged.body.toString()) as { refresh_token: string }).refresh_token;
    const tokenForm = new URLSearchParams({
      grant_type: 'refresh_token',
      service: demo,
      scope: 'repository:hello-world:pull,push',
      refresh_token: refresh,
    });
    const token = await client.request(
      'POST',
      '/oauth2/token',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from(tokenForm.toString()),
    );
    expect(token.status).toBe(200);
    const accessToken = (JSON.parse(token.body.toString()) as { access_token: string }).access_token;
    expect(decodeJwt(accessToken).access).toEqual([
      { type: 'repository', name: 'hello-world', actions: ['pull', 'push'] },
    ]);
    expect(
      await accessFor({ username: '00000000-0000-0000-0000-000000000000', password: refresh }, [
        'repository:hello-world:pull',
      ]),
    ).toHaveLength(1);
    const ping = await client.request('GET', '/v2/', { authorization: `Bearer ${refresh}` });
    expect(ping.status).toBe(401);
    const good = await client.request('GET', '/v2/', { authorization: `Bearer ${accessToken}` });
    expect(good.status).toBe(200);
    const bad = await client.request(
      'POST',
      '/oauth2/exchange',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from(
        new URLSearchParams({ grant_type: 'access_token', service: demo, access_token: 'forged' }).toString(),
      ),
    );
    expect(bad.status).toBe(401);
  });

  it('answers the /v2/ ping with the Bearer challenge both CLIs need', async () => {
    const ping = await client.request('GET', '/v2/');
    expect(ping.status).toBe(401);
    expect(ping.headers['www-authenticate']).toContain(
      `Bearer realm="https://${demo}/oauth2/token",service="${demo}"`,
    );
  });

  it('a known identity without the role gets a token lacking the action, and the server answers 403/401 insufficient_scope', async () => {
    const token = await client.token(user('puller'), ['repository:hello-world:pull,push']);
    const upload = await client.request('POST', '/v2/hello-world/blobs/uploads/', {
      authorization: `Bearer ${token}`,
      'content-length': '0',
    });
    expect(upload.status).toBe(401);
    expect(upload.headers['www-authenticate']).toContain('insufficient_scope');
  });
});

describe('bad input', () => {
  it.each([
    ['a malformed scope', `/oauth2/token?service=SVC&scope=repository:hello-world`, 400, 'malformed'],
    ['an unknown resource type', `/oauth2/token?service=SVC&scope=blob:x:pull`, 400, 'unknown resource type'],
    [
      'a scope on another registry',
      `/oauth2/token?service=SVC&scope=repository:localhost:1/app:pull`,
      400,
      'not on this registry',
    ],
    [
      'an unknown service',
      `/oauth2/token?service=elsewhere.azurecr.io&scope=repository:app:pull`,
      400,
      'unknown service',
    ],
    [
      'a GUN of another registry',
      `/v2/localhost:1/app/_trust/tuf/root.json`,
      404,
      'does not belong to this registry',
    ],
    ['an encoded slash', `/v2/hello%2Fworld/manifests/v1`, 400, 'percent-encoded'],
    ['an encoded dot-dot', `/v2/%2e%2e/x/manifests/v1`, 400, 'percent-encoded'],
    ['a dot-dot segment', `/v2/hello-world/../x/manifests/v1`, 400, 'segments are not allowed'],
    ['a dot-dot in a GUN', `/v2/SVC/../x/_trust/tuf/root.json`, 400, 'segments are not allowed'],
    ['an invalid repository name', `/v2/Hello_World!/manifests/v1`, 400, 'not a valid repository name'],
    ['an unknown endpoint', `/admin/config`, 404, 'no such endpoint'],
  ])('%s → clear 4xx', async (_what, rawPath, status, message) => {
    const answer = await client.request('GET', rawPath.replaceAll('SVC', demo), {
      authorization: basic(user('signer')),
    });
    expect(answer.status).toBe(status);
    expect(answer.body.toString()).toContain(message);
  });
});

describe('ACR tag listing', () => {
  it('lists tags with digests and times for a reader, and challenges anonymous callers', async () => {
    const { buildTinyImage } = await import('../../src/data-plane/client/images.ts');
    const image = buildTinyImage('listing');
    const digest = await client.pushImage(user('pusher'), 'listing/app', 'v1', image);
    const anonymous = await client.request('GET', '/acr/v1/listing/app/_tags');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('scope="repository:listing/app:pull"');
    const token = await client.token(user('puller'), ['repository:listing/app:pull']);
    const listed = await client.request('GET', '/acr/v1/listing/app/_tags', {
      authorization: `Bearer ${token}`,
    });
    expect(listed.status).toBe(200);
    const body = JSON.parse(listed.body.toString()) as {
      imageName: string;
      tags: Array<{ name: string; digest: string; lastUpdateTime: string }>;
    };
    expect(body.imageName).toBe('listing/app');
    expect(body.tags).toHaveLength(1);
    expect(body.tags[0]).toMatchObject({ name: 'v1', digest });
    expect(Number.isNaN(Date.parse(body.tags[0]!.lastUpdateTime))).toBe(false);
  });
});

describe('publish-image tool', () => {
  it('pushes and signs an image that the notary CLI then lists with the pushed digest', async () => {
    const { publishImage } = await import('../../src/tools/publish-image.ts');
    const { freshDir, notaryCli } = await import('./cli.ts');
    const trustDir = await freshDir('publish');
    const result = await publishImage({
      loginServer: demo,
      caFile: h.caFile,
      repository: 'bench/app',
      tag: 'v1',
      credentials: user('signer'),
      sign: { trustDir, passphrase: 'publish-passphrase-1' },
    });
    expect(result.signed).toBe(true);
    const list = await notaryCli(demo, h.caFile, await freshDir('publish-reader'), user('puller'), [
      'list',
      `${demo}/bench/app`,
    ]);
    expect(list.stdout).toMatch(new RegExp(`v1\\s+${result.digest.slice(7)}\\s+${result.size}\\s+targets`));
    // A second tag reuses the trust dir (no second init).
    const second = await publishImage({
      ...{
        loginServer: demo,
        caFile: h.caFile,
        repository: 'bench/app',
        tag: 'v2',
        credentials: user('signer'),
      },
      sign: { trustDir, passphrase: 'publish-passphrase-1' },
    });
    expect(second.digest).not.toBe(result.digest);
  });
});

describe('streaming', () => {
  it('streams a 256 MB blob through the login server without buffering it', async () => {
    const { createHash } = await import('node:crypto');
    const { Readable } = await import('node:stream');
    const size = 256 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 3);
    const body = () =>
      Readable.from(
        (function* () {
          for (let i = 0; i < size / chunk.length; i++) yield chunk;
        })(),
      );
    const hash = createHash('sha256');
    for await (const c of body()) hash.update(c as Buffer);
    const digest = `sha256:${hash.digest('hex')}`;
    const auth = {
      authorization: `Bearer ${await client.token(user('pusher'), ['repository:big/layer:pull,push'])}`,
    };
    const start = await client.request('POST', '/v2/big/layer/blobs/uploads/', {
      ...auth,
      'content-length': '0',
    });
    const location = new URL(String(start.headers.location));
    location.searchParams.set('digest', digest);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const put = await client.request(
      'PUT',
      `${location.pathname}${location.search}`,
      { ...auth, 'content-length': String(size) },
      body(),
    );
    clearInterval(timer);
    expect(put.status).toBe(201);
    expect(put.headers['docker-content-digest']).toBe(digest);
    // Client and login server share this process: buffering would add at least the blob's size.
    expect(peak - before).toBeLessThan(size / 2);
  }, 120_000);
});
