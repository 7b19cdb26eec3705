import { createRoute } from '@hono/zod-openapi';
import { clientConfigSchema, currentUserSchema, type ClientConfig, type CurrentUser } from '@ctp/contracts';
import type { BffConfig } from '../config.ts';
import type { PortalEnv, PublicEnv } from '../env.ts';
import { bearerSecurity, createRouter, problemResponses } from './router.ts';

const getConfig = createRoute({
  method: 'get',
  path: '/',
  tags: ['Portal'],
  summary: 'Public sign-in settings for the SPA (no secrets)',
  responses: {
    200: { description: 'MSAL settings', content: { 'application/json': { schema: clientConfigSchema } } },
  },
});

/** GET /api/config — public sign-in settings for the SPA. */
export function configRoutes(auth: BffConfig['auth']) {
  const body: ClientConfig = {
    auth: {
      clientId: auth.spaClientId,
      authority: auth.authority,
      knownAuthorities: [new URL(auth.authority).host],
      apiScope: auth.apiScope,
      extraScopesToConsent: [auth.armScope],
    },
  };
  return createRouter<PublicEnv>().openapi(getConfig, (c) => c.json(body, 200));
}

const getMe = createRoute({
  method: 'get',
  path: '/',
  tags: ['Portal'],
  summary: 'Who the BFF believes is calling',
  security: bearerSecurity,
  responses: {
    200: {
      description: 'The signed-in person',
      content: { 'application/json': { schema: currentUserSchema } },
    },
    ...problemResponses,
  },
});

/** GET /api/me — who the BFF believes is calling (requireUser runs before it, in app.ts). */
export function meRoutes() {
  return createRouter<PortalEnv>().openapi(getMe, (c) => {
    const caller = c.get('caller');
    const body: CurrentUser = {
      objectId: caller.objectId,
      tenantId: caller.tenantId,
      name: caller.name,
      username: caller.username,
    };
    c.header('cache-control', 'no-store');
    return c.json(body, 200);
  });
}
