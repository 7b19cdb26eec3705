import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthResponseSchema, problemSchema } from '@ctp/contracts';
import { createApp } from '../src/app.ts';

const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
const app = createApp({ webDist });

describe('BFF app', () => {
  it('answers /api/health with the contract shape and no caching', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(healthResponseSchema.parse(await response.json()).status).toBe('ok');
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const response = await app.request('/api/registries/nope', { method: 'POST' });
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
