import { createHash } from 'node:crypto';
import { AuthError, ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import { LRUCache } from 'lru-cache';
import { problemCodes } from '@ctp/contracts';
import type { BffConfig } from '../config.ts';
import { SessionExpired, UpstreamUnavailable } from '../errors.ts';
import type { Caller } from './token-verifier.ts';

/** A downstream token and when it stops being usable. */
export interface DownstreamToken {
  token: string;
  expiresOnTimestamp: number;
}

/** Trades the caller's portal token for a token to another API, keeping the person's identity. */
export type DownstreamTokens = (caller: Caller, scope: string) => Promise<DownstreamToken>;

/** Renew this long before expiry, so a token is never used in its last minutes. */
const EARLY_RENEWAL_MS = 5 * 60_000;

/**
 * Entra's on-behalf-of flow through msal-node, with a bounded cache per portal session (the hash of
 * the caller's token) and scope: a page load that makes ten ARM calls exchanges once.
 * Authority errors that need the person (consent, MFA, revoked session) become a SessionExpired
 * problem with the `InteractionRequired` code, which the SPA turns into a fresh sign-in.
 */
export function createOnBehalfOf(
  config: Pick<BffConfig, 'auth' | 'downstream'>,
  options: { maxEntries?: number; now?: () => number } = {},
): DownstreamTokens {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: config.downstream.clientId,
      clientSecret: config.downstream.clientSecret,
      authority: config.auth.authority,
      knownAuthorities: [new URL(config.auth.authority).host],
    },
  });
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, DownstreamToken>({ max: options.maxEntries ?? 5000 });
  const inFlight = new Map<string, Promise<DownstreamToken>>();

  return async (caller, scope) => {
    const key = `${sessionKey(caller.accessToken)}\n${scope}`;
    const cached = cache.get(key);
    if (cached && cached.expiresOnTimestamp - EARLY_RENEWAL_MS > now()) return cached;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const exchange = acquire(msal, caller, scope)
      .then((token) => {
        cache.set(key, token, { ttl: Math.max(1, token.expiresOnTimestamp - EARLY_RENEWAL_MS - now()) });
        return token;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, exchange);
    return exchange;
  };
}

async function acquire(
  msal: ConfidentialClientApplication,
  caller: Caller,
  scope: string,
): Promise<DownstreamToken> {
  try {
    const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: caller.accessToken, scopes: [scope] });
    if (!result?.accessToken) throw new UpstreamUnavailable('identity provider', 'no token was issued');
    return {
      token: result.accessToken,
      expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
    };
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) {
      throw new SessionExpired(
        `The identity provider needs you to sign in again before the portal can act for you (${error.errorCode}).`,
        problemCodes.interactionRequired,
      );
    }
    if (error instanceof AuthError && /invalid_grant/i.test(`${error.errorCode} ${error.message}`)) {
      throw new SessionExpired('Your sign-in is no longer accepted by the identity provider. Sign in again.');
    }
    if (error instanceof AuthError) {
      throw new UpstreamUnavailable(
        'identity provider',
        `The identity provider did not issue a token for ${scope}: ${error.errorCode || error.message}.`,
      );
    }
    throw error;
  }
}

/** Tokens are long; their hash keys the cache (and never appears anywhere else). */
function sessionKey(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}
