import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './problem.ts';

/** The BFF's API takes small JSON documents; nothing it accepts comes near this. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

/**
 * Refuses request bodies over the limit with a 413 problem, by Content-Length and, for chunked bodies,
 * by counting what is read: reading stops at the limit, so a huge or endless body costs nothing.
 */
export function apiBodyLimit(maxSize = MAX_API_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      problem(
        c,
        413,
        'Request body too large',
        `The portal's API accepts request bodies up to ${maxSize} bytes.`,
      ),
  });
}
