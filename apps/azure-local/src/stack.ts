import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ensureLocalCa } from '@ctp/local-pki';
import type { StackConfig } from './config.ts';
import { startControlPlane } from './control-plane/index.ts';
import { startDataPlane } from './data-plane/index.ts';
import { startPortal } from './portal.ts';
import { Supervisor } from './process/supervisor.ts';
import type { DataPlanePort } from './ports.ts';
import { issueServerTls, type StackContext } from './stack-context.ts';
import { writeStackFile, type StackDescription } from './stack-file.ts';
import { removeStackState } from './stack-state.ts';

export interface RunningStack {
  description: StackDescription;
  stop(): Promise<void>;
}

/**
 * The composition root of "ACR in a box": CA and TLS, the control plane (identity, ARM, Graph), the data
 * plane (PostgreSQL, notary, registries, login servers), the portal; then `<dataDir>/stack.json`.
 */
export async function startStack(config: StackConfig): Promise<RunningStack> {
  // The CA and other stacks' data folders nested here (`.data/test` under `.data`) are not this stack's state.
  if (config.reset)
    await removeStackState(config.dataDir, [config.caDir, ...(await nestedStacks(config.dataDir))]);
  await mkdir(config.dataDir, { recursive: true });
  const ca = await ensureLocalCa(config.caDir);
  const serverTls = await issueServerTls(ca, config.dataDir);
  const supervisor = new Supervisor(path.join(config.dataDir, 'logs'));
  const ctx: StackContext = {
    config,
    ca,
    serverTls,
    supervisor,
    dir: (name) => path.join(config.dataDir, name),
  };

  const stops: Array<() => Promise<void>> = [() => supervisor.stopAll()];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch((e: unknown) => console.error(e));
  };
  try {
    // The control plane starts first (the data plane asks it about registries and RBAC) but calls the
    // data plane later, for ARM operations; it reaches it through this reference.
    const dataPlaneRef: { current?: DataPlanePort } = {};
    const controlPlane = await startControlPlane(ctx, {
      dataPlane: () => {
        if (!dataPlaneRef.current) throw new Error('the data plane is still starting');
        return dataPlaneRef.current;
      },
    });
    stops.push(() => controlPlane.stop());
    const dataPlane = await startDataPlane(ctx, controlPlane);
    dataPlaneRef.current = dataPlane;
    stops.push(() => dataPlane.stop());

    const controlPlaneDescription = controlPlane.describe();
    const portal = config.withPortal ? await startPortal(ctx, controlPlane.portalSettings()) : undefined;
    const description: StackDescription = {
      version: 1,
      startedAt: new Date().toISOString(),
      pid: process.pid,
      dataDir: config.dataDir,
      caCertificate: ca.cert,
      ...(portal ? { portal } : {}),
      ...controlPlaneDescription,
      registries: controlPlane.listRegistries().map((r) => ({
        name: r.name,
        resourceId: r.resourceId,
        sku: r.sku,
        loginServer: r.loginServer,
        trustPolicy: r.trustPolicy,
      })),
    };
    await writeStackFile(config.dataDir, description);
    return { description, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Child folders of a data folder that are data folders of other stacks (they hold a stack.json). */
async function nestedStacks(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(dataDir, e.name, 'stack.json')))
    .map((e) => path.join(dataDir, e.name));
}
