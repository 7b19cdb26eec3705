// The portal (BFF serving the SPA) as the stack runs it: its health route answers through the portal URL
// in stack.json, over HTTPS with the local CA. Skipped when the stack runs with --no-portal.
import { describe, expect, it } from 'vitest';
import { stack } from './support/stack.ts';

const s = await stack();

describe('portal behind the stack', () => {
  it.skipIf(!s.portal)('answers GET /api/health through the portal URL', async () => {
    const response = await fetch(`${s.portal!.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'content-trust-portal-bff' });
  });
});
