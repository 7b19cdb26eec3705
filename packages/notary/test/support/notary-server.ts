// A real notary-server (Debian 0.7) on 127.0.0.1 with TLS from a throwaway CA.
// Memory storage is used because these suites test the verifier, not storage — the stack with
// PostgreSQL is tested elsewhere. trust_service local: timestamps are signed in-process (ed25519).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { createSecureContext, rootCertificates } from 'node:tls';
import { freePort, spawnDaemon, waitFor, type Spawned } from './processes.ts';
import { makeTlsPki, type TlsPki } from './pki.ts';

export interface NotaryServer {
  dir: string;
  url: string;
  hostPort: string;
  pki: TlsPki;
  /** fetch trusting the test CA (undici dispatcher), usable as the verifier's injected fetch. */
  fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
  stop: () => Promise<void>;
}

export function fetchTrusting(caPem: string): NotaryServer['fetch'] {
  const dispatcher = new Agent({
    connect: { secureContext: createSecureContext({ ca: [...rootCertificates, caPem] }) },
  });
  return (input, init) =>
    undiciFetch(input, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
}

export async function startNotaryServer(
  opts: { auth?: { realm: string; service: string; issuer: string; rootcertbundle: string } } = {},
): Promise<NotaryServer> {
  const dir = await mkdtemp(join(tmpdir(), 'ctp-notary-'));
  const pki = await makeTlsPki(dir);
  const port = await freePort();
  const config = {
    server: { http_addr: `127.0.0.1:${port}`, tls_cert_file: pki.serverCert, tls_key_file: pki.serverKey },
    trust_service: { type: 'local' },
    storage: { backend: 'memory' },
    logging: { level: 'error' },
    ...(opts.auth ? { auth: { type: 'token', options: opts.auth } } : {}),
  };
  await writeFile(join(dir, 'server.json'), JSON.stringify(config));
  const proc: Spawned = spawnDaemon('notary-server', ['-config', join(dir, 'server.json')]);
  const url = `https://127.0.0.1:${port}`;
  const f = fetchTrusting(await readFile(pki.caCert, 'utf8'));
  try {
    await waitFor('notary-server', async () => (await f(`${url}/_notary_server/health`)).ok, proc);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return {
    dir,
    url,
    hostPort: `127.0.0.1:${port}`,
    pki,
    fetch: f,
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
