// Docker registry token auth (distribution's token spec and ACR's OAuth2 flavour) as a fetch wrapper:
// a request answered 401 with a Bearer challenge gets a token for the challenge's realm/service and the
// needed scope, then is retried once. Tokens are cached per realm, service, scope and credentials.
// Uses only web-standard APIs so it also runs in the browser.
import { bearerChallenge, parseWwwAuthenticate, type BearerChallenge } from './challenge.ts';
import { tokenGrants } from './granted-scopes.ts';

export type Credentials =
  | { kind: 'anonymous' }
  | { kind: 'basic'; username: string; password: string }
  /** ACR refresh token / Docker identity token: OAuth2 `grant_type=refresh_token` POST to the realm. */
  | { kind: 'refresh-token'; refreshToken: string; clientId?: string }
  /** An already-minted registry access token. */
  | { kind: 'bearer'; token: string };

/**
 * What the clients read of a response: a structural subset of the web `Response`, so the browser's and
 * Node's `fetch` fit as they are, and a command-line transport can answer without loading Node's web
 * `Response`/`Headers` implementation (packages/cli/src/tls-fetch.ts: measured, that load is a visible
 * part of a short run's start-up).
 */
export interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: FetchBody | null;
  json(): Promise<unknown>;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of a web `ReadableStream` the clients use: a reader, and cancelling what is not read. */
export interface FetchBody {
  getReader(): {
    read(): Promise<ReadableStreamReadResult<Uint8Array>>;
    cancel(reason?: unknown): Promise<void>;
  };
  cancel(reason?: unknown): Promise<void>;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<FetchResponse>;

/** Request headers as a plain record (no web `Headers`: see FetchResponse), names lower-cased. */
export function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!init) return out;
  const entries: Iterable<[string, string]> = Array.isArray(init)
    ? (init as [string, string][])
    : typeof (init as { entries?: unknown }).entries === 'function'
      ? (init as Headers).entries()
      : Object.entries(init as Record<string, string>);
  for (const [name, value] of entries) out[name.toLowerCase()] = value;
  return out;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface TokenCache {
  get(key: string): CachedToken | undefined;
  set(key: string, token: CachedToken): void;
}

export function memoryTokenCache(maxEntries = 1000): TokenCache {
  const map = new Map<string, CachedToken>();
  return {
    get: (k) => map.get(k),
    set: (k, t) => {
      if (map.size >= maxEntries) map.delete(map.keys().next().value!);
      map.set(k, t);
    },
  };
}

export class TokenAuthError extends Error {
  override name = 'TokenAuthError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface AuthorizedFetchOptions {
  fetch?: FetchLike;
  credentials?: Credentials;
  cache?: TokenCache;
  /** OAuth client_id sent with refresh-token grants. */
  clientId?: string;
  now?: () => number;
  /**
   * Scopes worth asking for in the same token request as `scopes` — e.g. the other repositories of a
   * scan — so that one token request serves many repositories instead of one each (token services
   * are throttled, and each token is a signature on their side). A companion is served from that token
   * only if its `access` claim grants it; otherwise its own request asks for it alone.
   */
  companionScopes?: (scopes: readonly string[]) => readonly string[];
}

export interface RequestOptions extends RequestInit {
  /** Scopes to request when challenged (default: the challenge's own scope). */
  scopes?: string[];
}

export type AuthorizedFetch = (url: string | URL, init?: RequestOptions) => Promise<FetchResponse>;

function basicHeader(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

function credentialId(c: Credentials): string {
  switch (c.kind) {
    case 'anonymous':
      return 'anon';
    case 'basic':
      return `basic:${c.username}`;
    case 'refresh-token':
      return `refresh:${c.refreshToken.slice(-16)}`;
    case 'bearer':
      return 'bearer';
  }
}

async function requestToken(
  f: FetchLike,
  challenge: BearerChallenge,
  scopes: string[],
  credentials: Credentials,
  clientId: string,
  now: number,
): Promise<CachedToken> {
  let res: FetchResponse;
  if (credentials.kind === 'refresh-token') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId ?? clientId,
    });
    if (challenge.service) form.set('service', challenge.service);
    if (scopes.length) form.set('scope', scopes.join(' '));
    res = await f(challenge.realm, {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  } else {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    for (const s of scopes) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (credentials.kind === 'basic') {
      url.searchParams.set('account', credentials.username);
      headers.authorization = basicHeader(credentials.username, credentials.password);
    }
    res = await f(url, { headers });
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new TokenAuthError(
      `token service ${challenge.realm} answered ${res.status}${res.status === 401 ? ' (check the credentials)' : ''}`,
      res.status,
    );
  }
  const body = (await res.json().catch(() => undefined)) as
    { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown } | undefined;
  const token =
    typeof body?.token === 'string' && body.token
      ? body.token
      : typeof body?.access_token === 'string'
        ? body.access_token
        : undefined;
  if (!token) throw new TokenAuthError(`token service ${challenge.realm} returned no token`);
  const expiresIn = typeof body?.expires_in === 'number' && body.expires_in >= 60 ? body.expires_in : 60;
  const issued = typeof body?.issued_at === 'string' ? Date.parse(body.issued_at) : NaN;
  const start = Number.isNaN(issued) ? now : Math.min(issued, now);
  return { token, expiresAt: start + (expiresIn - 10) * 1000 };
}

