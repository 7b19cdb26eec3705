import path from 'node:path';
import { repoRoot } from './config.ts';
import { httpsOk } from './net/https-probe.ts';
import type { ProcessSpec } from './process/supervisor.ts';
import type { StackContext } from './stack-context.ts';

/** One BFF process: its own port, the portal's public URL, the identity settings, extra environment. */
export function portalProcess(
  ctx: Pick<StackContext, 'ca' | 'serverTls'>,
  opts: {
    name: string;
    port: number;
    publicUrl: string;
    settings: Record<string, string>;
    env?: Record<string, string>;
  },
): ProcessSpec {
  return {
    name: opts.name,
    command: process.execPath,
    args: ['--import', 'tsx', path.join(repoRoot, 'apps/bff/src/main.ts')],
    cwd: path.join(repoRoot, 'apps/bff'),
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: ctx.ca.cert,
      BFF_PORT: String(opts.port),
      BFF_HOST: '127.0.0.1',
      BFF_TLS_CERT: ctx.serverTls.cert,
      BFF_TLS_KEY: ctx.serverTls.key,
      BFF_PUBLIC_URL: opts.publicUrl,
      BFF_WEB_DIST: path.join(repoRoot, 'apps/web/dist'),
      ...opts.settings,
      ...opts.env,
    },
    healthCheck: () => httpsOk(`https://localhost:${opts.port}/api/health`, ctx.ca.cert),
  };
}
