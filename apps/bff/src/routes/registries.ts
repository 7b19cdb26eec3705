import { createRoute, z } from '@hono/zod-openapi';
import {
  registryDetailSchema,
  registryListSchema,
  registryRefSchema,
  subscriptionIdSchema,
  subscriptionListSchema,
} from '@ctp/contracts';
import type { PortalEnv } from '../env.ts';
import { RegistryService } from '../services/registries.ts';
import { bearerSecurity, createRouter, problemResponses } from './router.ts';

/** Path of one registry; every blade's routes hang below it. */
export const registryPath =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/registries/{registryName}';

const listSubscriptions = createRoute({
  method: 'get',
  path: '/subscriptions',
  tags: ['Registries'],
  summary: 'Subscriptions the caller can see',
  security: bearerSecurity,
  responses: {
    200: {
      description: 'Subscriptions',
      content: { 'application/json': { schema: subscriptionListSchema } },
    },
    ...problemResponses,
  },
});

const listRegistries = createRoute({
  method: 'get',
  path: '/registries',
  tags: ['Registries'],
  summary: 'Container registries across the caller’s subscriptions',
  security: bearerSecurity,
  request: { query: z.object({ subscriptionId: subscriptionIdSchema.optional() }) },
  responses: {
    200: { description: 'Registries', content: { 'application/json': { schema: registryListSchema } } },
    ...problemResponses,
  },
});

const getRegistry = createRoute({
  method: 'get',
  path: registryPath,
  tags: ['Registries'],
  summary: 'One registry, with what the caller may do on it',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: { description: 'The registry', content: { 'application/json': { schema: registryDetailSchema } } },
    ...problemResponses,
  },
});

/** Subscriptions and registries (the spine every blade hangs on). */
export function registryRoutes() {
  return createRouter<PortalEnv>()
    .openapi(listSubscriptions, async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ value: await new RegistryService(c.get('arm')).subscriptions() }, 200);
    })
    .openapi(listRegistries, async (c) => {
      const { subscriptionId } = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json(await new RegistryService(c.get('arm')).list(subscriptionId), 200);
    })
    .openapi(getRegistry, async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await new RegistryService(c.get('arm')).get(c.req.valid('param')), 200);
    });
}
