// Vitest globalSetup: one real notary-server and the fixture repositories for the whole package.
import type { TestProject } from 'vitest/node';
import { startNotaryServer } from './notary-server.ts';
import { buildRepositories, type RepoName } from './repositories.ts';

export interface ProvidedFixture {
  url: string;
  hostPort: string;
  dir: string;
  caCert: string;
  gun: Record<RepoName, string>;
  keys: Record<string, { name: string; pkcs8: string; cert: string }>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    notaryFixture: ProvidedFixture;
  }
}

export default async function setup(project: TestProject) {
  try {
    return await setupOnce(project);
  } catch (error) {
    // Building the fixture drives ~100 real notary CLI runs; on a saturated 2-core machine one of them has
    // been seen to die with "fatal: EOF". Say so loudly and build everything once more on a new server.
    console.error('[notary fixture] first attempt failed, retrying once on a fresh server:', error);
    return await setupOnce(project);
  }
}

async function setupOnce(project: TestProject) {
  const server = await startNotaryServer();
  try {
    const fx = await buildRepositories(server);
    project.provide('notaryFixture', {
      url: server.url,
      hostPort: server.hostPort,
      dir: server.dir,
      caCert: server.pki.caCert,
      gun: fx.gun,
      keys: fx.keys,
    });
  } catch (e) {
    await server.stop();
    throw e;
  }
  return () => server.stop();
}
