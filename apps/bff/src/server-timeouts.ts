import type { ServerOptions } from 'node:https';

/**
 * Deadlines for slow clients, so a slowloris (headers dribbled a byte at a time) or a client that never
 * finishes its body cannot hold sockets: Node's defaults (60 s for headers, 5 min for the request,
 * checked every 30 s) let one laptop keep thousands of connections open. These bound only what the
 * client sends; a long NDJSON scan response is not cut (requestTimeout ends when the request is read).
 */
export const serverTimeouts = {
  /** The whole header block must arrive within this time. */
  headersTimeout: 10_000,
  /** The whole request (headers and body, at most 1 MB) must arrive within this time. */
  requestTimeout: 30_000,
  /** How often Node checks the two deadlines above (its default, 30 s, would double them). */
  connectionsCheckingInterval: 2_000,
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeout: 5_000,
} satisfies ServerOptions;