/** A fetch that answers Bearer (and Basic) challenges with the given credentials. */
export function createAuthorizedFetch(opts: AuthorizedFetchOptions = {}): AuthorizedFetch {
  const f: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const credentials = opts.credentials ?? { kind: 'anonymous' };
  const cache = opts.cache ?? memoryTokenCache();
  const now = opts.now ?? Date.now;
  const clientId = opts.clientId ?? 'content-trust-portal';
  // The last Bearer challenge seen per origin: lets later requests send a token up front.
  const challenges = new Map<string, BearerChallenge>();
  // Token requests under way, per scope set; a companion's entry resolves to undefined when the
  // token asked for with it does not grant it.
  const inFlight = new Map<string, Promise<CachedToken | undefined>>();
  const keyOf = (challenge: BearerChallenge, scopes: readonly string[]) =>
    [challenge.realm, challenge.service ?? '', [...scopes].sort().join(' '), credentialId(credentials)].join(
      '|',
    );
  const fresh = (key: string) => {
    const cached = cache.get(key);
    return cached && cached.expiresAt > now() ? cached : undefined;
  };
  const track = (key: string, pending: Promise<CachedToken | undefined>) => {
    inFlight.set(key, pending);
    const forget = () => {
      if (inFlight.get(key) === pending) inFlight.delete(key);
    };
    pending.then(forget, forget);
  };

  const tokenFor = async (challenge: BearerChallenge, scopes: string[]): Promise<string> => {
    const key = keyOf(challenge, scopes);
    const cached = fresh(key);
    if (cached) return cached.token;
    // Concurrent requests for one scope (a verifier fetching root and timestamp at once) share one
    // token request, and so does a companion of a request under way.
    // Looked up again after each wait, and registered below with no await in between: when a batch
    // token turns out not to grant this scope, its waiters share one request of their own.
    for (let pending = inFlight.get(key); pending; pending = inFlight.get(key)) {
      const shared = await pending;
      if (shared) {
        cache.set(key, shared);
        return shared.token;
      }
    }
    const companions = (opts.companionScopes?.(scopes) ?? []).filter((scope) => {
      const k = keyOf(challenge, [scope]);
      return !scopes.includes(scope) && !fresh(k) && !inFlight.has(k);
    });
    const request = requestToken(f, challenge, [...scopes, ...companions], credentials, clientId, now());
    track(key, request);
    for (const scope of companions) {
      const k = keyOf(challenge, [scope]);
      const covered = request.then(
        (token) => (tokenGrants(token.token, scope) ? token : undefined),
        () => undefined,
      );
      track(k, covered);
      void covered.then((token) => token && cache.set(k, token));
    }
    const token = await request;
    cache.set(key, token);
    return token.token;
  };

  return async (url, init = {}) => {
    const { scopes: wanted, ...requestInit } = init;
    const origin = new URL(url).origin;
    const send = (authorization?: string) => {
      const headers = headerRecord(requestInit.headers);
      if (authorization) headers.authorization = authorization;
      return f(url, { ...requestInit, headers });
    };
    if (credentials.kind === 'bearer') return send(`Bearer ${credentials.token}`);
    const known = challenges.get(origin);
    if (known && wanted?.length) {
      const res = await send(`Bearer ${await tokenFor(known, wanted)}`);
      if (res.status !== 401) return res;
      await res.body?.cancel();
    }
    const first = await send();
    if (first.status !== 401) return first;
    const header = first.headers.get('www-authenticate');
    const challenge = bearerChallenge(header);
    if (challenge) {
      await first.body?.cancel();
      challenges.set(origin, challenge);
      const scopes = wanted?.length ? wanted : challenge.scopes;
      return send(`Bearer ${await tokenFor(challenge, scopes)}`);
    }
    const basic = header ? parseWwwAuthenticate(header).some((c) => c.scheme === 'basic') : false;
    if (basic && credentials.kind === 'basic') {
      await first.body?.cancel();
      return send(basicHeader(credentials.username, credentials.password));
    }
    return first;
  };
}
