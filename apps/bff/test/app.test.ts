import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientConfigSchema, currentUserSchema, healthResponseSchema, problemSchema } from '@ctp/contracts';
import type { createApp } from '../src/app.ts';
import { createTestApp } from './support/test-app.ts';
import { createTokenMinter, testAuth } from './support/tokens.ts';

const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');

let app: ReturnType<typeof createApp>;
let mint: Awaited<ReturnType<typeof createTokenMinter>>['mint'];

beforeAll(async () => {
  const minter = await createTokenMinter();
  mint = minter.mint;
  app = createTestApp(webDist, minter.keySet);
});

describe('BFF app', () => {
  it('answers /api/health with the contract shape and no caching', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(healthResponseSchema.parse(await response.json()).status).toBe('ok');
  });

  it('publishes the sign-in settings the SPA needs, and no secret', async () => {
    const response = await app.request('/api/config');
    // The raw JSON, not the schema-parsed one: parsing would strip any extra key (a secret among them).
    const raw: unknown = await response.json();
    expect(raw).toStrictEqual({
      auth: {
        clientId: 'spa-client',
        authority: testAuth.authority,
        knownAuthorities: ['localhost:9401'],
        apiScope: testAuth.apiScope,
        extraScopesToConsent: [testAuth.armScope],
      },
    });
    // …and it is exactly the contract: parsing it drops nothing.
    expect(clientConfigSchema.parse(raw)).toStrictEqual(raw);
  });

  it('answers unknown API routes with problem+json 404 to a signed-in caller', async () => {
    const response = await app.request('/api/registries/nope', {
      method: 'POST',
      headers: { authorization: `Bearer ${await mint()}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = problemSchema.parse(await response.json());
    expect(body.detail).toContain('POST /api/registries/nope');
  });

  it('falls back to the SPA for client-side routes', async () => {
    const response = await app.request('/registries/ctpdemo/content-trust');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>spa</title>');
  });

  it('sets security headers', async () => {
    const response = await app.request('/api/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});

describe('GET /api/me', () => {
  const me = (authorization?: string) =>
    app.request('/api/me', authorization ? { headers: { authorization } } : {});

  it('returns the caller from a valid token', async () => {
    const response = await me(`Bearer ${await mint()}`);
    expect(response.status).toBe(200);
    expect(currentUserSchema.parse(await response.json())).toEqual({
      objectId: '11111111-1111-4111-8111-111111111111',
      tenantId: '72f988bf-0000-4000-8000-00000000c7a1',
      name: 'Olivia Owner',
      username: 'olivia@contoso.test',
    });
  });

  it('asks for a token when there is none', async () => {
    const response = await me();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(problemSchema.parse(await response.json()).title).toBe('Sign-in required');
  });

  it.each([
    ['another audience', { aud: 'https://management.azure.com' }, {}, /aud/],
    ['another issuer', { iss: 'https://evil.example/v2.0' }, {}, /iss/],
    ['no API scope', { scp: 'user_impersonation' }, {}, /access_as_user/],
    ['an expired token', {}, { expiresIn: '-5m' }, /exp/],
  ])('refuses %s with invalid_token', async (_label, claims, options, reason) => {
    const response = await me(`Bearer ${await mint(claims, options)}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    const problem = problemSchema.parse(await response.json());
    expect(problem.detail).toMatch(reason);
    expect(problem.code).toBe('SessionExpired'); // what the SPA turns into "Your session has expired"
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const response = await me(`Bearer ${await mint({}, { key: privateKey })}`);
    expect(response.status).toBe(401);
  });
});
