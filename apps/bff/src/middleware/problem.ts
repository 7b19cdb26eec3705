import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isRestError, type RestError } from '@azure/core-rest-pipeline';
import type { Problem } from '@ctp/contracts';
import { BffError, UpstreamBusy, UpstreamError, UpstreamUnavailable } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { retryAfterSeconds } from './retry-after.ts';

export interface ProblemOptions {
  detail?: string;
  code?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** Sends an RFC 9457 problem document; `instance` is the request id, the same as in the log lines. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detailOrOptions?: string | ProblemOptions,
): Response {
  const options = typeof detailOrOptions === 'string' ? { detail: detailOrOptions } : (detailOrOptions ?? {});
  const requestId = c.get('requestId') as string | undefined;
  const body: Problem = {
    type: 'about:blank',
    title,
    status,
    ...(options.detail ? { detail: options.detail } : {}),
    instance: requestId ? `urn:request:${requestId}` : c.req.path,
    ...(options.code ? { code: options.code } : {}),
    ...(options.errors?.length ? { errors: options.errors } : {}),
  };
  c.header('cache-control', 'no-store');
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}

/**
 * app.onError: every error leaves the BFF as problem+json. Typed errors (errors.ts) and Azure SDK
 * errors keep their status and code; anything else is logged with the request id and not leaked.
 */
export function problemOnError(error: Error, c: Context): Response {
  const known = toBffError(error);
  if (known) {
    if (known instanceof UpstreamBusy && known.retryAfterSeconds !== undefined)
      c.header('retry-after', String(known.retryAfterSeconds));
    return problem(c, known.status, known.title, {
      detail: known.detail,
      ...(known.code ? { code: known.code } : {}),
      ...(known.fieldErrors ? { errors: known.fieldErrors } : {}),
    });
  }
  if (error instanceof HTTPException) return problem(c, error.status, error.message || 'Request failed');
  const log = c.get('log') as Logger | undefined;
  // Name, message and stack only: SDK errors carry the request they failed on, whose headers (with the
  // bearer token) pino's error serializer would otherwise write out.
  const err = { type: error.name, message: error.message, stack: error.stack };
  if (log) log.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
  else console.error(`[bff] ${c.req.method} ${c.req.path}:`, error);
  return problem(
    c,
    500,
    'Internal error',
    'The portal could not complete the request. Quote the request id (instance) to your administrator; details are in the BFF log.',
  );
}

/** Azure SDK errors become UpstreamError with ARM's own code and message kept. */
export function toBffError(error: unknown): BffError | undefined {
  if (error instanceof BffError) return error;
  // isRestError, not instanceof: the classic SDK clients load the CommonJS build of core-rest-pipeline
  // and the modular ones its ESM build, so one process holds two RestError classes.
  if (isRestError(error)) {
    // No status: ARM was never reached (refused connection, DNS, TLS); a status-less timeout is ours (pipeline.ts).
    if (error.statusCode === undefined)
      return new UpstreamUnavailable('ARM', `ARM could not be reached: ${error.message}`);
    const message = armMessage(error) ?? error.message;
    if (error.statusCode === 429 || error.statusCode === 503) {
      const retryAfter = retryAfterSeconds(error.response?.headers.get('retry-after'));
      return new UpstreamBusy('ARM', error.statusCode, error.code, message, retryAfter);
    }
    return new UpstreamError('ARM', error.statusCode, error.code, message);
  }
  return undefined;
}

/** The SDK puts ARM's `{error:{code,message}}` in `details`; prefer its message over the SDK's wrapper. */
function armMessage(error: RestError): string | undefined {
  const details = error.details as { error?: { message?: unknown } } | undefined;
  return typeof details?.error?.message === 'string' ? details.error.message : undefined;
}

/** Unknown API routes are problems, not the SPA's index.html. */
export function problemNotFound(c: Context): Response {
  return problem(c, 404, 'Not found', `No API route ${c.req.method} ${c.req.path}.`);
}
