// The CLI's fetch: HTTP/1.1 with pipelining (http/) behind the verifier's fetch signature, trusting the
// system roots plus `--ca` files, following redirects as fetch does. Not a client library: start-up is
// most of a short run and the clients measured here cost more than the run's own work — undici
// (request() or fetch()) took ~40 ms to load and its WebAssembly HTTP parser, compiled in the
// background, held the process ~130 ms at exit; Node's web `Response`/`Headers` load ~30 ms of Node's
// internal undici; node:https (in Node's start-up snapshot) does not pipeline, and its per-request cost
// was the largest part of a run's profile (http/connection.ts).
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import { headerRecord, type FetchLike, type FetchResponse } from '@ctp/registry';
import type { Http1Response } from './http/connection.ts';
import { Http1Pool } from './http/pool.ts';

const MAX_REDIRECTS = 5;

/** TLS errors that mean "no trusted issuer": worth one retry with the system roots added. */
const UNTRUSTED_ISSUER = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function poolWith(connections: number, ca?: string[]): Http1Pool {
  // Up to four requests written ahead per connection before another one is opened (measured: deeper or
  // shallower pipelines, more or fewer connections made no difference on 120 GUNs).
  // One secure context for all connections (tls.connect would parse the CAs again for each).
  return new Http1Pool({
    connections,
    depth: 4,
    secureContext: createSecureContext(ca ? { ca } : {}),
  });
}

/**
 * Trusts the system roots plus the `--ca` files. With `--ca`, connections first trust those files
 * alone and add the ~150 system roots only for an origin whose certificate needs them: parsing the
 * roots into a secure context costs more (60–140 ms, measured) than verifying 100 repositories' keys.
 */
function poolsFor(caFiles: string[], connections: number, systemRoots: readonly string[]) {
  if (caFiles.length === 0) {
    const system = poolWith(connections);
    return { first: () => system, retry: () => undefined };
  }
  const extra = caFiles.map((f) => readFileSync(f, 'utf8'));
  const own = poolWith(connections, extra);
  let withRoots: Http1Pool | undefined;
  const needRoots = new Set<string>();
  return {
    first: (origin: string) => (needRoots.has(origin) ? withRoots! : own),
    retry: (origin: string, error: unknown) => {
      if (needRoots.has(origin) || !UNTRUSTED_ISSUER.has(String((error as { code?: unknown }).code)))
        return undefined;
      withRoots ??= poolWith(connections, [...systemRoots, ...extra]);
      needRoots.add(origin);
      return withRoots;
    },
  };
}

function requestBody(
  init: RequestInit | undefined,
  headers: Record<string, string>,
): string | Uint8Array | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return body.toString();
  }
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('content-trust: unsupported request body type');
}

function responseOf({ status, headers, body }: Http1Response): FetchResponse {
  const bytes = async () => (body ? body.bytes() : Buffer.alloc(0));
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    body,
    json: async () => JSON.parse((await bytes()).toString('utf8')) as unknown,
    text: async () => (await bytes()).toString('utf8'),
    arrayBuffer: async () => {
      const all = await bytes();
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
    },
  };
}

/** `systemRoots` is Node's bundled root store; a test may stand in a root of its own. */
export function fetchWithCa(
  caFiles: string[],
  connections = 16,
  systemRoots: readonly string[] = rootCertificates,
): FetchLike {
  const pools = poolsFor(caFiles, connections, systemRoots);

  const fetchOnce = async (
    url: URL,
    method: string,
    headers: Record<string, string>,
    body?: string | Uint8Array,
    signal?: AbortSignal,
  ) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new TypeError(`content-trust: cannot fetch ${url.protocol} URLs`);
    const request = {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(signal ? { signal } : {}),
    };
    try {
      return await pools.first(url.origin).request(url, request);
    } catch (error) {
      const retry = pools.retry(url.origin, error);
      if (!retry) throw error;
      return retry.request(url, request); // the TLS handshake failed: nothing was sent
    }
  };

  return async (input, init) => {
    let url = new URL(String(input));
    let method = (init?.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init?.headers);
    let body = requestBody(init, headers);
    const signal = init?.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      const response = await fetchOnce(url, method, headers, body, signal);
      const { status } = response;
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(status) || !location) return responseOf(response);
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS)
        throw new TypeError(`content-trust: more than ${MAX_REDIRECTS} redirects from ${String(input)}`);
      const next = new URL(location, url);
      // As fetch does: 303 (and 301/302 after a POST) become a GET without a body; credentials never
      // follow a redirect to another origin.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      if (next.origin !== url.origin) delete headers.authorization;
      url = next;
    }
  };
}
