// The request id names a request in the BFF's logs, in every problem's `instance` and in ARM's
// correlation header, so the BFF makes it itself: a caller's X-Request-Id is never taken as the id (a
// caller could otherwise make its requests look like someone else's in the logs). A caller's own id
// that is a short plain token is logged beside it, as `clientRequestId`, for correlation only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemSchema } from '@ctp/contracts';
import { createApp } from '../src/app.ts';
import { createTokenVerifier } from '../src/auth/token-verifier.ts';
import { createLogger } from '../src/logging.ts';
import { createLoginServerAccess } from '../src/registry/login-server-access.ts';
import { createTokenMinter, testAuth, testDownstream } from './support/tokens.ts';

const webDist = mkdtempSync(path.join(tmpdir(), 'ctp-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>spa</title>');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function appWithLog() {
  const lines: string[] = [];
  const { keySet } = await createTokenMinter();
  const app = createApp({
    config: { webDist, auth: testAuth, downstream: testDownstream, corsOrigins: [] },
    verifyToken: createTokenVerifier(testAuth, { keySet }),
    tokens: () => Promise.reject(new Error('no downstream in unit tests')),
    loginServers: createLoginServerAccess({ timeoutMs: 1000 }),
    log: createLogger('info', { write: (line: string) => void lines.push(line) }),
  });
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, logged };
}

/** A request without a token: a 401 problem, whose `instance` names the request id. */
async function unauthenticated(app: Awaited<ReturnType<typeof appWithLog>>['app'], clientId?: string) {
  const response = await app.request('/api/me', clientId ? { headers: { 'x-request-id': clientId } } : {});
  expect(response.status).toBe(401);
  const problem = problemSchema.parse(await response.json());
  return { id: response.headers.get('x-request-id') ?? '', instance: problem.instance };
}

describe('the request id', () => {
  it('is made by the BFF: a caller’s X-Request-Id names neither the answer, the problem nor the log line', async () => {
    const { app, logged } = await appWithLog();
    const chosen = 'f00dfeed-0000-4000-8000-000000000001'; // well-formed: still not taken
    const answer = await unauthenticated(app, chosen);
    expect(answer.id).toMatch(UUID);
    expect(answer.id).not.toBe(chosen);
    expect(answer.instance).toBe(`urn:request:${answer.id}`);
    const line = logged().find((l) => l.msg === 'request')!;
    expect(line.requestId).toBe(answer.id);
    // Kept beside it, under a field of its own, for correlating with the caller's logs.
    expect(line.clientRequestId).toBe(chosen);
  });

  it.each([
    ['markup', 'a"b<script>'],
    ['spaces', 'two words'],
    ['a 65-character token', 'x'.repeat(65)],
    ['a JSON fragment', '","level":60,"msg":"forged'],
  ])('is not logged at all from a caller’s id with %s', async (_label, hostile) => {
    const { app, logged } = await appWithLog();
    const answer = await unauthenticated(app, hostile);
    expect(answer.id).toMatch(UUID);
    const line = logged().find((l) => l.msg === 'request')!;
    expect(line.requestId).toBe(answer.id);
    expect(line).not.toHaveProperty('clientRequestId');
    expect(JSON.stringify(logged())).not.toContain(hostile);
  });

  it('is different for every request', async () => {
    const { app } = await appWithLog();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await unauthenticated(app, 'same-client-id')).id);
    expect(ids.size).toBe(5);
  });
});
