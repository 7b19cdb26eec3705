// Every upstream call of the BFF has a deadline. A real TCP server that accepts connections and never
// answers (not even the TLS handshake) stands in for a hung ARM, Graph, identity provider and login
// server: the calls must come back as a clear 503/504 problem instead of hanging the page.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnBehalfOf } from '../src/auth/on-behalf-of.ts';
import type { Caller } from '../src/auth/token-verifier.ts';
import { createArmClients } from '../src/azure/arm.ts';
import { createGraphClient } from '../src/azure/graph.ts';
import type { BffError } from '../src/errors.ts';
import { toBffError } from '../src/middleware/problem.ts';
import { createLoginServerAccess } from '../src/registry/login-server-access.ts';
import { RegistryService } from '../src/services/registries.ts';
import { testAuth, testDownstream } from './support/tokens.ts';

const TIMEOUT_MS = 300;

let silent: Server;
let port: number;
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  silent = createServer((socket) => {
    connections += 1;
    sockets.add(socket); // held open, never written to
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const caller: Caller = {
  objectId: '11111111-1111-4111-8111-111111111111',
  tenantId: '72f988bf-0000-4000-8000-00000000c7a1',
  name: 'Olivia Owner',
  username: 'olivia@contoso.test',
  scopes: ['access_as_user'],
  accessToken: 'portal-token',
};
// The on-behalf-of exchange is not what these tests time out; the identity provider's own case is below.
const tokens = async () => ({ token: 'downstream-token', expiresOnTimestamp: Date.now() + 3_600_000 });

/** The BffError a failed call becomes (what the app's error handler would send). */
async function failure(promise: Promise<unknown>): Promise<BffError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const mapped = toBffError(error);
  if (!mapped) throw new Error(`expected a typed error, got ${String(error)}`);
  return mapped;
}

describe('a hung upstream ends as a problem, not a hung request', () => {
  it('ARM (through the Azure SDK and its retries): 504 GatewayTimeout', async () => {
    const before = connections;
    const arm = createArmClients(
      { endpoint: `https://127.0.0.1:${port}`, scope: testAuth.armScope, timeoutMs: TIMEOUT_MS },
      caller,
      tokens,
      'request-1',
    );
    const error = await failure(
      new RegistryService(arm).get({
        subscriptionId: '0b1f6471-1bf0-4dda-aec3-cb9272f09590',
        resourceGroup: 'registries-rg',
        registryName: 'ctpdemo',
      }),
    );
    expect(error.status).toBe(504);
    expect(error.code).toBe('GatewayTimeout');
    expect(error.detail).toMatch(/ARM did not answer within 300 ms/);
    expect(connections).toBeGreaterThan(before); // it really went to the socket
  });

  it('Microsoft Graph: 503 UpstreamUnavailable', async () => {
    const graph = createGraphClient(
      { endpoint: `https://127.0.0.1:${port}`, scope: testDownstream.graphScope, timeoutMs: TIMEOUT_MS },
      caller,
      tokens,
    );
    const error = await failure(graph.get('/v1.0/users'));
    expect(error.status).toBe(503);
    expect(error.code).toBe('UpstreamUnavailable');
  });

  it('a registry login server: 503 UpstreamUnavailable naming the login server', async () => {
    const access = createLoginServerAccess({ timeoutMs: TIMEOUT_MS });
    const error = await failure(
      access.credentials(caller, { loginServer: `127.0.0.1:${port}` }, async () => 'arm-token'),
    );
    expect(error.status).toBe(503);
    expect(error.detail).toContain(`127.0.0.1:${port}`);
  });

  it('the identity provider (on-behalf-of exchange through msal-node): 503 UpstreamUnavailable', async () => {
    const obo = createOnBehalfOf({
      auth: { ...testAuth, authority: `https://127.0.0.1:${port}/72f988bf-0000-4000-8000-00000000c7a1/v2.0` },
      downstream: { ...testDownstream, timeoutMs: TIMEOUT_MS },
    });
    const error = await failure(obo(caller, testAuth.armScope));
    expect(error.status).toBe(503);
    expect(error.code).toBe('UpstreamUnavailable');
  });
});
