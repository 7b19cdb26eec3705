import * as z from 'zod';

/** RFC 9457 problem details: the one error shape the BFF returns (application/problem+json). */
export const problemSchema = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** The request id (also in the BFF's log lines), so a person can quote it. */
  instance: z.string().optional(),
  /**
   * A machine-readable reason the SPA acts on: an upstream code kept as ARM or Graph sent it
   * (`AuthorizationFailed`, `ResourceNotFound`…) or one of the BFF's own `problemCodes`.
   */
  code: z.string().optional(),
  /** Field-level validation messages, when the request body or query was invalid. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export { problemCodes } from './problem-codes.ts';
