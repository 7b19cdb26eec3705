import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { problem } from '../middleware/problem.ts';

/** Vite's output names under assets/: `<name>-<content hash>.<ext>` (hash: 8+ url-safe characters). */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built SPA. Only content-hashed files under /assets/ are cached for good; a missing asset
 * is a 404 (never index.html: a browser would keep HTML as a script chunk for a year). index.html,
 * the SPA fallback and every other file must be revalidated (`no-cache`), the MSAL redirect bridge is
 * not stored at all (msal-browser v5). Source maps are served only when the build made them (the
 * start mode builds without; see apps/web/vite.config.ts).
 */
export function spaRoutes(webDist: string) {
  const indexFile = path.join(webDist, 'index.html');
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.ok) return;
    const file = c.req.path;
    if (file === '/redirect.html') c.header('cache-control', 'no-store');
    else if (file.startsWith('/assets/') && HASHED_ASSET.test(file)) c.header('cache-control', IMMUTABLE);
    else c.header('cache-control', 'no-cache');
  });
  app.use('*', serveStatic({ root: path.relative(process.cwd(), webDist) }));
  app.all('/assets/*', (c) =>
    problem(
      c,
      404,
      'Not found',
      `No such file ${c.req.path}: the portal was probably updated; reload the page.`,
    ),
  );
  app.get('*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text(`The SPA is not built (${indexFile} is missing). Run: pnpm --filter @ctp/web build`, 503);
    }
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
