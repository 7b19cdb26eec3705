import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { BffConfig } from '../config.ts';

/** The caller, as proven by a verified access token for this API. */
export interface Caller {
  objectId: string;
  tenantId: string;
  name: string;
  username: string;
  scopes: string[];
  /** The raw token, kept for the on-behalf-of exchange to ARM and Graph. */
  accessToken: string;
}

export type VerifyResult = { ok: true; caller: Caller } | { ok: false; reason: string };

export type TokenVerifier = (accessToken: string) => Promise<VerifyResult>;

/**
 * How soon after a JWKS fetch an unknown key id may make jose fetch it again (jose's default is 30 s).
 * Shorter: after the identity provider rotates its signing key, tokens of the new key get 401 for at
 * most this long. Longer: fewer fetches when tokens with made-up key ids arrive, which can each force
 * one fetch per cooldown at most (one every 5 s is nothing for Entra's JWKS endpoint).
 */
export const JWKS_COOLDOWN_MS = 5_000;

/** Clock skew allowed between the identity provider and the BFF. */
const CLOCK_TOLERANCE_S = 60;
/** Entra access tokens live 60–90 minutes (up to 28 h with continuous access evaluation); more is not a real token. */
const MAX_LIFETIME_S = 28 * 3600;

/**
 * Verifies access tokens the SPA sends: signature against the identity provider's JWKS (found through
 * its discovery document, cached and refreshed by jose on unknown key ids), issuer, audience, lifetime
 * (`exp` and `iat` required, `iat`/`nbf` not in the future, no lifetime beyond Entra's), the tenant
 * (`tid` in the configured allow-list), and the API's delegated scope.
 */
export function createTokenVerifier(
  auth: BffConfig['auth'],
  options: { fetch?: typeof fetch; keySet?: JWTVerifyGetKey } = {},
): TokenVerifier {
  const fetchImpl = options.fetch ?? fetch;
  let jwks: JWTVerifyGetKey | undefined = options.keySet;
  const keySet = async () => {
    if (!jwks) {
      const jwksUri = auth.jwksUri ?? (await discoverJwksUri(auth.authority, fetchImpl));
      jwks = createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: JWKS_COOLDOWN_MS });
    }
    return jwks;
  };
  const requiredScope = auth.apiScope.slice(auth.apiScope.lastIndexOf('/') + 1);

  return async (accessToken) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(accessToken, await keySet(), {
        issuer: auth.authority,
        audience: auth.apiAudience,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: MAX_LIFETIME_S,
      }));
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    const lifetimeProblem = checkLifetime(payload);
    if (lifetimeProblem) return { ok: false, reason: lifetimeProblem };
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(requiredScope)) {
      return { ok: false, reason: `the token lacks the delegated scope "${requiredScope}"` };
    }
    const claim = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : '');
    if (!claim('oid') || !claim('tid')) return { ok: false, reason: 'the token has no oid/tid claims' };
    if (!auth.allowedTenants.includes(claim('tid').toLowerCase())) {
      return { ok: false, reason: `the token's tenant ${claim('tid')} is not one this portal serves` };
    }
    return {
      ok: true,
      caller: {
        objectId: claim('oid'),
        tenantId: claim('tid'),
        name: claim('name') || claim('preferred_username'),
        username: claim('preferred_username'),
        scopes,
        accessToken,
      },
    };
  };
}

/** What jose leaves to us: `iat` not in the future, `nbf` before `exp`, a lifetime Entra could issue. */
function checkLifetime(payload: JWTPayload): string | undefined {
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp, nbf } = payload as { iat: number; exp: number; nbf?: number };
  if (iat > now + CLOCK_TOLERANCE_S) return 'the token was issued in the future ("iat")';
  if (nbf !== undefined && nbf > exp) return 'the token is never valid ("nbf" after "exp")';
  if (exp - Math.min(iat, nbf ?? iat) > MAX_LIFETIME_S) {
    return `the token lives longer than ${MAX_LIFETIME_S / 3600} hours`;
  }
  return undefined;
}

async function discoverJwksUri(authority: string, fetchImpl: typeof fetch): Promise<string> {
  const url = `${authority.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`identity provider discovery failed: ${url} answered ${response.status}`);
  const document = (await response.json()) as { jwks_uri?: unknown };
  if (typeof document.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
  return document.jwks_uri;
}
