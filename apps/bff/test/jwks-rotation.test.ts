// After the identity provider rotates its signing key, tokens signed with the new key must be accepted
// soon: jose fetches the JWKS again for an unknown key id, but not within its cooldown of the last
// fetch (30 s by default, during which such tokens got 401). The verifier's cooldown is a few seconds.
// Date is faked (only Date: the JWKS is really fetched from a local server) so no test waits it out.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, JWKS_COOLDOWN_MS } from '../src/auth/token-verifier.ts';
import { createTokenMinter, testAuth } from './support/tokens.ts';

let server: Server;
let published: JWK[] = [];
let fetches = 0;
let jwksUri = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => vi.useRealTimers());

async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

describe('the identity provider rotates its signing key', () => {
  it(`accepts tokens of the new key once ${JWKS_COOLDOWN_MS} ms have passed since the last JWKS fetch`, async () => {
    expect(JWKS_COOLDOWN_MS).toBeLessThanOrEqual(5_000);
    const { mint } = await createTokenMinter();
    const [previous, next] = [await signingKey('previous'), await signingKey('next')];
    published = [previous.jwk];
    const verify = createTokenVerifier({ ...testAuth, jwksUri });
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();

    expect((await verify(await mint({}, { key: previous.privateKey, kid: 'previous' }))).ok).toBe(true);
    expect(fetches).toBe(1);
    published = [previous.jwk, next.jwk]; // rotated: the new key is published and signs from now on
    const token = await mint({}, { key: next.privateKey, kid: 'next' });

    // Within the cooldown jose does not fetch again (a flood of unknown key ids costs one fetch per cooldown).
    vi.setSystemTime(start + JWKS_COOLDOWN_MS - 1);
    expect((await verify(token)).ok).toBe(false);
    expect(fetches).toBe(1);
    // Past it, the unknown key id makes it fetch the JWKS again, and the token is accepted.
    vi.setSystemTime(start + JWKS_COOLDOWN_MS + 1);
    expect(await verify(token)).toMatchObject({ ok: true });
    expect(fetches).toBe(2);
    // The previous key is still published, so its tokens still work.
    expect((await verify(await mint({}, { key: previous.privateKey, kid: 'previous' }))).ok).toBe(true);
  });
});
