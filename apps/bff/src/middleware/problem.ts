import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem } from '@ctp/contracts';

/** Sends an RFC 9457 problem document. */
export function problem(c: Context, status: ContentfulStatusCode, title: string, detail?: string): Response {
  const body: Problem = {
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    instance: c.req.path,
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}

/** app.onError: every error leaves the BFF as problem+json; unexpected ones are logged, not leaked. */
export function problemOnError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) return problem(c, error.status, error.message || 'Request failed');
  console.error(`[bff] ${c.req.method} ${c.req.path}:`, error);
  return problem(
    c,
    500,
    'Internal error',
    'The portal could not complete the request. Details are in the BFF log.',
  );
}

/** Unknown API routes are problems, not the SPA's index.html. */
export function problemNotFound(c: Context): Response {
  return problem(c, 404, 'Not found', `No API route ${c.req.method} ${c.req.path}.`);
}
