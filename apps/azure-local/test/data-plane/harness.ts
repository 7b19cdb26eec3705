import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, type StackConfig } from '../../src/config.ts';
import { startDataPlane, type DataPlane, type DataPlaneOptions } from '../../src/data-plane/index.ts';
import { ensureLocalCa } from '../../src/pki/local-ca.ts';
import { Supervisor } from '../../src/process/supervisor.ts';
import type { StackContext } from '../../src/stack-context.ts';
import { FixtureControlPlane } from './fixture-control-plane.ts';

export interface Harness {
  ctx: StackContext;
  controlPlane: FixtureControlPlane;
  dataPlane: DataPlane;
  caFile: string;
  dataDir: string;
  /** Stops the data plane and every process it started (the data folder stays). */
  stop(): Promise<void>;
  /** Starts the data plane again on the same data folder and ports. */
  restart(): Promise<void>;
  /** stop() and remove the data folder. */
  dispose(): Promise<void>;
}

/** A data plane started in-process on a temporary data folder, a free port range and the repo's CA. */
export async function startHarness(options: DataPlaneOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-data-plane-'));
  // PostgreSQL runs as the postgres user when the tests run as root: it must traverse the folder.
  await chmod(dataDir, 0o711);
  const portBase = await freePortBase(46);
  const config: StackConfig = { dataDir, caDir: path.resolve(repoRoot, '.data/pki'), portBase, reset: false, withPortal: false };
  const ca = await ensureLocalCa(config.caDir);
  const serverTls = await ca.issue({
    dir: path.join(dataDir, 'tls'),
    name: 'localhost',
    commonName: 'localhost',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    usage: 'server-and-client',
  });
  const controlPlane = new FixtureControlPlane(portBase);
  let supervisor = new Supervisor(path.join(dataDir, 'logs'));
  const makeCtx = (): StackContext => ({ config, ca, serverTls, supervisor, dir: (name) => path.join(dataDir, name) });
  let ctx = makeCtx();
  const start = async () => {
    try {
      return await startDataPlane(ctx, controlPlane, options);
    } catch (error) {
      await supervisor.stopAll();
      throw error;
    }
  };
  const harness: Harness = {
    ctx,
    controlPlane,
    dataPlane: await start(),
    caFile: ca.cert,
    dataDir,
    stop: async () => {
      await harness.dataPlane.stop();
      await supervisor.stopAll();
    },
    restart: async () => {
      supervisor = new Supervisor(path.join(dataDir, 'logs'));
      ctx = makeCtx();
      harness.ctx = ctx;
      harness.dataPlane = await start();
    },
    dispose: async () => {
      await harness.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A port base in 20000–60000 whose next `count` ports are free now. */
async function freePortBase(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 4000) * 10;
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await portFree(port);
    if (free) return base;
  }
  throw new Error('no free port range found');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
