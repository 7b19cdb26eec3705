// The HTTP size caps: a metadata file above its limit is refused with a typed failure, and the client
// stops reading once the limit is passed instead of holding the whole body in memory.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrustClient, MAX_TIMESTAMP_BYTES, readCapped } from '../src/index.ts';

const CHUNK = 64 * 1024;

/** A body that yields `total` bytes in CHUNK pieces, counting how much was pulled from it. */
function countingBody(total: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      const size = Math.min(CHUNK, total - counter.pulled);
      counter.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, counter };
}

describe('readCapped', () => {
  it('returns the bytes of a body within the cap', async () => {
    const { stream } = countingBody(1000);
    const r = await readCapped(new Response(stream), 1000);
    expect(r.kind).toBe('ok');
    if (r.kind === 'ok') expect(r.bytes.length).toBe(1000);
  });

  it('stops pulling a streamed body (no length declared) one chunk past the cap', async () => {
    const { stream, counter } = countingBody(64 * 1024 * 1024);
    const max = 256 * 1024;
    expect(await readCapped(new Response(stream), max)).toEqual({ kind: 'too-large', limit: max });
    expect(counter.pulled).toBeLessThanOrEqual(max + 2 * CHUNK);
  });

  it('refuses a declared Content-Length above the cap without pulling the body at all', async () => {
    const { stream, counter } = countingBody(64 * 1024 * 1024);
    const res = new Response(stream, { headers: { 'content-length': String(64 * 1024 * 1024) } });
    // The stream's first pull happens when it is constructed (its highWaterMark is 1).
    const before = counter.pulled;
    expect(await readCapped(res, 1024)).toEqual({ kind: 'too-large', limit: 1024 });
    expect(counter.pulled).toBe(before);
  });
});

describe('an oversized timestamp from a real HTTP server', () => {
  let server: Server;
  let url = '';
  const sent = { bytes: 0, aborted: false };
  const TOTAL = 256 * 1024 * 1024;

  beforeAll(async () => {
    // Streams an endless-looking timestamp.json (chunked, no length) until the client goes away.
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(CHUNK, 0x20);
      const write = () => {
        while (sent.bytes < TOTAL) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('close', () => (sent.aborted = !res.writableFinished));
      write();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is refused as timestamp / size, the download abandoned long before its end', async () => {
    const r = await createTrustClient({ serverUrl: url }).verifyRepository('127.0.0.1/ctp/huge');
    expect(r).toMatchObject({
      kind: 'invalid',
      role: 'timestamp',
      check: 'size',
      message: `timestamp is larger than ${MAX_TIMESTAMP_BYTES} bytes`,
    });
    await expect.poll(() => sent.aborted).toBe(true);
    // What the server managed to push is the cap plus socket buffers, a small fraction of the body.
    expect(sent.bytes / TOTAL).toBeLessThan(0.25);
  });
});
