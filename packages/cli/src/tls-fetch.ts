// A fetch for Node that trusts the system roots plus extra CA files (undici dispatcher).
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from '@ctp/notary';

export function fetchWithCa(caFiles: string[]): FetchLike {
  if (caFiles.length === 0) return (input, init) => globalThis.fetch(input, init);
  const ca = [...rootCertificates, ...caFiles.map((f) => readFileSync(f, 'utf8'))];
  // One secure context for all connections: passing `ca` per connection re-parses ~150 roots each time.
  const dispatcher = new Agent({ connect: { secureContext: createSecureContext({ ca }) }, connections: 16 });
  return (input, init) =>
    undiciFetch(input, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
}
