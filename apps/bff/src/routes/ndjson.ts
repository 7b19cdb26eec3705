// A stream of JSON lines (application/x-ndjson) from an async generator. The client going away (the
// request's signal, or the body being cancelled) aborts `controller`, which stops the upstream work.
import { problemSchema, type Problem } from '@ctp/contracts';
import { BffError } from '../errors.ts';

export const NDJSON = 'application/x-ndjson';

function problemOf(error: unknown, requestId: string): Problem {
  if (error instanceof BffError)
    return problemSchema.parse({
      title: error.title,
      status: error.status,
      detail: error.detail,
      instance: requestId,
      ...(error.code ? { code: error.code } : {}),
    });
  return {
    type: 'about:blank',
    title: 'The stream failed',
    status: 502,
    detail: (error as Error).message,
    instance: requestId,
  };
}

export function ndjsonResponse(
  events: AsyncGenerator<unknown>,
  controller: AbortController,
  requestId: string,
): Response {
  const encoder = new TextEncoder();
  const line = (value: unknown) => encoder.encode(JSON.stringify(value) + '\n');
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        const next = await events.next();
        if (next.done) stream.close();
        else stream.enqueue(line(next.value));
      } catch (error) {
        // Headers are sent: the failure becomes the stream's last line, in the problem shape.
        if (!controller.signal.aborted)
          stream.enqueue(line({ type: 'error', problem: problemOf(error, requestId) }));
        stream.close();
      }
    },
    cancel() {
      controller.abort();
      void events.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': `${NDJSON}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** An AbortController aborted when the client's request is (disconnect, cancel). */
export function requestAbort(request: Request): AbortController {
  const controller = new AbortController();
  if (request.signal.aborted) controller.abort();
  else request.signal.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}
