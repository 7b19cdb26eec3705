import { secureHeaders } from 'hono/secure-headers';

export interface SecurityHeadersOptions {
  /** Issuer URL of the identity provider: MSAL fetches its metadata and tokens, and may frame it for silent renewal. */
  authority: string;
}

/**
 * Hono's secure headers plus a strict Content-Security-Policy for every BFF response (API and SPA).
 *
 * - Scripts only from the BFF's own origin: the built SPA is module files, no inline script, no eval.
 * - `connect-src` is the BFF and the identity provider only: the SPA calls nothing else directly.
 * - `frame-src` the identity provider: MSAL's silent renewal (when a refresh token no longer works)
 *   loads the authorize endpoint in a hidden iframe that returns to the SPA's redirect page.
 * - Styles: Fluent UI v9's Griffel inserts `<style>` elements at runtime, Floating UI and Tabster set
 *   inline `style` attributes, and index.html has a small `<style>`. A nonce would cover only the first
 *   (CSP nonces never apply to style attributes) and would make index.html per-response, so styles use
 *   `'self' 'unsafe-inline'`. Inline CSS cannot run script; with scripts locked to 'self' and React
 *   escaping every value, the remaining risk (CSS injection) has no entry point in the SPA.
 * - `frame-ancestors 'none'` (and X-Frame-Options DENY for older browsers): the portal is never framed.
 * - COOP stays off: MSAL's popup flows need the opener.
 */
export function securityHeaders({ authority }: SecurityHeadersOptions) {
  const identityProvider = new URL(authority).origin;
  return secureHeaders({
    crossOriginOpenerPolicy: false,
    xFrameOptions: 'DENY',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", identityProvider],
      frameSrc: [identityProvider],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
}
