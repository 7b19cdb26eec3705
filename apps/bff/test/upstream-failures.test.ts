// Failures of ARM as the whole app answers them: a refused connection (a real closed port) is a 503
// problem naming ARM, with the request id in `instance` and `x-request-id`; an unexpected error is a 500
// whose log line carries no token, even when the error object holds the request it failed on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { problemSchema } from '@ctp/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDependencies } from '../src/app.ts';
import { createTokenVerifier } from '../src/auth/token-verifier.ts';
import { createLogger } from '../src/logging.ts';
import { createLoginServerAccess } from '../src/registry/login-server-access.ts';
import { createTokenMinter, testAuth, testDownstream } from './support/tokens.ts';

const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
const DOWNSTREAM_TOKEN = 'downstream-secret-token-value';

let mint: Awaited<ReturnType<typeof createTokenMinter>>['mint'];
let keySet: Awaited<ReturnType<typeof createTokenMinter>>['keySet'];
let closedPort: number;

beforeAll(async () => {
  ({ mint, keySet } = await createTokenMinter());
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve)); // nothing listens there any more
});

function appWith(tokens: AppDependencies['tokens']) {
  const lines: string[] = [];
  const app = createApp({
    config: {
      webDist,
      auth: testAuth,
      downstream: { ...testDownstream, armEndpoint: `https://127.0.0.1:${closedPort}` },
      corsOrigins: [],
    },
    verifyToken: createTokenVerifier(testAuth, { keySet }),
    tokens,
    loginServers: createLoginServerAccess({ timeoutMs: 1000 }),
    log: createLogger('info', { write: (line: string) => void lines.push(line) }),
  });
  return { app, lines };
}

describe('ARM failures through the app', () => {
  it('ARM unreachable: 503 UpstreamUnavailable with the request id, not a 500', async () => {
    const { app, lines } = appWith(async () => ({
      token: DOWNSTREAM_TOKEN,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }));
    const portalToken = await mint();
    const response = await app.request('/api/registries', {
      headers: { authorization: `Bearer ${portalToken}` },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = problemSchema.parse(await response.json());
    expect(problem.code).toBe('UpstreamUnavailable');
    expect(problem.detail).toMatch(/ARM could not be reached/);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(problem.instance).toBe(`urn:request:${requestId}`);
    const log = lines.join('');
    expect(log).toContain(requestId);
    expect(log).not.toContain(DOWNSTREAM_TOKEN);
    expect(log).not.toContain(portalToken);
  }, 60_000); // the SDK retries a refused connection with back-off (about 7 s) before it gives up

  it('an unexpected error: 500 whose log line has no token even if the error holds its request', async () => {
    // A fault no real part produces on demand: an error object carrying the failed request's headers,
    // as Azure SDK errors do.
    const leaky = Object.assign(new Error('boom'), {
      request: { headers: { authorization: `Bearer ${DOWNSTREAM_TOKEN}` } },
    });
    const { app, lines } = appWith(() => Promise.reject(leaky));
    const response = await app.request('/api/registries', {
      headers: { authorization: `Bearer ${await mint()}` },
    });
    expect(response.status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('boom');
    expect(log).not.toContain(DOWNSTREAM_TOKEN);
  });
});
