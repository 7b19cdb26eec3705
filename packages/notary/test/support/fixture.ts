// Rebuilds the helpers a test needs from the globalSetup's serialisable fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { fetchTrusting, type NotaryServer } from './notary-server.ts';
import { notaryCli, type NotaryCli } from './notary-cli.ts';
import type { ProvidedFixture } from './global-setup.ts';

export function providedFixture(): ProvidedFixture & {
  fetch: NotaryServer['fetch'];
  server: NotaryServer;
  cli(repo: string): Promise<NotaryCli>;
} {
  const fx = inject('notaryFixture');
  const server: NotaryServer = {
    dir: fx.dir,
    url: fx.url,
    hostPort: fx.hostPort,
    pki: { caCert: fx.caCert, serverCert: '', serverKey: '' },
    fetch: fetchTrusting(readFileSync(fx.caCert, 'utf8')),
    stop: async () => {},
  };
  return {
    ...fx,
    fetch: server.fetch,
    server,
    cli: (repo) => notaryCli(server, join(fx.dir, 'trust', repo)),
  };
}
