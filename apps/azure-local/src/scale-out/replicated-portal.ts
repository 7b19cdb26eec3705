// The portal scaled out: Redis for the shared caches, N BFF replicas (each supervised: a killed one is
// restarted), and HAProxy on the portal's URL in front of them. Used by `npm start -- --replicas 2` and by
// the scale-out suite, which starts its own pair against a running stack's upstreams.
import type { StackContext } from '../stack-context.ts';
import { portalProcess } from '../portal-process.ts';
import { startHaproxy } from './haproxy-process.ts';
import { startRedis } from './redis-process.ts';

export interface ReplicatedPortalLayout {
  names: { proxy: string; redis: string; replica: (index: number) => string };
  ports: { proxy: number; redis: number; replicas: number[] };
}

export interface ReplicatedPortal {
  url: string;
  replicas: { name: string; url: string }[];
  redis: { name: string; port: number };
}

export async function startReplicatedPortal(
  ctx: Pick<StackContext, 'ca' | 'serverTls' | 'supervisor' | 'dir'>,
  settings: Record<string, string>,
  layout: ReplicatedPortalLayout,
): Promise<ReplicatedPortal> {
  const url = `https://localhost:${layout.ports.proxy}`;
  const redis = await startRedis(ctx.supervisor, {
    name: layout.names.redis,
    dir: ctx.dir(layout.names.redis),
    port: layout.ports.redis,
  });
  const replicas = layout.ports.replicas.map((port, i) => ({ name: layout.names.replica(i), port }));
  await Promise.all(
    replicas.map((r) =>
      ctx.supervisor.start(
        portalProcess(ctx, {
          name: r.name,
          port: r.port,
          publicUrl: url,
          settings,
          env: { BFF_REDIS_URL: redis.url, BFF_REPLICA_NAME: r.name },
        }),
      ),
    ),
  );
  await startHaproxy(ctx.supervisor, {
    name: layout.names.proxy,
    dir: ctx.dir(layout.names.proxy),
    port: layout.ports.proxy,
    backends: replicas,
    tls: ctx.serverTls,
    caFile: ctx.ca.cert,
  });
  return {
    url,
    replicas: replicas.map((r) => ({ name: r.name, url: `https://localhost:${r.port}` })),
    redis: { name: redis.name, port: redis.port },
  };
}
