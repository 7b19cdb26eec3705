import { createRoute } from '@hono/zod-openapi';
import { healthResponseSchema, type HealthResponse } from '@ctp/contracts';
import type { PublicEnv } from '../env.ts';
import { createRouter } from './router.ts';

const version = process.env.npm_package_version ?? '0.0.0';

const getHealth = createRoute({
  method: 'get',
  path: '/',
  tags: ['Portal'],
  summary: 'Liveness of the BFF itself',
  responses: {
    200: {
      description: 'The BFF answers',
      content: { 'application/json': { schema: healthResponseSchema } },
    },
  },
});

/** GET /api/health — liveness of the BFF itself (no downstream calls, so it is cheap to poll). */
export function healthRoutes() {
  return createRouter<PublicEnv>().openapi(getHealth, (c) => {
    const body: HealthResponse = {
      status: 'ok',
      service: 'content-trust-portal-bff',
      version,
      time: new Date().toISOString(),
    };
    c.header('cache-control', 'no-store');
    return c.json(body, 200);
  });
}
