// One HTTP/1.1 connection with pipelining: requests are written as they come (those of one event-loop
// turn in one write) and answered in order. Pipelining is why this exists: the files that the GUNs in
// flight ask for at once share connections, TLS writes and reads, where Node's http client (no
// pipelining) pays a request object, a socket assignment and an encrypted write per file — 480 files
// cost ~170 ms of CPU that way, ~50 ms pipelined (measured against notary-server, 120 GUNs). The only
// HTTP/1.1 client of this ecosystem that pipelines, undici, costs more to load than this saves (see
// tls-fetch.ts). Responses are parsed by http-parser-js; this file only keeps requests and answers paired.
import type { Socket } from 'node:net';
import { HTTPParser } from 'http-parser-js';
import { ResponseBody } from './response-body.ts';

/** A cancelled body up to this size is read to its end and dropped rather than losing its connection. */
const DRAIN_BYTES = 64 * 1024;

export interface Http1Response {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Map<string, string>;
  /** null for HEAD, 204 and 304. */
  body: ResponseBody | null;
}

/** A request, written as it goes on the wire, with the promise it settles. */
export interface Exchange {
  method: string;
  wire: (string | Uint8Array)[];
  /** Connections lost under it without an answer (see Http1Pool). */
  failures: number;
  answer(response: Http1Response): void;
  refuse(error: Error): void;
}

export interface LostExchanges {
  /** Sent (or waiting to be) and not answered: nothing of their answer was read. */
  unanswered: Exchange[];
  error: Error;
  /** The connection was established (false: connecting or its TLS handshake failed). */
  established: boolean;
  /** How many answers it gave before it was lost (a server that closes after N answers is not failing). */
  answered: number;
}

export class Http1Connection {
  private readonly pending: Exchange[] = []; // in order: the first is the one being answered
  private outbox: (string | Uint8Array)[] = [];
  private flushQueued = false;
  private body: ResponseBody | null | undefined; // of the answer being read
  private interim = false; // a 1xx answer is being read: the final one follows
  private established = false;
  private answered = 0;
  private lostWith: Error | undefined;
  /** False once the server said it closes, or the connection is lost: nothing more is sent on it. */
  usable = true;

  private readonly socket: Socket;

  /**
   * `open` connects, handing what the socket reads to `receive` (net's `onread`: one buffer per connection
   * that is read into again, no stream events per read; what is kept of it is copied).
   */
  constructor(
    open: (receive: (bytes: Buffer) => void) => Socket,
    private readonly onLost: (lost: LostExchanges) => void,
    readyEvent: 'connect' | 'secureConnect',
  ) {
    const parser = new HTTPParser(HTTPParser.RESPONSE);
    parser[HTTPParser.kOnHeadersComplete] = (info) =>
      this.onHead(info.statusCode, info.headers, info.shouldKeepAlive);
    parser[HTTPParser.kOnBody] = (chunk, offset, length) =>
      this.body?.push(Buffer.from(chunk.subarray(offset, offset + length)));
    parser[HTTPParser.kOnMessageComplete] = () => this.onComplete();
    const socket = open((bytes) => {
      const result = parser.execute(bytes);
      if (result instanceof Error) this.destroy(new Error(`malformed HTTP response: ${result.message}`));
    });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.once(readyEvent, () => (this.established = true));
    socket.once('end', () => {
      const result = parser.finish(); // a body delimited by the connection's end is complete now
      this.destroy(
        result instanceof Error ? new Error('the server closed the connection mid-answer') : undefined,
      );
    });
    socket.once('error', (error) => this.destroy(error));
    socket.once('close', () => this.destroy());
  }

  /** Requests waiting for their answer on this connection. */
  get load(): number {
    return this.pending.length;
  }

  send(exchange: Exchange): void {
    this.pending.push(exchange);
    this.socket.ref();
    this.outbox.push(...exchange.wire);
    if (!this.flushQueued) {
      this.flushQueued = true;
      // Everything asked for in this turn of the event loop (a GUN's root and timestamp, the files of
      // the GUNs whose answers came in the same read) in one write.
      process.nextTick(() => this.flush());
    }
  }

  /** Gives up the connection: the answer being read fails, the others are handed back (onLost). */
  destroy(error?: Error): void {
    if (this.lostWith) return;
    this.lostWith = error ?? new Error('the server closed the connection');
    this.usable = false;
    this.socket.destroy();
    if (this.body !== undefined) {
      this.body?.fail(this.lostWith);
      this.body = undefined;
      this.pending.shift();
    }
    this.onLost({
      unanswered: this.pending.splice(0),
      error: this.lostWith,
      established: this.established,
      answered: this.answered,
    });
  }

  private flush(): void {
    this.flushQueued = false;
    const parts = this.outbox;
    this.outbox = [];
    if (this.lostWith || parts.length === 0) return;
    if (parts.every((p) => typeof p === 'string')) this.socket.write(parts.join(''));
    else {
      this.socket.cork();
      for (const p of parts) this.socket.write(p);
      this.socket.uncork();
    }
  }

  private onHead(status: number, raw: string[], keepAlive: boolean): number {
    const exchange = this.pending[0];
    if (!exchange) {
      this.destroy(new Error('the server answered a request that was not sent'));
      return 1;
    }
    if (status >= 100 && status < 200) {
      this.interim = true; // 100 Continue and the like: not the answer
      return 0;
    }
    if (!keepAlive) this.usable = false; // the server closes after this answer
    const headers = new Map<string, string>();
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const prior = headers.get(name);
      headers.set(name, prior === undefined ? raw[i + 1]! : `${prior}, ${raw[i + 1]!}`);
    }
    const bodiless = exchange.method === 'HEAD' || status === 204 || status === 304;
    // What a cancelled body may still read and drop to keep the connection (see ResponseBody): a body
    // that ends the connection or is declared larger is abandoned at once.
    const length = Number(headers.get('content-length') ?? NaN);
    const drainLimit = !keepAlive || length > DRAIN_BYTES ? 0 : DRAIN_BYTES;
    const body = bodiless
      ? null
      : new ResponseBody(() => this.destroy(new Error('response body cancelled')), drainLimit);
    this.body = body;
    exchange.answer({ status, headers, body });
    return bodiless ? 1 : 0; // 1: the parser expects no body (HEAD answers carry a length but no bytes)
  }

  private onComplete(): void {
    if (this.interim) {
      this.interim = false;
      return;
    }
    this.body?.end();
    this.body = undefined;
    this.pending.shift();
    this.answered++;
    // An idle keep-alive connection must not keep a finished CLI from exiting.
    if (this.pending.length === 0) this.socket.unref();
  }
}
