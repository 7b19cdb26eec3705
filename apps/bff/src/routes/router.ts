import { OpenAPIHono } from '@hono/zod-openapi';
import { problemCodes, problemSchema } from '@ctp/contracts';
import type { Env } from 'hono';
import { problem } from '../middleware/problem.ts';

/**
 * A router whose routes are declared with zod schemas from packages/contracts: the same schemas
 * validate requests, type handlers and generate /api/openapi.json. Invalid input becomes one 400
 * problem listing every field error.
 */
export function createRouter<E extends Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(root)',
        message: issue.message,
      }));
      return problem(c, 400, 'Invalid request', {
        detail: `The request does not match the API: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        code: problemCodes.invalidRequest,
        errors,
      });
    },
  });
}

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** The error answers every signed-in route can give, for the OpenAPI document. */
export const problemResponses = {
  400: { description: 'The request is invalid (see `errors`).', content: problemContent },
  401: {
    description: 'Not signed in, or the session expired (`code: SessionExpired`).',
    content: problemContent,
  },
  403: { description: 'ARM refused the caller (`code: AuthorizationFailed`).', content: problemContent },
  404: { description: 'No such resource, or the caller cannot see it.', content: problemContent },
  502: { description: 'An upstream service failed.', content: problemContent },
  503: { description: 'An upstream service is unavailable.', content: problemContent },
} as const;

export const bearerSecurity = [{ portalToken: [] }];
