// Attacks from the hostile probe of issue 8 on the data plane, against the real docker-registry,
// notary-server and notary-signer: tokens signed by other keys of the local CA, a chunked oversized
// form, and a killed notary-server.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_ISSUER } from '../../src/data-plane/token/issuer.ts';
import { upstreamRequest } from '../../src/data-plane/upstream.ts';
import type { RegistryRecord } from '../../src/ports.ts';
import { postChunked } from '../support/chunked-body.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let demo: RegistryRecord;

beforeAll(async () => {
  h = await startHarness({ seed: false });
  demo = h.controlPlane.registries[0]!;
}, 120_000);
afterAll(async () => h?.dispose());

const gun = () => `${demo.loginServer}/hello-world`;
const everything = () => [
  { type: 'registry', name: 'catalog', actions: ['*'] },
  { type: 'repository', name: 'hello-world', actions: ['*'] },
  { type: 'repository', name: gun(), actions: ['*'] },
];

/** An access token exactly like the token service's, but signed by another key the local CA certified. */
async function forgeToken(files: { cert: string; key: string }): Promise<string> {
  const cert = new X509Certificate(await readFile(files.cert));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ access: everything(), grant_type: 'access_token', version: '1.0' })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c: [cert.raw.toString('base64')] })
    .setIssuer(TOKEN_ISSUER)
    .setSubject('attacker')
    .setAudience(demo.loginServer)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .sign(await importPKCS8(await readFile(files.key, 'utf8'), 'ES256'));
}

/** Every path a token opens: through the login server and on each upstream directly. */
function probes(token: string) {
  const auth = { authorization: `Bearer ${token}`, host: demo.loginServer };
  const viaLoginServer = (method: string, p: string) => async () =>
    (
      await fetch(`https://${demo.loginServer}${p}`, {
        method,
        headers: { authorization: auth.authorization },
      })
    ).status;
  const direct = (port: number, method: string, p: string) => async () =>
    (await upstreamRequest(port, method, p, auth)).status;
  const registry = h.dataPlane.layout.registryPort(demo.slot);
  const notary = h.dataPlane.layout.notaryServerPort(demo.slot);
  return {
    'login server: registry catalog': viaLoginServer('GET', '/v2/_catalog'),
    'login server: registry tags': viaLoginServer('GET', '/v2/hello-world/tags/list'),
    'login server: ACR tag listing': viaLoginServer('GET', '/acr/v1/hello-world/_tags'),
    'login server: trust server creates a key': viaLoginServer('GET', `/v2/${gun()}/_trust/tuf/targets.key`),
    'login server: trust server deletes a GUN': viaLoginServer('DELETE', `/v2/${gun()}/_trust/tuf/`),
    'docker-registry: catalog': direct(registry, 'GET', '/v2/_catalog'),
    'docker-registry: tags': direct(registry, 'GET', '/v2/hello-world/tags/list'),
    'notary-server: creates a key': direct(notary, 'GET', `/v2/${gun()}/_trust/tuf/snapshot.key`),
    'notary-server: deletes a GUN': direct(notary, 'DELETE', `/v2/${gun()}/_trust/tuf/`),
  };
}

describe('tokens signed by another key the local CA issued', () => {
  it.each([
    ['the stack TLS key', () => h.ctx.serverTls],
    [
      'a fresh signing certificate of the same CA',
      () =>
        h.ctx.ca.issue({
          dir: path.join(h.dataDir, 'attacker'),
          name: 'attacker-signing',
          commonName: 'Azure Container Registry token signing (local)',
          usage: 'signing',
        }),
    ],
  ])('signed with %s, is refused on every path', async (_what, files) => {
    const forged = await forgeToken(await files());
    for (const [name, probe] of Object.entries(probes(forged))) {
      expect({ name, status: await probe() }).toEqual({ name, status: 401 });
    }
  });

  it('while the token service own tokens open the same paths (the probes can tell)', async () => {
    const genuine = (await h.dataPlane.issuer.mintAccessToken(demo.loginServer, 'test', everything())).token;
    for (const [name, probe] of Object.entries(probes(genuine))) {
      const status = await probe();
      expect({ name, refused: status === 401 || status === 403 }).toEqual({ name, refused: false });
    }
  });
});

describe('the token service reads bounded bodies', () => {
  it('stops reading a chunked form at its limit and answers 413', async () => {
    const answer = await postChunked(
      `https://${demo.loginServer}/oauth2/token`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      64 * 1024 * 1024,
      'grant_type=password&username=',
    );
    expect(answer.status).toBe(413);
    expect(answer.sentWhenAnswered).toBeLessThan(answer.totalBytes);
  });
});

describe('a killed notary-server', () => {
  const notaryServer = () => h.ctx.supervisor.status().find((p) => p.name === `notary-server-${demo.name}`)!;
  const trustAnswer = async () => {
    const token = (await h.dataPlane.issuer.mintAccessToken(demo.loginServer, 'test', everything())).token;
    const response = await fetch(`https://${demo.loginServer}/v2/${gun()}/_trust/tuf/root.json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, text: await response.text() };
  };

  it('is restarted; meanwhile the login server names the trust server, and the registry still serves', async () => {
    const before = notaryServer();
    expect(before.state).toBe('running');
    process.kill(before.pid!, 'SIGTERM');
    // The first restart waits 500 ms: a request made as soon as the crash is seen meets the gap.
    await expect.poll(() => notaryServer().state, { interval: 10 }).toBe('restarting');
    const during = await trustAnswer();
    expect(during.status).toBe(502);
    expect(during.text).toContain(`the trust server (notary-server) of ${demo.name} did not answer`);
    const token = (await h.dataPlane.issuer.mintAccessToken(demo.loginServer, 'test', everything())).token;
    const registry = await fetch(`https://${demo.loginServer}/v2/_catalog`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(registry.status).toBe(200);

    await expect
      .poll(() => notaryServer(), { timeout: 30_000 })
      .toMatchObject({ state: 'running', restarts: 1 });
    expect(notaryServer().pid).not.toBe(before.pid);
    expect((await trustAnswer()).status).toBe(404); // served again: no trust data for this GUN yet
  });
});
