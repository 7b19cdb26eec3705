// A response body as the clients read it (FetchBody): the connection pushes the chunks its parser
// finds, the reader pulls them. A body cut short (the connection lost before its end) fails the read.
import type { FetchBody } from '@ctp/registry';

type ReadResult = ReadableStreamReadResult<Uint8Array>;

export class ResponseBody implements FetchBody {
  private queued: Uint8Array[] = [];
  private reader: { resolve: (r: ReadResult) => void; reject: (e: Error) => void } | undefined;
  private ended = false;
  private failure: Error | undefined;
  private cancelled = false;

  /** `abandon` is called when the reader cancels before the body's end (the connection gives it up). */
  constructor(private readonly abandon: () => void) {}

  /** True once every byte has arrived (or the body failed): nothing is left on the connection. */
  get settled(): boolean {
    return this.ended || this.failure !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.cancelled) return;
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      reader.resolve({ done: false, value: chunk });
    } else this.queued.push(chunk);
  }

  end(): void {
    this.ended = true;
    const reader = this.reader;
    this.reader = undefined;
    reader?.resolve({ done: true, value: undefined });
  }

  fail(error: Error): void {
    if (this.settled || this.cancelled) return;
    this.failure = error;
    const reader = this.reader;
    this.reader = undefined;
    reader?.reject(error);
  }

  read(): Promise<ReadResult> {
    const next = this.queued.shift();
    if (next) return Promise.resolve({ done: false, value: next });
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended || this.cancelled) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => (this.reader = { resolve, reject }));
  }

  cancel(): Promise<void> {
    if (!this.cancelled) {
      this.cancelled = true;
      this.queued = [];
      if (!this.settled) this.abandon();
      this.end();
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
