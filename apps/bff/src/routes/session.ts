import { Hono } from 'hono';
import type { ClientConfig, CurrentUser } from '@ctp/contracts';
import type { BffConfig } from '../config.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import { requireUser, type AuthenticatedEnv } from '../middleware/require-user.ts';

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
  return new Hono().get('/', (c) => c.json(body));
}

/** GET /api/me — who the BFF believes is calling. */
export function meRoutes(verify: TokenVerifier) {
  return new Hono<AuthenticatedEnv>().use(requireUser(verify)).get('/', (c) => {
    const caller = c.get('caller');
    const body: CurrentUser = {
      objectId: caller.objectId,
      tenantId: caller.tenantId,
      name: caller.name,
      username: caller.username,
    };
    c.header('cache-control', 'no-store');
    return c.json(body);
  });
}
