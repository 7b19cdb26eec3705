import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built SPA: hashed assets with long caching, every other path falls back to index.html
 * (client-side routing). The MSAL redirect bridge page must not be cached (msal-browser v5).
 */
export function spaRoutes(webDist: string) {
  const indexFile = path.join(webDist, 'index.html');
  const app = new Hono();
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/redirect.html', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });
  app.use('*', serveStatic({ root: path.relative(process.cwd(), webDist) }));
  app.get('*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text(`The SPA is not built (${indexFile} is missing). Run: pnpm --filter @ctp/web build`, 503);
    }
    c.header('cache-control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
