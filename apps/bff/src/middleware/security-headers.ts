import type { MiddlewareHandler } from 'hono';
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
 * - `frame-ancestors 'none'` (and X-Frame-Options DENY for older browsers): the portal is never framed,
 *   except MSAL's redirect bridge page (`/redirect.html`), which the portal itself frames during silent
 *   renewal (the hidden iframe lands there from the identity provider): `'self'` for that page only.
 * - COOP stays off: MSAL's popup flows need the opener.
 */
export function securityHeaders({ authority }: SecurityHeadersOptions): MiddlewareHandler {
  const identityProvider = new URL(authority).origin;
  const everyPage = headersFor(identityProvider, 'none');
  const redirectBridge = headersFor(identityProvider, 'self');
  return (c, next) => (c.req.path === '/redirect.html' ? redirectBridge(c, next) : everyPage(c, next));
}

function headersFor(identityProvider: string, framedBy: 'none' | 'self'): MiddlewareHandler {
  return secureHeaders({
    crossOriginOpenerPolicy: false,
    xFrameOptions: framedBy === 'none' ? 'DENY' : 'SAMEORIGIN',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", identityProvider],
      // 'self': the silent-renewal iframe ends on the portal's own redirect page.
      frameSrc: ["'self'", identityProvider],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: [`'${framedBy}'`],
    },
  });
}
