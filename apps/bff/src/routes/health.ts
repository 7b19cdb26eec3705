import { createRoute } from '@hono/zod-openapi';
import { healthResponseSchema, type HealthResponse } from '@ctp/contracts';
import type { CacheHealth } from '../cache/cache-status.ts';
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

/**
 * GET /api/health — liveness of the BFF itself (no downstream calls, so it is cheap to poll). With
 * shared caches it is `degraded` while Redis is unavailable (still 200: the replica serves from its
 * local caches, so a proxy keeps sending it traffic).
 */
export function healthRoutes(opts: { caches?: () => CacheHealth; replica?: string } = {}) {
  return createRouter<PublicEnv>().openapi(getHealth, (c) => {
    const caches = opts.caches?.();
    const body: HealthResponse = {
      status: caches && caches.store === 'redis' && !caches.shared ? 'degraded' : 'ok',
      service: 'content-trust-portal-bff',
      version,
      time: new Date().toISOString(),
      ...(opts.replica ? { replica: opts.replica } : {}),
      ...(caches ? { caches } : {}),
    };
    c.header('cache-control', 'no-store');
    return c.json(body, 200);
  });
}
