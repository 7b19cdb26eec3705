import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureLocalCa } from '@ctp/local-pki';
import { repoRoot, type StackConfig } from '../../src/config.ts';
import { startDataPlane, type DataPlane, type DataPlaneOptions } from '../../src/data-plane/index.ts';
import { removeStackState } from '../../src/stack-state.ts';
import { Supervisor } from '../../src/process/supervisor.ts';
import { issueServerTls, type StackContext } from '../../src/stack-context.ts';
import { freePortBase } from '../support/free-port-base.ts';
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
  /** stop() and remove the data folder (and the PostgreSQL folder kept outside it when run as root). */
  dispose(): Promise<void>;
}

/** A data plane started in-process on a temporary data folder, a free port range and the repo's CA. */
export async function startHarness(options: DataPlaneOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-data-plane-'));
  const portBase = await freePortBase(46);
  const config: StackConfig = {
    dataDir,
    caDir: path.resolve(repoRoot, '.data/pki'),
    portBase,
    reset: false,
    withPortal: false,
  };
  const ca = await ensureLocalCa(config.caDir);
  const serverTls = await issueServerTls(ca, dataDir);
  const controlPlane = new FixtureControlPlane(portBase);
  let supervisor = new Supervisor(path.join(dataDir, 'logs'));
  const makeCtx = (): StackContext => ({
    config,
    ca,
    serverTls,
    supervisor,
    dir: (name) => path.join(dataDir, name),
  });
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
      await removeStackState(dataDir);
    },
  };
  return harness;
}
