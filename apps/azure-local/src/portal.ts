import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { portFor } from './config.ts';
import { portalProcess } from './portal-process.ts';
import { startReplicatedPortal } from './scale-out/replicated-portal.ts';
import type { StackContext } from './stack-context.ts';

export interface PortalEndpoints {
  url: string;
}

/**
 * Starts the portal (apps/bff serving the built SPA from apps/web/dist) as a supervised process,
 * configured for this local stack; with `replicas` > 1, that many BFF processes sharing Redis behind
 * HAProxy on the same URL (scale-out/replicated-portal.ts).
 */
export async function startPortal(
  ctx: StackContext,
  settings: Record<string, string>,
): Promise<PortalEndpoints> {
  const port = portFor(ctx.config, 'portal');
  await writePortalSettings(ctx, settings);
  const replicas = ctx.config.replicas ?? 1;
  if (replicas > 1) {
    return startReplicatedPortal(ctx, settings, {
      names: { proxy: 'portal-proxy', redis: 'redis', replica: (i) => `portal-${i + 1}` },
      ports: {
        proxy: port,
        redis: portFor(ctx.config, 'redis'),
        replicas: Array.from({ length: replicas }, (_, i) => portFor(ctx.config, 'portalReplicaFirst', i)),
      },
    });
  }
  const url = `https://localhost:${port}`;
  await ctx.supervisor.start(portalProcess(ctx, { name: 'portal', port, publicUrl: url, settings }));
  return { url };
}

/** Where a stack keeps its portal's settings (secrets included: 0600), for a scale-out pair started beside it. */
export const portalSettingsFile = (dataDir: string) => path.join(dataDir, 'portal', 'settings.json');

async function writePortalSettings(ctx: StackContext, settings: Record<string, string>): Promise<void> {
  const file = portalSettingsFile(ctx.config.dataDir);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
}
