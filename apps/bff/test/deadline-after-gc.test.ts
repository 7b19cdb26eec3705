// The login-server fetch of a request (scan, summary, tags) ends at its deadline even when the body stalls
// and garbage is collected meanwhile. AbortSignal.any([request, AbortSignal.timeout(ms)]) holds its
// sources weakly on Node 20: nothing else referenced the timeout signal, a collection took it, and its
// deadline never came (the reliability suite saw a stalled trust-server body hold a request 110 s past
// the 15 s deadline, until the login server went away).
import { createServer, type Server, type ServerResponse } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginServerAccess } from '../src/registry/login-server-access.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let server: Server;
let url = '';
const stalled = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((_req, res) => {
    // Headers and half of the promised body, then nothing.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
    res.write('{"signed":'.padEnd(50, ' '));
    stalled.add(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/timestamp.json`;
});
afterAll(async () => {
  for (const res of stalled) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a login-server body that stalls', () => {
  it('is cut at the deadline although garbage was collected while it waited', async () => {
    const access = createLoginServerAccess({ timeoutMs: 500 });
    const request = new AbortController(); // the BFF request's own signal, never aborted here
    const response = await access.fetchFor(request.signal)(url);
    const body = response.arrayBuffer();
    body.catch(() => undefined); // awaited below
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect(body).rejects.toMatchObject({ name: 'TimeoutError' });
  }, 10_000);

  it('is cut at once when the BFF request itself is aborted', async () => {
    const access = createLoginServerAccess({ timeoutMs: 60_000 });
    const request = new AbortController();
    const response = await access.fetchFor(request.signal)(url);
    const body = response.arrayBuffer();
    body.catch(() => undefined);
    request.abort(new Error('the caller went away'));
    await expect(body).rejects.toThrow('the caller went away');
  });
});
