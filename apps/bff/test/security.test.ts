// Attacks from the hostile probe of issue 8 on the BFF: tokens the verifier let through, missing CSP,
// HTML cached as a script for a year, source maps, and unbounded chunked bodies.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@ctp/contracts';
import type { createApp } from '../src/app.ts';
import { MAX_API_BODY_BYTES } from '../src/middleware/body-limit.ts';
import { createTestApp } from './support/test-app.ts';
import { createTokenMinter } from './support/tokens.ts';

const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
mkdirSync(path.join(webDist, 'assets'));
writeFileSync(path.join(webDist, 'assets', 'index-BdE3x_9a.js'), 'export {};');
writeFileSync(path.join(webDist, 'assets', 'logo.svg'), '<svg/>');

let app: ReturnType<typeof createApp>;
let mint: Awaited<ReturnType<typeof createTokenMinter>>['mint'];

beforeAll(async () => {
  const minter = await createTokenMinter();
  mint = minter.mint;
  app = createTestApp(webDist, minter.keySet);
});

describe('token checks', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const me = async (token: string) => {
    const response = await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, detail: problemSchema.parse(await response.json()).detail };
  };

  it.each([
    ['no exp', {}, { exp: null }, /"exp" claim/],
    ['no iat', {}, { iat: null }, /"iat" claim/],
    ['iat in the future', {}, { iat: now() + 3600, exp: now() + 7200 }, /iat/],
    ['nbf in the future', {}, { nbf: now() + 3600 }, /nbf/],
    ['a 30-day lifetime', {}, { exp: now() + 30 * 86400 }, /longer than 28 hours/],
    ['another tenant (same issuer)', { tid: '00000000-0000-4000-8000-000000000bad' }, {}, /tenant/],
  ])('refuses a validly signed token with %s', async (_label, claims, options, reason) => {
    const answer = await me(await mint(claims, options));
    expect(answer.status).toBe(401);
    expect(answer.detail).toMatch(reason);
  });

  it('accepts the tenant case-insensitively, as GUIDs are', async () => {
    const answer = await app.request('/api/me', {
      headers: { authorization: `Bearer ${await mint({ tid: '72F988BF-0000-4000-8000-00000000C7A1' })}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe('Content-Security-Policy', () => {
  it.each(['/', '/registries/ctpdemo', '/api/health', '/api/nope'])('is strict on %s', async (url) => {
    const response = await app.request(url);
    const csp = Object.fromEntries(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'https://localhost:9401']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('lets only the portal itself frame MSAL’s redirect bridge page (silent renewal lands there)', async () => {
    const response = await app.request('/redirect.html');
    const header = response.headers.get('content-security-policy') ?? '';
    expect(header).toContain("frame-ancestors 'self'");
    expect(header).toMatch(/frame-src 'self' https:\/\/localhost:9401/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const page = await app.request('/registries');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('SPA caching', () => {
  it('answers a missing asset with 404, never index.html', async () => {
    const response = await app.request('/assets/index-Gone1234.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('caches only content-hashed assets for good', async () => {
    const hashed = await app.request('/assets/index-BdE3x_9a.js');
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const unhashed = await app.request('/assets/logo.svg');
    expect(unhashed.status).toBe(200);
    expect(unhashed.headers.get('cache-control')).toBe('no-cache');
  });

  it.each(['/', '/index.html', '/registries/ctpdemo/content-trust'])(
    'revalidates index.html on %s',
    async (url) => {
      const response = await app.request(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>spa</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    },
  );
});

describe('API request bodies', () => {
  const endless = (total: number) => {
    let produced = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= total) return controller.close();
        produced += chunk.length;
        controller.enqueue(chunk);
      },
    });
    return { body, produced: () => produced };
  };

  it('stops reading a chunked body at the limit and answers a 413 problem', async () => {
    const stream = endless(64 * 1024 * 1024);
    const response = await app.request('/api/me', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(problemSchema.parse(await response.json()).title).toBe('Request body too large');
    expect(stream.produced()).toBeLessThan(2 * MAX_API_BODY_BYTES);
  });

  it('refuses a declared oversized body before reading it', async () => {
    const response = await app.request('/api/me', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(MAX_API_BODY_BYTES + 1) },
      body: 'x',
    });
    expect(response.status).toBe(413);
  });
});
