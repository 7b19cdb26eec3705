// Verifies the GUNs a command names: one trust client per trust server, each distinct GUN verified
// once, all concurrently within each client's bounded pool.
import {
  createTrustCache,
  createTrustClient,
  gunScopeBatches,
  type FetchLike,
  type TrustClient,
  type VerifyResult,
} from '@ctp/notary';
import type { CommonArgs } from './args.ts';
import { resolveCredentials } from './credentials.ts';
import { defaultTrustServer, type ImageRef } from './image-ref.ts';
import type { Io } from './io.ts';
import { fetchWithCa } from './tls-fetch.ts';

export interface TrustSession {
  fetch: FetchLike;
  /** The trust server URL (no trailing slash) used for a reference. */
  serverFor(ref: ImageRef): string;
  /** The verification of a reference's GUN (started by verifyAll). */
  resultFor(ref: ImageRef): Promise<VerifyResult>;
}

export function verifyAll(refs: ImageRef[], args: CommonArgs, io: Io): TrustSession {
  const fetch = fetchWithCa(args.ca, Math.max(args.concurrency, 2));
  const serverFor = (ref: ImageRef) =>
    (args.server ?? io.env.DOCKER_CONTENT_TRUST_SERVER ?? defaultTrustServer(ref.host)).replace(/\/+$/, '');
  // Each distinct GUN once, grouped by trust server, in the order the images were named.
  const gunsByServer = new Map<string, Set<string>>();
  for (const ref of refs) {
    const url = serverFor(ref);
    gunsByServer.set(url, (gunsByServer.get(url) ?? new Set()).add(ref.gun));
  }
  const byServer = new Map<string, { client: TrustClient; guns: Set<string> }>();
  for (const [url, guns] of gunsByServer) {
    const client = createTrustClient({
      serverUrl: url,
      fetch,
      credentials: resolveCredentials(new URL(url).host, args, io.env),
      concurrency: args.concurrency,
      // A token asked for one GUN also covers the others of its block of 16.
      companionScopes: gunScopeBatches([...guns]),
      // One pass over each GUN: nothing is read or checked twice, so the trust client keeps no files,
      // views or verified signatures (keeping them was ~10 ms of cache upkeep in a 120-GUN run).
      cache: createTrustCache({ maxFileBytes: 0, maxViews: 0, maxSignatures: 0 }),
    });
    byServer.set(url, { client, guns });
  }
  const results = new Map<string, Promise<VerifyResult>>();
  for (const [url, { client, guns }] of byServer) {
    const list = [...guns];
    const all = client.verifyRepositories(list);
    list.forEach((gun, i) =>
      results.set(
        `${url}|${gun}`,
        all.then((rs) => rs[i]!),
      ),
    );
  }
  return {
    fetch,
    serverFor,
    resultFor: (ref) => results.get(`${serverFor(ref)}|${ref.gun}`)!,
  };
}
