// The CLI's HTTP transport: Node's own http/https clients behind the verifier's fetch signature,
// trusting the system roots plus `--ca` files. Written by hand, not a library, because start-up is most
// of a short run and every client library measured here costs more than the run's own work: undici
// (request() or fetch()) took ~40 ms to load and its WebAssembly HTTP parser, compiled in the
// background, held the process ~130 ms at exit; Node's web `Response`/`Headers` load ~30 ms of Node's
// internal undici. node:https is in Node's start-up snapshot and parses HTTP natively, so the answer is a
// minimal FetchResponse over the IncomingMessage, read chunk by chunk.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { createSecureContext, rootCertificates } from 'node:tls';
import { headerRecord, type FetchBody, type FetchLike, type FetchResponse } from '@ctp/registry';

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

function agentWith(connections: number, ca?: string[]): https.Agent {
  // keepAlive: one TLS handshake per connection, not per file; noDelay: no Nagle wait on small requests.
  // One secure context for all connections: given `ca`, the agent would parse the CAs again for each.
  return new https.Agent({
    keepAlive: true,
    maxSockets: connections,
    noDelay: true,
    ...(ca ? { secureContext: createSecureContext({ ca }) } : {}),
  });
}

/**
 * Trusts the system roots plus the `--ca` files. With `--ca`, connections first trust those files
 * alone and add the ~150 system roots only for an origin whose certificate needs them: parsing the
 * roots into a secure context costs more (60–140 ms, measured) than verifying 100 repositories' keys.
 */
function agentsFor(caFiles: string[], connections: number, systemRoots: readonly string[]) {
  if (caFiles.length === 0) {
    const system = agentWith(connections);
    return { first: () => system, retry: () => undefined };
  }
  const extra = caFiles.map((f) => readFileSync(f, 'utf8'));
  const own = agentWith(connections, extra);
  let withRoots: https.Agent | undefined;
  const needRoots = new Set<string>();
  return {
    first: (origin: string) => (needRoots.has(origin) ? withRoots! : own),
    retry: (origin: string, error: unknown) => {
      if (needRoots.has(origin) || !UNTRUSTED_ISSUER.has(String((error as { code?: unknown }).code)))
        return undefined;
      withRoots ??= agentWith(connections, [...systemRoots, ...extra]);
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

/** The body as the clients read it: pulled chunk by chunk from the message (a cut-short body throws). */
function bodyOf(message: IncomingMessage): FetchBody {
  const chunks = message[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const cancel = async () => void message.destroy();
  return {
    getReader: () => ({
      async read() {
        const { value, done } = await chunks.next();
        return done
          ? { done: true as const, value: undefined }
          : { done: false as const, value: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) };
      },
      cancel,
    }),
    cancel,
  };
}

async function readAll(message: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of message as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

function responseOf(message: IncomingMessage, method: string): FetchResponse {
  const status = message.statusCode ?? 0;
  const empty = method === 'HEAD' || status === 204 || status === 304;
  if (empty) message.resume();
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get(name) {
        const value = message.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body: empty ? null : bodyOf(message),
    json: async () => JSON.parse((await readAll(message)).toString('utf8')) as unknown,
    text: async () => (await readAll(message)).toString('utf8'),
    arrayBuffer: async () => {
      const bytes = await readAll(message);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  agent: https.Agent,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options = { method, headers, ...(signal ? { signal } : {}) };
    const request =
      url.protocol === 'https:'
        ? https.request(url, { ...options, agent }, resolve)
        : http.request(url, options, resolve);
    request.once('error', reject);
    request.end(body);
  });
}

/** `systemRoots` is Node's bundled root store; a test may stand in a root of its own. */
export function fetchWithCa(
  caFiles: string[],
  connections = 16,
  systemRoots: readonly string[] = rootCertificates,
): FetchLike {
  const agents = agentsFor(caFiles, connections, systemRoots);

  const fetchOnce = async (
    url: URL,
    method: string,
    headers: Record<string, string>,
    body?: string | Uint8Array,
    signal?: AbortSignal,
  ) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new TypeError(`content-trust: cannot fetch ${url.protocol} URLs`);
    try {
      return await send(url, method, headers, body, agents.first(url.origin), signal);
    } catch (error) {
      const retry = agents.retry(url.origin, error);
      if (!retry) throw error;
      return send(url, method, headers, body, retry, signal); // the TLS handshake failed: nothing was sent
    }
  };

  return async (input, init) => {
    let url = new URL(String(input));
    let method = (init?.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init?.headers);
    let body = requestBody(init, headers);
    const signal = init?.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      const message = await fetchOnce(url, method, headers, body, signal);
      const status = message.statusCode ?? 0;
      const location = message.headers.location;
      if (![301, 302, 303, 307, 308].includes(status) || !location) return responseOf(message, method);
      message.resume();
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
