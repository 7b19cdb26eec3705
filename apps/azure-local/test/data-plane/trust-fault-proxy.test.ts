// The login server's fault injection on trust-server answers (emulator-only), at the socket level: a
// real upstream serving a file with its Content-Length, the login server's proxy in front of it, and a
// raw client that sees exactly what arrives. A 200 answer is truncated (real status and length, half the
// body, then the connection cut), stalled (half the body, then nothing) or replaced; other answers pass
// through untouched and use no fault up.
import http, { type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '../../src/data-plane/login-server/proxy.ts';
import type { TrustServerFault } from '../../src/ports.ts';

const FILE = Buffer.from(JSON.stringify({ signed: { _type: 'Snapshot', pad: 'x'.repeat(2000) } }));
let upstream: Server;
let front: Server;
let frontPort = 0;
let fault: TrustServerFault | undefined;
let asked = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    if (req.url === '/missing') return void res.writeHead(404, { 'content-length': 2 }).end('{}');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': FILE.length });
    res.end(FILE);
  });
  const upstreamPort = await listen(upstream);
  front = http.createServer((req, res) => {
    void proxy(req, res, upstreamPort, 'the test upstream', () => {
      asked++;
      return fault;
    });
  });
  frontPort = await listen(front);
});
afterAll(async () => {
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

interface Received {
  status: number;
  contentLength: number;
  bytes: Buffer;
  /** How the body ended: complete, cut by the server, or still open when the client gave up. */
  end: 'complete' | 'cut' | 'still-open';
}

/** GET through the proxy; gives up (and closes) after `patienceMs` without the body's end. */
function get(path: string, patienceMs = 2_000): Promise<Received> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: frontPort, path, agent: false });
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      const done = (end: Received['end']) => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          contentLength: Number(response.headers['content-length']),
          bytes: Buffer.concat(chunks),
          end,
        });
      };
      const timer = setTimeout(() => {
        done('still-open');
        request.destroy();
      }, patienceMs);
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done('complete'));
      response.on('aborted', () => done('cut'));
      response.on('error', () => done('cut'));
    });
  });
}

describe('the trust-server fault proxy', () => {
  it('passes answers on untouched while no fault is on', async () => {
    fault = undefined;
    const answer = await get('/file');
    expect(answer).toMatchObject({ status: 200, contentLength: FILE.length, end: 'complete' });
    expect(answer.bytes.equals(FILE)).toBe(true);
  });

  it('truncate: the real status and Content-Length, half of the body, then the connection is cut', async () => {
    fault = { mode: 'truncate' };
    const answer = await get('/file');
    expect(answer).toMatchObject({ status: 200, contentLength: FILE.length, end: 'cut' });
    expect(answer.bytes.equals(FILE.subarray(0, Math.floor(FILE.length / 2)))).toBe(true);
  });

  it('stall: half of the body, then nothing until the client gives up', async () => {
    fault = { mode: 'stall' };
    const answer = await get('/file', 500);
    expect(answer).toMatchObject({ status: 200, contentLength: FILE.length, end: 'still-open' });
    expect(answer.bytes.equals(FILE.subarray(0, Math.floor(FILE.length / 2)))).toBe(true);
  });

  it('replace: the given bytes with 200 and their own length', async () => {
    fault = { mode: 'replace', body: Buffer.from('{"hostile":true}') };
    const answer = await get('/file');
    expect(answer).toMatchObject({ status: 200, contentLength: 16, end: 'complete' });
    expect(answer.bytes.toString()).toBe('{"hostile":true}');
  });

  it('leaves other answers alone and does not ask for a fault for them', async () => {
    fault = { mode: 'truncate' };
    const before = asked;
    const answer = await get('/missing');
    expect(answer).toMatchObject({ status: 404, end: 'complete' });
    expect(asked).toBe(before);
  });
});
