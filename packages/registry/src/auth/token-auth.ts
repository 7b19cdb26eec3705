// Docker registry token auth (distribution's token spec and ACR's OAuth2 flavour) as a fetch wrapper:
// a request answered 401 with a Bearer challenge gets a token for the challenge's realm/service and the
// needed scope, then is retried once. Tokens are cached per realm, service, scope and credentials.
// Uses only web-standard APIs so it also runs in the browser.
import { bearerChallenge, parseWwwAuthenticate, type BearerChallenge } from './challenge.ts';

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
  const inFlight = new Map<string, Promise<CachedToken>>();

  const tokenFor = async (challenge: BearerChallenge, scopes: string[]): Promise<string> => {
    const key = [
      challenge.realm,
      challenge.service ?? '',
      [...scopes].sort().join(' '),
      credentialId(credentials),
    ].join('|');
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) return cached.token;
    // Concurrent requests for one scope (a verifier fetching root and timestamp at once) share one
    // token request.
    let pending = inFlight.get(key);
    if (!pending) {
      pending = requestToken(f, challenge, scopes, credentials, clientId, now()).finally(() =>
        inFlight.delete(key),
      );
      inFlight.set(key, pending);
    }
    const fresh = await pending;
    cache.set(key, fresh);
    return fresh.token;
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
