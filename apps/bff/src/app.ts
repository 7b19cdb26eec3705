import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { DownstreamTokens } from './auth/on-behalf-of.ts';
import type { TokenVerifier } from './auth/token-verifier.ts';
import { armSettings } from './azure/arm.ts';
import { memoryCacheHealth, type CacheHealth } from './cache/cache-status.ts';
import type { BffConfig } from './config.ts';
import type { PortalEnv } from './env.ts';
import type { Logger } from './logging.ts';
import { apiBodyLimit } from './middleware/body-limit.ts';
import { problemNotFound, problemOnError } from './middleware/problem.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { callerContext, requestContext } from './middleware/request-context.ts';
import { requireUser } from './middleware/require-user.ts';
import type { LoginServerAccess } from './registry/login-server-access.ts';
import { accessControlRoutes } from './routes/access-control.ts';
import { createTrustCache, memoryScanCache, type ScanCache, type TrustCache } from '@ctp/notary';
import { healthRoutes } from './routes/health.ts';
import { registerOpenApiDocument } from './routes/openapi.ts';
import { registryRoutes } from './routes/registries.ts';
import { repositoryRoutes } from './routes/repositories.ts';
import { createRouter } from './routes/router.ts';
import { configRoutes, meRoutes } from './routes/session.ts';
import { contentTrustRoutes } from './routes/content-trust.ts';
import { spaRoutes } from './routes/spa.ts';

export interface AppDependencies {
  config: Pick<BffConfig, 'webDist' | 'auth' | 'downstream' | 'corsOrigins'>;
  verifyToken: TokenVerifier;
  /** On-behalf-of exchange for ARM and Graph tokens. */
  tokens: DownstreamTokens;
  /** The registries' data plane as the caller (login servers learned from ARM only). */
  loginServers: LoginServerAccess;
  /** Verified trust per GUN and scan results (in memory unless a shared store is given). */
  trustCache?: TrustCache;
  scanCache?: ScanCache;
  /** What /api/health says about the caches (shared or local, counters). */
  cacheHealth?: () => CacheHealth;
  /** This replica's name, when several run behind a proxy. */
  replicaName?: string;
  log: Logger;
}

/**
 * The BFF as a Hono app: public routes (health, sign-in settings, the OpenAPI document), then every
 * signed-in route behind requireUser + callerContext, then the SPA. Free of Node server setup so tests
 * can call app.request().
 */
export function createApp(deps: AppDependencies) {
  const { config } = deps;
  const api = createRouter<PortalEnv>();
  api.use('*', ...requestContext({ log: deps.log }));
  if (config.corsOrigins.length > 0) api.use('*', cors({ origin: config.corsOrigins, credentials: false }));
  api.use('*', apiBodyLimit());
  api.route(
    '/health',
    healthRoutes({
      caches: deps.cacheHealth ?? memoryCacheHealth(),
      ...(deps.replicaName ? { replica: deps.replicaName } : {}),
    }),
  );
  api.route('/config', configRoutes(config.auth));
  registerOpenApiDocument(api);

  // Everything below needs a signed-in person; unknown paths are 404 only for them.
  api.use(
    '*',
    requireUser(deps.verifyToken),
    callerContext({
      arm: armSettings(config),
      graph: {
        endpoint: config.downstream.graphEndpoint,
        scope: config.downstream.graphScope,
        timeoutMs: config.downstream.timeoutMs,
      },
      tokens: deps.tokens,
    }),
  );
  // One trust cache for the repositories scans and the content-trust blade (which forgets its pins).
  const trustCache = deps.trustCache ?? createTrustCache();
  api.route('/me', meRoutes());
  api.route('/', registryRoutes());
  api.route('/', accessControlRoutes());
  api.route(
    '/',
    contentTrustRoutes({
      loginServers: deps.loginServers,
      armEndpoint: config.downstream.armEndpoint,
      trustCache,
    }),
  );
  api.route(
    '/',
    repositoryRoutes({
      loginServers: deps.loginServers,
      trustCache,
      scanCache: deps.scanCache ?? memoryScanCache(),
    }),
  );
  api.all('*', problemNotFound);

  const app = new Hono();
  app.use('*', securityHeaders({ authority: config.auth.authority }));
  // Behind a proxy, which replica answered (like X-Served-By), for operators and the scale-out suite.
  const replica = deps.replicaName;
  if (replica)
    app.use('*', async (c, next) => {
      await next();
      c.res.headers.set('x-ctp-replica', replica);
    });
  app.route('/api', api);
  app.route('/', spaRoutes(config.webDist));
  app.onError(problemOnError);
  api.onError(problemOnError);
  return app;
}
