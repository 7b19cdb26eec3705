import { createMiddleware } from 'hono/factory';
import type { Caller, TokenVerifier } from '../auth/token-verifier.ts';
import { problemCodes } from '@ctp/contracts';
import { problem } from './problem.ts';

export type AuthenticatedEnv = { Variables: { caller: Caller; requestId: string } };

/**
 * Requires a valid bearer token for this API. A missing or bad token gets 401 with the
 * `WWW-Authenticate: Bearer` challenge (RFC 6750) and a problem document that says what was wrong.
 */
export function requireUser(verify: TokenVerifier) {
  return createMiddleware<AuthenticatedEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      c.header('www-authenticate', 'Bearer');
      return problem(c, 401, 'Sign-in required', {
        detail: 'Send an access token for the portal API as `Authorization: Bearer <token>`.',
        code: problemCodes.sessionExpired,
      });
    }
    const result = await verify(match[1]);
    if (!result.ok) {
      c.header(
        'www-authenticate',
        `Bearer error="invalid_token", error_description="${result.reason.replace(/"/g, "'")}"`,
      );
      return problem(c, 401, 'Session expired or invalid', {
        detail: `The access token was not accepted: ${result.reason}. Sign in again.`,
        code: problemCodes.sessionExpired,
      });
    }
    c.set('caller', result.caller);
    await next();
  });
}
