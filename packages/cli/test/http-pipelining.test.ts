// The CLI's HTTP/1.1 client (src/http/) against real servers on real sockets: Node's own HTTP server for
// what a conforming server does, and a raw TCP server for what one may also do (a body delimited by the
// connection's end, a connection dropped mid-answer or before any) — framings Node's server never writes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchWithCa } from '../src/tls-fetch.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

interface Listening {
  url: string;
  /** Connections the server accepted. */
  connections: () => number;
}

async function listen(server: Server | TcpServer): Promise<Listening> {
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(() => {
    (server as Server).closeAllConnections?.();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
  };
}

/** Node's HTTP server: `/len/N` (Content-Length), `/chunked/N` (chunked), `/slow/MS`, `/echo` (POST). */
function nodeServer(extra?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<Listening> {
  const body = (n: number) => 'x'.repeat(n);
  return listen(
    createServer((req, res) => {
      if (extra?.(req, res)) return;
      const [, kind, arg] = (req.url ?? '').split('/');
      const n = Number(arg);
      if (kind === 'len') res.setHeader('content-length', n).end(req.method === 'HEAD' ? undefined : body(n));
      else if (kind === 'chunked') {
        for (let i = 0; i < n; i += 1000) res.write(body(Math.min(1000, n - i)));
        res.end();
      } else if (kind === 'slow') setTimeout(() => res.end(`slow ${n}`), n);
      else if (kind === 'echo') req.pipe(res);
      else res.writeHead(404).end('no such path');
    }),
  );
}

/** A raw server: `answer` gets each connection's first request text and writes whatever it likes. */
function rawServer(answer: (socket: Socket, request: string) => void): Promise<Listening> {
  return listen(
    createTcpServer((socket) => {
      let seen = '';
      const onData = (data: Buffer) => {
        seen += data.toString('latin1');
        const end = seen.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        answer(socket, seen.slice(0, end));
      };
      socket.on('data', onData);
      socket.on('error', () => {});
    }),
  );
}

describe('the CLI HTTP client', () => {
  it('writes the requests of one turn ahead on one connection and pairs every answer with its request', async () => {
    const server = await nodeServer();
    const fetch = fetchWithCa([], 4);
    const paths = ['/len/5', '/chunked/4500', '/len/0', '/chunked/1'];
    const bodies = await Promise.all(paths.map(async (p) => (await fetch(server.url + p)).text()));
    expect(bodies.map((b) => b.length)).toEqual([5, 4500, 0, 1]);
    expect(server.connections()).toBe(1);
  });

  it('spreads more requests than one pipeline holds over several connections, within the limit', async () => {
    const server = await nodeServer();
    const fetch = fetchWithCa([], 3);
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => (await fetch(`${server.url}/len/${i}`)).text()),
    );
    expect(answers.map((a) => a.length)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(server.connections()).toBe(3);
  });

  it('answers every request from a server that closes the connection after each answer', async () => {
    const server = await nodeServer((_, res) => {
      res.setHeader('connection', 'close');
      return false;
    });
    const fetch = fetchWithCa([], 2);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => (await fetch(`${server.url}/len/${n}`)).text()),
    );
    expect(answers.map((a) => a.length)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.connections()).toBe(6);
  });

  it('reads no body after HEAD, 204 and 304, and the answer behind them is intact', async () => {
    const server = await nodeServer((req, res) => {
      if (req.url === '/204') res.writeHead(204).end();
      else if (req.url === '/304') res.writeHead(304, { etag: '"e"' }).end();
      else return false;
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const [head, none, same, after] = await Promise.all([
      fetch(`${server.url}/len/7`, { method: 'HEAD' }),
      fetch(`${server.url}/204`),
      fetch(`${server.url}/304`),
      fetch(`${server.url}/len/3`),
    ]);
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, '7', null]);
    expect([none.status, none.body, same.status, same.headers.get('ETag')]).toEqual([204, null, 304, '"e"']);
    expect(await after.text()).toBe('xxx');
    expect(server.connections()).toBe(1);
  });

  it('skips interim 1xx answers', async () => {
    const server = await nodeServer((req, res) => {
      if (req.url !== '/hints') return false;
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.end('final');
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const [hinted, next] = await Promise.all([fetch(`${server.url}/hints`), fetch(`${server.url}/len/2`)]);
    expect([hinted.status, await hinted.text(), await next.text()]).toEqual([200, 'final', 'xx']);
  });

  it('sends a body with its length, and repeated answer headers are joined', async () => {
    const server = await nodeServer((req, res) => {
      if (req.url !== '/twice') return false;
      res.setHeader('x-seen', ['a', 'b']).end();
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const echo = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: new URLSearchParams({ scope: 'a b' }),
    });
    expect(await echo.text()).toBe('scope=a+b');
    expect((await fetch(`${server.url}/twice`)).headers.get('X-Seen')).toBe('a, b');
  });

  it('reads a body that ends with the connection (no length, no chunks)', async () => {
    const server = await rawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end'),
    );
    const fetch = fetchWithCa([], 1);
    expect(await (await fetch(server.url)).text()).toBe('until the end');
  });

  it('fails the read of a body cut short; the request behind it is answered on a new connection', async () => {
    let first = true;
    const server = await rawServer((socket) => {
      if (first) {
        first = false; // the headers promise 100 bytes, 10 come, then the connection is gone
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789', () => socket.destroy());
      } else socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
    const fetch = fetchWithCa([], 1);
    const [cut, behind] = await Promise.all([fetch(`${server.url}/cut`), fetch(`${server.url}/behind`)]);
    expect(cut.status).toBe(200);
    await expect(cut.text()).rejects.toThrow(/closed|mid-answer/);
    expect(await behind.text()).toBe('ok');
    expect(server.connections()).toBe(2);
  });

  it('refuses a request after two connections were lost under it without an answer', async () => {
    const server = await rawServer((socket) => socket.destroy());
    const fetch = fetchWithCa([], 1);
    await expect(fetch(server.url)).rejects.toThrow(/closed the connection/);
    expect(server.connections()).toBe(2);
  });

  it('refuses an aborted request; the one behind it in the pipeline is answered all the same', async () => {
    const server = await nodeServer();
    const fetch = fetchWithCa([], 1);
    const abort = new AbortController();
    const slow = fetch(`${server.url}/slow/2000`, { signal: abort.signal });
    const behind = fetch(`${server.url}/len/4`);
    setTimeout(() => abort.abort(new Error('deadline')), 50);
    await expect(slow).rejects.toThrow('deadline');
    expect(await (await behind).text()).toBe('xxxx');
  });

  it('a body cancelled before its end loses nothing of the answers behind it', async () => {
    const server = await nodeServer((req, res) => {
      if (req.url !== '/drip') return false;
      res.write('first chunk');
      setTimeout(() => res.end('never read'), 300);
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const asked = fetch(`${server.url}/drip`);
    const behind = fetch(`${server.url}/len/6`);
    const reader = (await asked).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first chunk');
    await reader.cancel();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(await (await behind).text()).toBe('xxxxxx');
  });

  it('a small body cancelled before its end is read and dropped: the request behind it keeps the connection', async () => {
    // As a 401 or 404 whose body the client does not want (the token dance, a missing role).
    const server = await nodeServer((req, res) => {
      if (req.url !== '/denied') return false;
      res.writeHead(401, { 'content-length': 20 });
      res.write('not au');
      setTimeout(() => res.end('thorized!!!!!!'), 100);
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const asked = fetch(`${server.url}/denied`);
    const behind = fetch(`${server.url}/len/5`); // answered only once the 401 has been read to its end
    const denied = await asked;
    expect(denied.status).toBe(401);
    await denied.body!.cancel();
    expect(await (await behind).text()).toBe('xxxxx');
    expect(server.connections()).toBe(1);
  });

  it('a large body cancelled before its end gives its connection up; the request behind it is answered on another', async () => {
    const server = await nodeServer((req, res) => {
      if (req.url !== '/huge') return false;
      res.writeHead(200, { 'content-length': 10 * 1024 * 1024 });
      res.write('x'.repeat(1000)); // and nothing more: only giving the connection up ends this
      return true;
    });
    const fetch = fetchWithCa([], 1);
    const asked = fetch(`${server.url}/huge`);
    const behind = fetch(`${server.url}/len/2`);
    await (await asked).body!.cancel();
    expect(await (await behind).text()).toBe('xx');
    expect(server.connections()).toBe(2);
  });
});
