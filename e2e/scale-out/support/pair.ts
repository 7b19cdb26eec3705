// The scale-out suite's own replicated portal: the stack launcher's startReplicatedPortal (the very code
// `npm start -- --replicas 2` runs) with this suite's supervisor, ports (test port base + 200) and folder,
// against the running test stack's upstreams (the portal settings it wrote). A crashed process is not
// restarted here, so a killed replica stays dead and its traffic must go to the other one.
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HealthResponse } from '@ctp/contracts';
import {
  ensureLocalCa,
  issueServerTls,
  portalSettingsFile,
  startRedis,
  startReplicatedPortal,
  Supervisor,
  type ReplicatedPortal,
} from '@ctp/azure-local/scale-out';
import type { Stack } from '../../stack/support/stack.ts';
import { ndjsonLines } from '../../stack/support/ndjson.ts';

export interface Pair extends ReplicatedPortal {
  supervisor: Supervisor;
  pidOf(name: string): number;
  stopRedis(): void;
  /** The password of the pair's Redis (for the suite's own look at what is stored). */
  redisPassword(): string;
  startRedisAgain(): Promise<void>;
  stop(): Promise<void>;
}

export const REPLICA_A = 'scaleout-bff-a';
export const REPLICA_B = 'scaleout-bff-b';
const REDIS = 'scaleout-redis';

export async function startPair(s: Stack): Promise<Pair> {
  const base = Number(process.env.CTP_PORT_BASE ?? 9400) + 200;
  const dir = path.join(s.dataDir, 'scale-out');
  await rm(dir, { recursive: true, force: true });
  const ca = await ensureLocalCa(path.dirname(s.caCertificate));
  const serverTls = await issueServerTls(ca, dir);
  const settings = JSON.parse(await readFile(portalSettingsFile(s.dataDir), 'utf8')) as Record<
    string,
    string
  >;
  const supervisor = new Supervisor(path.join(dir, 'logs'), {
    restart: { maxCrashes: 1, windowMs: 600_000, firstDelayMs: 60_000, maxDelayMs: 60_000 },
    report: () => undefined,
  });
  const ctx = { ca, serverTls, supervisor, dir: (name: string) => path.join(dir, name) };
  const redisSpec = { name: REDIS, dir: ctx.dir(REDIS), port: base + 3 };
  const portal = await startReplicatedPortal(ctx, settings, {
    names: {
      proxy: 'scaleout-haproxy',
      redis: REDIS,
      replica: (i) => [REPLICA_A, REPLICA_B][i]!,
    },
    ports: { proxy: base, redis: redisSpec.port, replicas: [base + 1, base + 2] },
  });
  const pidOf = (name: string) => {
    const pids = supervisor
      .status()
      .filter((p) => p.name === name && p.state === 'running' && p.pid !== undefined);
    if (pids.length === 0) throw new Error(`${name} is not running`);
    return pids[pids.length - 1]!.pid!;
  };
  return {
    ...portal,
    supervisor,
    pidOf,
    stopRedis: () => process.kill(pidOf(REDIS), 'SIGTERM'),
    redisPassword: () => readFileSync(path.join(redisSpec.dir, 'password'), 'utf8').trim(),
    startRedisAgain: async () => void (await startRedis(supervisor, redisSpec)),
    stop: () => supervisor.stopAll(),
  };
}

/** GET /api/health of one replica or of the proxy. */
export async function health(url: string): Promise<HealthResponse & { servedBy: string | null }> {
  const response = await fetch(`${url}/api/health`);
  if (!response.ok) throw new Error(`${url}/api/health answered ${response.status}`);
  return { ...((await response.json()) as HealthResponse), servedBy: response.headers.get('x-ctp-replica') };
}

/** Waits for a condition (no fixed sleeps in assertions): polls every 100 ms, up to `attempts`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  attempts = 300,
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The portal API at one base URL (the proxy or one replica) as one signed-in person. */
export function portalAt(base: string, token: string) {
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });
  return {
    async json<T>(path: string): Promise<{ status: number; body: T; servedBy: string | null }> {
      const response = await get(path);
      return {
        status: response.status,
        body: (await response.json()) as T,
        servedBy: response.headers.get('x-ctp-replica'),
      };
    },
    /**
     * An NDJSON answer line by line; `onLine` runs as each arrives. Resolves with the lines, who served
     * them, and how the stream ended (`cut` when the connection broke before the end).
     */
    async lines<T>(
      path: string,
      onLine: (line: T, servedBy: string | null) => void = () => undefined,
    ): Promise<{ lines: T[]; servedBy: string | null; status: number; cut: boolean }> {
      const response = await get(path);
      const servedBy = response.headers.get('x-ctp-replica');
      const lines: T[] = [];
      if (!response.ok) return { lines, servedBy, status: response.status, cut: false };
      try {
        for await (const line of ndjsonLines<T>(response.body!)) {
          lines.push(line);
          onLine(line, servedBy);
        }
      } catch {
        return { lines, servedBy, status: response.status, cut: true };
      }
      return { lines, servedBy, status: response.status, cut: false };
    },
  };
}
