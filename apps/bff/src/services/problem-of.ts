import type { Problem } from '@ctp/contracts';
import { toBffError } from '../middleware/problem.ts';

/** A problem document for an error that is reported inside a successful answer (partial failures). */
export function problemFromError(error: unknown): Problem {
  const known = toBffError(error);
  if (known) {
    return {
      type: 'about:blank',
      title: known.title,
      status: known.status,
      detail: known.detail,
      ...(known.code ? { code: known.code } : {}),
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: error instanceof Error ? error.message : String(error),
  };
}
