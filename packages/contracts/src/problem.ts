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
   * (`AuthorizationFailed`, `ResourceNotFound`…) or one of {@link problemCodes}.
   */
  code: z.string().optional(),
  /** Field-level validation messages, when the request body or query was invalid. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Codes the BFF itself sets on problems, beside the ones it passes through from ARM and Graph. */
export const problemCodes = {
  /** The portal token is missing, expired or revoked: sign in again. */
  sessionExpired: 'SessionExpired',
  /** The identity provider needs the person (consent, MFA, re-sign-in) before it issues a downstream token. */
  interactionRequired: 'InteractionRequired',
  /** The request did not match the route's contract (see `errors`). */
  invalidRequest: 'InvalidRequest',
  /** An upstream service did not answer in time or at all. */
  upstreamUnavailable: 'UpstreamUnavailable',
} as const;
