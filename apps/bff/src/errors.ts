import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problemCodes } from '@ctp/contracts';

/**
 * Errors services throw; the app's error handler turns each into one problem+json response
 * (middleware/problem.ts). Routes never build error responses by hand for these cases.
 */
export class BffError extends Error {
  override name = 'BffError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail: string,
    /** Kept from ARM/Graph (`AuthorizationFailed`…) or one of the contracts' problemCodes. */
    readonly code?: string,
    readonly fieldErrors?: Array<{ path: string; message: string }>,
  ) {
    super(detail);
  }
}

export class BadRequest extends BffError {
  constructor(detail: string, fieldErrors?: Array<{ path: string; message: string }>) {
    super(400, 'Invalid request', detail, problemCodes.invalidRequest, fieldErrors);
  }
}

export class NotFound extends BffError {
  constructor(detail: string, code = 'NotFound') {
    super(404, 'Not found', detail, code);
  }
}

export class NotAllowed extends BffError {
  constructor(detail: string, code = 'AuthorizationFailed') {
    super(403, 'Not allowed', detail, code);
  }
}

export class Conflict extends BffError {
  constructor(detail: string, code = 'Conflict') {
    super(409, 'Conflict', detail, code);
  }
}

/** The portal session can't be used any more: the SPA signs the person in again, keeping the page. */
export class SessionExpired extends BffError {
  constructor(detail: string, code: string = problemCodes.sessionExpired) {
    super(401, 'Your session has expired', detail, code);
  }
}

/** An upstream answered with an error: its status and code are kept, its message passed on. */
export class UpstreamError extends BffError {
  constructor(
    readonly service: 'ARM' | 'Graph' | 'identity provider' | 'registry' | 'trust server',
    status: number,
    code: string | undefined,
    message: string,
  ) {
    super(
      upstreamStatus(status),
      status === 403
        ? 'Not allowed'
        : status === 504
          ? `${service} did not answer in time`
          : `${service} refused the request`,
      message,
      code,
    );
  }
}

/** Upstream 4xx keep their status (the caller's problem); 5xx and odd ones become 502 (ours, not theirs). */
function upstreamStatus(status: number): ContentfulStatusCode {
  if (status === 401) return 502; // the BFF's downstream token was refused: not the person's session
  if (status >= 400 && status < 500) return status as ContentfulStatusCode;
  if (status === 503 || status === 504) return status;
  return 502;
}

export class UpstreamUnavailable extends BffError {
  constructor(service: string, detail: string) {
    super(503, `${service} is unavailable`, detail, problemCodes.upstreamUnavailable);
  }
}

/**
 * An upstream asked to be called later: 429 (throttled) or 503 (unavailable) after the SDK's own
 * retries. Its `Retry-After` is passed on to the caller, so the SPA and scripts back off as long as ARM asked.
 */
export class UpstreamBusy extends BffError {
  constructor(
    readonly service: 'ARM' | 'Graph',
    status: 429 | 503,
    code: string | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(
      status,
      status === 429 ? `${service} is throttling requests` : `${service} is unavailable`,
      message,
      code ?? (status === 503 ? problemCodes.upstreamUnavailable : undefined),
    );
  }
}
