/**
 * Codes the BFF itself sets on problems, beside the ones it passes through from ARM and Graph. A module
 * of its own, without zod: the SPA's first load reads these codes and leaves the schemas to the pages.
 */
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
