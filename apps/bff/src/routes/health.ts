import { Hono } from 'hono';
import type { HealthResponse } from '@ctp/contracts';

const version = process.env.npm_package_version ?? '0.0.0';

/** GET /api/health — liveness of the BFF itself (no downstream calls, so it is cheap to poll). */
export const healthRoutes = new Hono().get('/', (c) => {
  const body: HealthResponse = {
    status: 'ok',
    service: 'content-trust-portal-bff',
    version,
    time: new Date().toISOString(),
  };
  c.header('cache-control', 'no-store');
  return c.json(body);
});
