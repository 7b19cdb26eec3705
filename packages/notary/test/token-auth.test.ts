// The trust client against a notary-server with Docker token auth (jose-minted ES256 tokens from a
// test token service, same validation code as the registry's).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustClient, gunScopeBatches } from '../src/index.ts';
import { startTokenService, USER, type TokenService } from '../../registry/test/support/registry-server.ts';
import { notaryCli } from './support/notary-cli.ts';
import { startNotaryServer, type NotaryServer } from './support/notary-server.ts';

let server: NotaryServer;
let tokens: TokenService;
let dir: string;
let gun: string;
/** More GUNs signed on the same server, for token batches. */
let batch: string[];

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
  batch = Array.from({ length: 19 }, (_, i) => `${server.hostPort}/secure/app${i}`);
  for (const other of batch) {
    await cli.run('init', other, '-p');
    await cli.run('addhash', other, 'v1', '10', '--sha256', 'b'.repeat(64));
    await cli.run('publish', other);
  }
  tokens.requests.length = 0;
});
afterAll(async () => {
  await server?.stop();
  await tokens?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A client of the test's trust server with the test user's basic credentials, batching `guns`' scopes. */
function clientBatching(guns: string[]) {
  return createTrustClient({
    serverUrl: server.url,
    fetch: server.fetch,
    credentials: { kind: 'basic', ...USER },
    companionScopes: gunScopeBatches(guns),
  });
}

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

  it('asks one token per block of 16 GUNs (gunScopeBatches), whichever asks first, and each is verified', async () => {
    tokens.requests.length = 0;
    const guns = [gun, ...batch];
    const client = clientBatching(guns);
    const results = await client.verifyRepositories(guns);
    expect(results.map((r) => r.kind)).toEqual(guns.map(() => 'verified'));
    // 20 GUNs in blocks of 16: two token requests, one per block.
    expect(tokens.requests.map((q) => q.scopes.length)).toEqual([16, 4]);
    expect(tokens.requests[0]!.scopes.sort()).toEqual(
      guns
        .slice(0, 16)
        .map((g) => `repository:${g}:pull`)
        .sort(),
    );
  });

  it('a GUN the batch token does not grant gets a token request of its own', async () => {
    tokens.requests.length = 0;
    const guns = [gun, ...batch.slice(0, 5)];
    tokens.deny.add(guns[3]!);
    try {
      const client = clientBatching(guns);
      const results = await client.verifyRepositories(guns);
      expect(results[3]).toMatchObject({ kind: 'unreachable', status: 401 });
      expect(results.filter((r) => r.kind === 'verified')).toHaveLength(5);
      // One token for the block; the GUN it did not grant asks alone (unless it asked first, when the
      // block's token was its own and the refusal came at once).
      expect(tokens.requests[0]!.scopes.sort()).toEqual(guns.map((g) => `repository:${g}:pull`).sort());
      expect(tokens.requests.slice(1).map((q) => q.scopes)).toEqual(
        tokens.requests.length > 1 ? [[`repository:${guns[3]}:pull`]] : [],
      );
    } finally {
      tokens.deny.clear();
    }
  });

  it('anonymous access is refused (the empty token lacks pull) and reported as unreachable with the status', async () => {
    const client = createTrustClient({ serverUrl: server.url, fetch: server.fetch });
    expect(await client.verifyRepository(gun)).toMatchObject({ kind: 'unreachable', status: 401 });
  });
});
