// A response body as the clients read it (FetchBody): the connection pushes the chunks its parser
// finds, the reader pulls them. A body cut short (the connection lost before its end) fails the read.
import type { FetchBody } from '@ctp/registry';

type ReadResult = ReadableStreamReadResult<Uint8Array>;

export class ResponseBody implements FetchBody {
  private queued: Uint8Array[] = [];
  private reader: { resolve: (r: ReadResult) => void; reject: (e: Error) => void } | undefined;
  private complete = false; // every byte has arrived
  private failure: Error | undefined;
  private cancelled = false;
  private dropped = 0;

  /**
   * `abandon` gives the connection up. When the reader cancels before the body's end, the rest is read
   * and dropped if it is at most `drainLimit` bytes — the requests behind it on the connection are then
   * answered on it, which costs less than a new connection (a TLS handshake) — else the connection is
   * abandoned at once (0: always).
   */
  constructor(
    private readonly abandon: () => void,
    private readonly drainLimit: number,
  ) {}

  /** True once every byte has arrived (or the body failed): nothing of it is left on the connection. */
  get settled(): boolean {
    return this.complete || this.failure !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.cancelled) {
      this.dropped += chunk.length;
      if (this.dropped > this.drainLimit) this.abandon();
      return;
    }
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      reader.resolve({ done: false, value: chunk });
    } else this.queued.push(chunk);
  }

  end(): void {
    this.complete = true;
    const reader = this.reader;
    this.reader = undefined;
    reader?.resolve({ done: true, value: undefined });
  }

  fail(error: Error): void {
    if (this.settled) return;
    this.failure = error;
    const reader = this.reader;
    this.reader = undefined;
    reader?.reject(error);
  }

  read(): Promise<ReadResult> {
    const next = this.queued.shift();
    if (next) return Promise.resolve({ done: false, value: next });
    if (this.cancelled || this.complete) return Promise.resolve({ done: true, value: undefined });
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  }

  cancel(): Promise<void> {
    if (!this.cancelled) {
      this.cancelled = true;
      this.queued = [];
      const reader = this.reader;
      this.reader = undefined;
      reader?.resolve({ done: true, value: undefined });
      if (!this.settled && this.drainLimit <= 0) this.abandon();
    }
    return Promise.resolve();
  }

  getReader() {
    return { read: () => this.read(), cancel: () => this.cancel() };
  }

  /** The whole body (a failure or a cut-short body rejects). */
  async bytes(): Promise<Buffer> {
    const parts: Uint8Array[] = [];
    for (let r = await this.read(); !r.done; r = await this.read()) parts.push(r.value);
    return Buffer.concat(parts);
  }
}
