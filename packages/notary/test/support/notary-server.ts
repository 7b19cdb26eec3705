// A real notary-server (Debian 0.7) on 127.0.0.1 with TLS from a throwaway CA.
// Memory storage is used because these suites test the verifier, not storage — the stack with
// PostgreSQL is tested elsewhere. trust_service local: timestamps are signed in-process (ed25519).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { createSecureContext, rootCertificates } from 'node:tls';
import { ensureLocalCa } from '@ctp/local-pki';
import { freePort, spawnDaemon, waitFor, type Spawned } from '../../../registry/test/support/processes.ts';

export interface TlsPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

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

/** A throwaway CA in `dir` and a TLS certificate from it for localhost / 127.0.0.1. */
async function makeTlsPki(dir: string): Promise<TlsPki> {
  const ca = await ensureLocalCa(join(dir, 'ca'), { commonName: 'ctp test CA' });
  const server = await ca.issue({
    dir: join(dir, 'tls'),
    name: 'server',
    commonName: 'localhost',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    usage: 'server',
  });
  return { caCert: ca.cert, serverCert: server.cert, serverKey: server.key };
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
