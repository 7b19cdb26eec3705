import { Hono } from 'hono';
import type { TokenVerifier } from './auth/token-verifier.ts';
import type { BffConfig } from './config.ts';
import { apiBodyLimit } from './middleware/body-limit.ts';
import { problemNotFound, problemOnError } from './middleware/problem.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { configRoutes, meRoutes } from './routes/session.ts';
import { spaRoutes } from './routes/spa.ts';

export interface AppDependencies {
  config: Pick<BffConfig, 'webDist' | 'auth'>;
  verifyToken: TokenVerifier;
}

/** The BFF as a Hono app: /api/* routes, then the SPA. Kept free of Node server setup so tests can call app.request(). */
export function createApp({ config, verifyToken }: AppDependencies) {
  // The catch-all keeps unknown /api/* paths from falling through to the SPA's index.html.
  const api = new Hono()
    .route('/health', healthRoutes)
    .route('/config', configRoutes(config.auth))
    .route('/me', meRoutes(verifyToken))
    .all('*', problemNotFound);

  const app = new Hono();
  app.use('*', securityHeaders({ authority: config.auth.authority }));
  app.use('/api/*', apiBodyLimit());
  app.route('/api', api);
  app.route('/', spaRoutes(config.webDist));
  app.onError(problemOnError);
  return app;
}
