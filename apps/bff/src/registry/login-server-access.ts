import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  createRegistryClient,
  memoryTokenCache,
  type Credentials,
  type RegistryClient,
  type TokenCache,
} from '@ctp/registry';
import type { Caller } from '../auth/token-verifier.ts';
import { UpstreamError, UpstreamUnavailable } from '../errors.ts';

/** Only login servers ARM named for this caller's registries are ever contacted (no open proxy). */
export interface ArmLearnedRegistry {
  loginServer: string;
}

export interface LoginServerAccessOptions {
  timeoutMs: number;
  /** How long an ACR refresh token is reused (ACR's last about three hours; renew well before). */
  refreshTokenTtlMs?: number;
  fetch?: typeof fetch;
}

/** Each composite signal made by `deadlineOr` → its timeout signal, held as long as the composite is. */
const heldDeadlines = new WeakMap<AbortSignal, AbortSignal>();

/**
 * Aborts with `signal` or at `deadline`, whichever comes first. AbortSignal.any holds its sources weakly
 * (Node 20): a timeout signal that nothing else references is garbage-collected and its deadline never
 * comes (found by the reliability suite: a stalled trust-server body held a request 110 s past the 15 s
 * deadline). The fetch holds the composite while it runs; the composite now holds its deadline.
 */
function deadlineOr(signal: AbortSignal, deadline: AbortSignal): AbortSignal {
  const both = AbortSignal.any([signal, deadline]);
  heldDeadlines.set(both, deadline);
  return both;
}

/**
 * The registry data plane as the signed-in person: their ARM token is exchanged at the login server's
 * `/oauth2/exchange` for an ACR refresh token (cached per portal session and registry), which
 * packages/registry turns into scoped access tokens on each 401 challenge (cached per scope).
 */
export function createLoginServerAccess(options: LoginServerAccessOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const refreshTokens = new LRUCache<string, string>({
    max: 5000,
    ttl: options.refreshTokenTtlMs ?? 60 * 60_000,
  });
  const accessTokens: TokenCache = memoryTokenCache(20_000);

  const timedFetch: typeof fetch = (input, init) =>
    fetchImpl(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(options.timeoutMs) });
  /** The timed fetch, also aborted by `signal` (a cancelled scan stops its upstream requests at once). */
  const fetchFor = (signal?: AbortSignal): typeof fetch =>
    signal
      ? (input, init) =>
          fetchImpl(input, {
            ...init,
            signal: deadlineOr(signal, init?.signal ?? AbortSignal.timeout(options.timeoutMs)),
          })
      : timedFetch;

  async function refreshToken(caller: Caller, registry: ArmLearnedRegistry, armToken: () => Promise<string>) {
    const key = `${hash(caller.accessToken)}\n${registry.loginServer}`;
    const cached = refreshTokens.get(key);
    if (cached) return cached;
    const url = `https://${registry.loginServer}/oauth2/exchange`;
    let response: Response;
    try {
      response = await timedFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'access_token',
          service: registry.loginServer,
          tenant: caller.tenantId,
          access_token: await armToken(),
        }),
      });
    } catch (error) {
      throw new UpstreamUnavailable(
        'registry',
        `The login server ${registry.loginServer} did not answer: ${(error as Error).message}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      refresh_token?: string;
      errors?: Array<{ code?: string; message?: string }>;
    };
    if (!response.ok || !body.refresh_token) {
      const first = body.errors?.[0];
      throw new UpstreamError(
        'registry',
        response.status,
        first?.code,
        `The login server ${registry.loginServer} refused the token exchange: ${first?.message ?? `HTTP ${response.status}`}`,
      );
    }
    refreshTokens.set(key, body.refresh_token);
    return body.refresh_token;
  }

  return {
    /** Credentials for packages/registry (and for the trust server, which shares the token service). */
    async credentials(
      caller: Caller,
      registry: ArmLearnedRegistry,
      armToken: () => Promise<string>,
    ): Promise<Credentials> {
      return { kind: 'refresh-token', refreshToken: await refreshToken(caller, registry, armToken) };
    },
    /** An OCI distribution client for the registry, as the caller. */
    async client(
      caller: Caller,
      registry: ArmLearnedRegistry,
      armToken: () => Promise<string>,
      opts: { signal?: AbortSignal; companionScopes?: (scopes: readonly string[]) => readonly string[] } = {},
    ): Promise<RegistryClient> {
      return createRegistryClient({
        baseUrl: `https://${registry.loginServer}`,
        fetch: fetchFor(opts.signal),
        credentials: await this.credentials(caller, registry, armToken),
        tokenCache: accessTokens,
        ...(opts.companionScopes ? { companionScopes: opts.companionScopes } : {}),
      });
    },
    /** A fetch for the login server with timeouts (trust server paths share the host). */
    fetch: timedFetch,
    fetchFor,
    /** Registry access tokens per scope (shared by registry and trust clients). */
    tokenCache: accessTokens,
  };
}

export type LoginServerAccess = ReturnType<typeof createLoginServerAccess>;

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
