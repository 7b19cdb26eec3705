// Slow clients, issue 17: a slowloris (headers dribbled a line at a time, never finished), a body that
// never completes, and scan streams whose reader stalls cannot exhaust the BFF. The BFF sets Node's
// server deadlines (apps/bff/src/server-timeouts.ts: headers 10 s, request 30 s, checked every 2 s);
// without them Node's defaults keep such sockets for 60 s and 5 minutes. The BFF streams scans as NDJSON
// (no SSE); a stalled reader is held by TCP backpressure and costs nothing the others need.
import { readFileSync } from 'node:fs';
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { serverTimeouts } from '../../../apps/bff/src/server-timeouts.ts';
import { registryApi } from '../support/portal.ts';
import { tokenOf } from '../support/run-secrets.ts';

const SLOW_CLIENTS = 300;

let s: Stack;
let owner: string;
const sockets: TLSSocket[] = [];

beforeAll(async () => {
  s = await stack();
  owner = await tokenOf(s, 'owner');
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
});

interface SlowSocket {
  socket: TLSSocket;
  /** Resolves when the server closes the connection, with what it sent first. */
  closed: Promise<{ answer: string; afterMs: number }>;
}

function openSlow(s: Stack, firstBytes: string): Promise<SlowSocket> {
  const url = new URL(s.portal!.url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      ca: readFileSync(s.caCertificate),
      servername: url.hostname,
    });
    sockets.push(socket);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const closed = new Promise<{ answer: string; afterMs: number }>((done) =>
      socket.once('close', () => done({ answer, afterMs: Date.now() - started })),
    );
    socket.on('error', () => undefined);
    socket.once('secureConnect', () => {
      socket.write(firstBytes);
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

async function healthy(): Promise<number> {
  return (await fetch(`${s.portal!.url}/api/health`)).status;
}

describe('slow clients cannot exhaust the BFF', () => {
  it(`closes ${SLOW_CLIENTS} slowloris connections at the headers deadline; others are served meanwhile`, async () => {
    const host = new URL(s.portal!.url).host;
    const slow = await Promise.all(
      Array.from({ length: SLOW_CLIENTS }, () =>
        openSlow(s, `GET /api/health HTTP/1.1\r\nHost: ${host}\r\n`),
      ),
    );
    // Keep dribbling one header line per second per socket, as a slowloris does.
    const drip = setInterval(() => {
      for (const { socket } of slow) if (!socket.destroyed) socket.write(`X-Slow-${Date.now()}: 1\r\n`);
    }, 1000);
    try {
      expect(await healthy()).toBe(200);
      const ends = await Promise.all(slow.map((c) => c.closed));
      // Every one was ended by the server (408), none outlived the deadline plus its check interval (+ slack).
      for (const end of ends) {
        expect(end.answer).toMatch(/^HTTP\/1\.1 408 /);
        expect(end.afterMs).toBeLessThan(
          serverTimeouts.headersTimeout + 2 * serverTimeouts.connectionsCheckingInterval + 5_000,
        );
      }
      expect(await healthy()).toBe(200);
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a request whose body never completes at the request deadline', async () => {
    const host = new URL(s.portal!.url).host;
    const slow = await openSlow(
      s,
      `PUT ${registryApi(s)}/content-trust HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${owner}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"status":`,
    );
    const end = await slow.closed;
    expect(end.afterMs).toBeLessThan(
      serverTimeouts.requestTimeout + 2 * serverTimeouts.connectionsCheckingInterval + 5_000,
    );
    expect(await healthy()).toBe(200);
  });

  it('serves others while 20 scan streams are open and never read', async () => {
    const streams = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const abort = new AbortController();
        const response = await fetch(`${s.portal!.url}${registryApi(s)}/repositories/scan`, {
          headers: { authorization: `Bearer ${owner}` },
          signal: abort.signal,
        });
        expect(response.status).toBe(200);
        return abort; // the body is never read
      }),
    );
    try {
      expect(await healthy()).toBe(200);
      const me = await fetch(`${s.portal!.url}/api/me`, { headers: { authorization: `Bearer ${owner}` } });
      expect(me.status).toBe(200);
    } finally {
      for (const abort of streams) abort.abort();
    }
  });
});
