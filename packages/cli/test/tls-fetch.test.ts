// The CLI's TLS trust with real certificates and a real HTTPS server: `--ca` alone is tried first, and
// the system roots are added only for an origin whose certificate needs them. The bundled Mozilla roots
// cannot sign a local certificate, so a throwaway CA stands in for "the system roots" here.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalCa, type LocalCa } from '@ctp/local-pki';
import { fetchWithCa } from '../src/tls-fetch.ts';

let dir: string;
let ownCa: LocalCa; // what the user passes with --ca
let systemCa: LocalCa; // stands in for a public root
const servers: Server[] = [];

async function serve(ca: LocalCa, name: string): Promise<string> {
  const leaf = await ca.issue({
    dir,
    name,
    commonName: 'localhost',
    dnsNames: ['localhost'],
    usage: 'server',
  });
  const server = createServer({ cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) }, (_, res) =>
    res.end(name),
  );
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `https://localhost:${(server.address() as AddressInfo).port}/`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctp-tls-fetch-'));
  ownCa = await ensureLocalCa(join(dir, 'own'), { commonName: 'own CA' });
  systemCa = await ensureLocalCa(join(dir, 'system'), { commonName: 'stand-in system root' });
});

afterAll(async () => {
  for (const s of servers) s.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fetchWithCa', () => {
  it('trusts a server signed by the --ca file', async () => {
    const url = await serve(ownCa, 'own');
    const fetch = fetchWithCa([ownCa.cert], 2, [readFileSync(systemCa.cert, 'utf8')]);
    expect(await (await fetch(url)).text()).toBe('own');
  });

  it('with --ca given, still trusts a server signed by a system root (added on the first refusal)', async () => {
    const url = await serve(systemCa, 'system');
    const fetch = fetchWithCa([ownCa.cert], 2, [readFileSync(systemCa.cert, 'utf8')]);
    expect(await (await fetch(url)).text()).toBe('system');
    expect(await (await fetch(url)).text()).toBe('system'); // and again, straight to the roots
  });

  it('refuses a server signed by neither', async () => {
    const stranger = await ensureLocalCa(join(dir, 'stranger'), { commonName: 'stranger CA' });
    const url = await serve(stranger, 'stranger');
    const fetch = fetchWithCa([ownCa.cert], 2, [readFileSync(systemCa.cert, 'utf8')]);
    await expect(fetch(url)).rejects.toThrow();
  });
});
