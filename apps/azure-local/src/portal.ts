import path from 'node:path';
import { portFor, repoRoot } from './config.ts';
import { httpsOk } from './net/https-probe.ts';
import type { StackContext } from './stack-context.ts';

export interface PortalEndpoints {
  url: string;
}

/**
 * Starts the portal (apps/bff serving the built SPA from apps/web/dist) as a supervised process,
 * configured for this local stack.
 */
export async function startPortal(
  ctx: StackContext,
  settings: Record<string, string>,
): Promise<PortalEndpoints> {
  const port = portFor(ctx.config, 'portal');
  const url = `https://localhost:${port}`;
  await ctx.supervisor.start({
    name: 'portal',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(repoRoot, 'apps/bff/src/main.ts')],
    cwd: path.join(repoRoot, 'apps/bff'),
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: ctx.ca.cert,
      BFF_PORT: String(port),
      BFF_HOST: '127.0.0.1',
      BFF_TLS_CERT: ctx.serverTls.cert,
      BFF_TLS_KEY: ctx.serverTls.key,
      BFF_PUBLIC_URL: url,
      BFF_WEB_DIST: path.join(repoRoot, 'apps/web/dist'),
      ...settings,
    },
    healthCheck: () => httpsOk(`${url}/api/health`, ctx.ca.cert),
  });
  return { url };
}
