// HTTP/1.1 connections per origin, with pipelining (connection.ts): a request goes to the first
// connection with room in its pipeline, a new connection is opened while there are fewer than
// `connections`, and past that the least loaded one takes it. A connection lost under requests that
// were not answered hands them to another connection: a server may close a kept-alive connection at
// any time (after N answers, when idle), and nothing of their answers was read. A request is refused
// after two connections were lost under it without answering anything.
import { connect as connectTcp, isIP, type OnReadOpts } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type SecureContext } from 'node:tls';
import { Http1Connection, type Exchange, type Http1Response, type LostExchanges } from './connection.ts';

export interface Http1PoolOptions {
  /** Connections per origin. */
  connections: number;
  /** Requests written ahead on one connection before another one is used. */
  depth: number;
  /** For https origins: the CAs trusted. */
  secureContext?: SecureContext;
}

export interface Http1Request {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

const MAX_FAILURES = 2;
const READ_BUFFER_BYTES = 64 * 1024;

interface PooledExchange extends Exchange {
  settled: boolean;
  /** The connection it was last given to. */
  carrier?: Http1Connection;
}

function wireOf(url: URL, request: Http1Request): (string | Uint8Array)[] {
  const headers: Record<string, string> = { host: url.host, ...request.headers };
  const body = request.body;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  let head = `${request.method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
      throw new TypeError(`content-trust: header ${name} holds a line break`);
    head += `${name}: ${value}\r\n`;
  }
  head += '\r\n';
  return body === undefined ? [head] : typeof body === 'string' ? [head + body] : [head, body];
}

export class Http1Pool {
  private readonly byOrigin = new Map<string, Http1Connection[]>();

  constructor(private readonly opts: Http1PoolOptions) {}

  request(url: URL, request: Http1Request): Promise<Http1Response> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise<Http1Response>((resolve, reject) => {
      let response: Http1Response | undefined;
      const exchange: PooledExchange = {
        method: request.method,
        wire: wireOf(url, request),
        failures: 0,
        settled: false,
        answer: (r) => {
          if (exchange.settled) return;
          exchange.settled = true;
          response = r;
          if (!r.body || r.body.settled) signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        refuse: (error) => {
          if (exchange.settled) return;
          exchange.settled = true;
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      // Aborted while waiting: refused, and its connection given up (the requests behind it in the
      // pipeline go to other connections). Aborted while its body is read: the body fails.
      const onAbort = () => {
        const reason = signal!.reason as Error;
        if (!response) exchange.refuse(reason);
        if (!response || (response.body && !response.body.settled)) exchange.carrier?.destroy(reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.dispatch(url, exchange);
    });
  }

  private dispatch(url: URL, exchange: PooledExchange): void {
    const open = (this.byOrigin.get(url.origin) ?? []).filter((c) => c.usable);
    this.byOrigin.set(url.origin, open);
    let connection = open.find((c) => c.load < this.opts.depth);
    if (!connection && open.length < this.opts.connections) {
      const created: Http1Connection = this.connect(url, (lost) => this.onLost(url, created, lost));
      connection = created;
      open.push(created);
    }
    connection ??= open.reduce((a, b) => (b.load < a.load ? b : a));
    exchange.carrier = connection;
    connection.send(exchange);
  }

  private connect(url: URL, onLost: (lost: LostExchanges) => void): Http1Connection {
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const readInto = (receive: (bytes: Buffer) => void) => ({
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (read: number, buffer: Uint8Array) => {
        receive(Buffer.from(buffer.buffer, buffer.byteOffset, read));
        return true;
      },
    });
    if (url.protocol === 'http:')
      return new Http1Connection(
        (receive) => connectTcp({ host, port, onread: readInto(receive) }),
        onLost,
        'connect',
      );
    // tls.connect takes net's `onread` too (Node's documentation; @types/node does not list it).
    const tls = (receive: (bytes: Buffer) => void) =>
      connectTls(<ConnectionOptions & { onread: OnReadOpts }>{
        host,
        port,
        // SNI names a host, never an address (RFC 6066); the certificate is checked against `host` either way.
        ...(isIP(host) ? {} : { servername: host }),
        ...(this.opts.secureContext ? { secureContext: this.opts.secureContext } : {}),
        ALPNProtocols: ['http/1.1'],
        onread: readInto(receive),
      });
    return new Http1Connection(tls, onLost, 'secureConnect');
  }

  private onLost(url: URL, connection: Http1Connection, lost: LostExchanges): void {
    this.byOrigin.set(
      url.origin,
      (this.byOrigin.get(url.origin) ?? []).filter((c) => c !== connection),
    );
    for (const exchange of lost.unanswered as PooledExchange[]) {
      if (exchange.settled) continue; // aborted
      // Never connected (refused, TLS handshake failed): the error is the answer, for all of them.
      if (!lost.established) exchange.refuse(lost.error);
      else if (lost.answered === 0 && ++exchange.failures >= MAX_FAILURES) exchange.refuse(lost.error);
      else this.dispatch(url, exchange);
    }
  }
}
