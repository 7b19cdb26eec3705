// The trust client against a notary-server with Docker token auth (jose-minted ES256 tokens from a
// test token service, same validation code as the registry's).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustClient } from '../src/index.ts';
import { startTokenService, USER, type TokenService } from '../../registry/test/support/registry-server.ts';
import { notaryCli } from './support/notary-cli.ts';
import { startNotaryServer, type NotaryServer } from './support/notary-server.ts';

let server: NotaryServer;
let tokens: TokenService;
let dir: string;
let gun: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctp-notary-auth-'));
  tokens = await startTokenService(dir, 'ctp-notary');
  server = await startNotaryServer({
    auth: {
      realm: tokens.realm,
      service: 'ctp-notary',
      issuer: 'ctp-test-issuer',
      rootcertbundle: join(dir, 'jwt.crt'),
    },
  });
  gun = `${server.hostPort}/secure/app`;
  const cli = await notaryCli(server, join(server.dir, 'trust'), {
    NOTARY_AUTH: Buffer.from(`${USER.username}:${USER.password}`).toString('base64'),
  });
  await cli.run('init', gun, '-p');
  await cli.run('addhash', gun, 'v1', '10', '--sha256', 'a'.repeat(64));
  await cli.run('publish', gun);
  tokens.requests.length = 0;
});
afterAll(async () => {
  await server?.stop();
  await tokens?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('trust server with token auth', () => {
  it('answers the Bearer challenge with basic credentials, scope repository:<GUN>:pull, one token per scope', async () => {
    const client = createTrustClient({
      serverUrl: server.url,
      fetch: server.fetch,
      credentials: { kind: 'basic', ...USER },
    });
    const r = await client.verifyRepository(gun);
    expect(r.kind).toBe('verified');
    expect(tokens.requests.map((q) => q.scopes)).toEqual([[`repository:${gun}:pull`]]);
    expect(tokens.requests[0]!.account).toBe(USER.username);
  });

  it('anonymous access is refused (the empty token lacks pull) and reported as unreachable with the status', async () => {
    const client = createTrustClient({ serverUrl: server.url, fetch: server.fetch });
    expect(await client.verifyRepository(gun)).toMatchObject({ kind: 'unreachable', status: 401 });
  });
});
