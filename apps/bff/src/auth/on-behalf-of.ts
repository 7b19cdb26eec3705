import { createHash } from 'node:crypto';
import {
  AuthError,
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  type ICacheClient,
} from '@azure/msal-node';
import { LRUCache } from 'lru-cache';
import { problemCodes } from '@ctp/contracts';
import { sessionCachePlugin } from '../cache/redis-token-cache.ts';
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

/** One exchange at the identity provider (what the cache below saves). */
export type TokenExchange = (caller: Caller, scope: string) => Promise<DownstreamToken>;

/**
 * Entra's on-behalf-of flow through msal-node, with a bounded cache per portal session (the hash of
 * the caller's token) and scope: a page load that makes ten ARM calls exchanges once.
 * Authority errors that need the person (consent, MFA, revoked session) become a SessionExpired
 * problem with the `InteractionRequired` code, which the SPA turns into a fresh sign-in.
 */
export function createOnBehalfOf(
  config: Pick<BffConfig, 'auth' | 'downstream'>,
  options: { maxEntries?: number; now?: () => number; shared?: SharedTokenCache } = {},
): DownstreamTokens {
  const auth = {
    clientId: config.downstream.clientId,
    clientSecret: config.downstream.clientSecret,
    authority: config.auth.authority,
    knownAuthorities: [new URL(config.auth.authority).host],
  };
  const timeoutMs = config.downstream.timeoutMs;
  const shared = options.shared;
  if (!shared) {
    const msal = new ConfidentialClientApplication({ auth });
    return cachedTokens((caller, scope) => acquire(msal, caller, scope, timeoutMs), options);
  }
  // Several replicas: msal-node's distributed cache, one client per session partition (msal's pattern
  // for web APIs), so a token exchanged by one replica is found by the others.
  return cachedTokens(async (caller, scope) => {
    const plugin = sessionCachePlugin(shared.client, sessionKey(caller.accessToken));
    const msal = new ConfidentialClientApplication({ auth, cache: { cachePlugin: plugin } });
    // msal-node's on-behalf-of lookup reads only its in-memory cache; reading the accounts runs the
    // plugin's beforeCacheAccess, which loads the session's partition from Redis first.
    await msal.getTokenCache().getAllAccounts();
    return acquire(msal, caller, scope, timeoutMs, shared.onSharedHit);
  }, options);
}

/** The shared token cache of several replicas (msal-node's ICacheClient on Redis). */
export interface SharedTokenCache {
  client: ICacheClient;
  /** Called when msal-node answered from the shared cache instead of the identity provider. */
  onSharedHit?: () => void;
}

/**
 * The cache in front of an exchange: per session and scope, until EARLY_RENEWAL_MS before expiry,
 * bounded (LRU), and with concurrent requests for the same key sharing one exchange.
 */
export function cachedTokens(
  exchange: TokenExchange,
  options: { maxEntries?: number; now?: () => number } = {},
): DownstreamTokens {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, DownstreamToken>({ max: options.maxEntries ?? 5000 });
  const inFlight = new Map<string, Promise<DownstreamToken>>();

  return async (caller, scope) => {
    const key = `${sessionKey(caller.accessToken)}\n${scope}`;
    const cached = cache.get(key);
    if (cached && cached.expiresOnTimestamp - EARLY_RENEWAL_MS > now()) return cached;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const exchanged = exchange(caller, scope)
      .then((token) => {
        cache.set(key, token, { ttl: Math.max(1, token.expiresOnTimestamp - EARLY_RENEWAL_MS - now()) });
        return token;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, exchanged);
    return exchanged;
  };
}

async function acquire(
  msal: ConfidentialClientApplication,
  caller: Caller,
  scope: string,
  timeoutMs: number,
  onCacheHit?: () => void,
): Promise<DownstreamToken> {
  try {
    const result = await withDeadline(
      msal.acquireTokenOnBehalfOf({ oboAssertion: caller.accessToken, scopes: [scope] }),
      timeoutMs,
    );
    if (!result?.accessToken) throw new UpstreamUnavailable('identity provider', 'no token was issued');
    if (result.fromCache) onCacheHit?.();
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

/**
 * msal-node has no request timeout (a hung authority would hang every page), so the exchange races a
 * timer; hand-written because it is four lines around one promise.
 */
async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UpstreamUnavailable(
            'identity provider',
            `The identity provider did not answer within ${timeoutMs} ms.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Tokens are long; their hash keys the cache (and never appears anywhere else). */
function sessionKey(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}
