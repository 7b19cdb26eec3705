// Vitest globalSetup, after @ctp/notary's: builds the CLI's oracle scenarios on the same notary-server.
import type { TestProject } from 'vitest/node';
import { buildScenarios, type Scenario } from './scenarios.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    cliScenarios: Record<Scenario, string>;
  }
}

export default async function setup(project: TestProject) {
  const fx = project.getProvidedContext().notaryFixture;
  const gun = await buildScenarios(
    { url: fx.url, dir: fx.dir, pki: { caCert: fx.caCert, serverCert: '', serverKey: '' } },
    fx.hostPort,
  );
  project.provide('cliScenarios', gun);
}
