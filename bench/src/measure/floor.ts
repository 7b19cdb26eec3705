// The floor of a scan: fetching only the files a scan needs — the catalog, each repository's tag
// listing with digests, and each GUN's root, timestamp, snapshot and targets — with the scan's
// concurrency, fresh tokens asked as the BFF asks them (one token request per eight repositories), and
// no parsing or verification at all. Nothing can be faster than this
// over the same network and servers; the BFF's scan is compared with it.
import { createNotaryApi, scanScopeBatches } from '@ctp/notary';
import {
  createRegistryClient,
  mapPool,
  memoryTokenCache,
  type Credentials,
  type FetchLike,
} from '@ctp/registry';

/** The BFF's default (apps/bff services/repositories: `scanConcurrency ?? 4`). */
export const SCAN_CONCURRENCY = 4;
const ROLES = ['root', 'timestamp', 'snapshot', 'targets'] as const;

export interface FloorOptions {
  loginServer: string;
  credentials: { username: string; password: string };
  /** Only these repositories (default: the catalog). */
  repositories?: string[];
  pageSize?: number;
  /** Called with the time of the first tag page (the first rows a person could see). */
  onFirstPage?: (ms: number) => void;
  /** Collects request counts and time by kind (token, trust file, tag listing, catalog) for a breakdown. */
  breakdown?: RequestBreakdown;
  /** One request at a time (see warmTrustServer) instead of the scan's concurrency. */
  serial?: boolean;
}

export type RequestBreakdown = Map<string, { count: number; ms: number }>;

function requestKind(url: string): string {
  if (url.includes('/oauth2/')) return 'token';
  if (url.includes('/_trust/')) return 'trust file';
  if (url.includes('_tags') || url.includes('/tags/list')) return 'tag listing';
  if (url.includes('_catalog')) return 'catalog';
  return 'other';
}

/** fetch, timing each request into `breakdown` until its headers arrive. */
function timedFetch(breakdown: RequestBreakdown): FetchLike {
  return async (input, init) => {
    const start = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      const kind = requestKind(String(input));
      const entry = breakdown.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - start;
      breakdown.set(kind, entry);
    }
  };
}

/** "token 240 × 31 ms, trust file 240 × 22 ms, …": where the floor's time goes, request by request. */
export function describeBreakdown(breakdown: RequestBreakdown): string {
  return [...breakdown]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([kind, { count, ms }]) => `${kind} ${count} × ${(ms / count).toFixed(0)} ms`)
    .join(', ');
}

/** Fetches everything once; resolves with the number of bytes read (so no work is optimised away). */
export async function fetchFloor(options: FloorOptions): Promise<number> {
  const start = performance.now();
  const credentials: Credentials = { kind: 'basic', ...options.credentials };
  const tokenCache = memoryTokenCache();
  const baseUrl = `https://${options.loginServer}`;
  const viaFetch = options.breakdown ? { fetch: timedFetch(options.breakdown) } : {};
  const batches = scanScopeBatches(options.loginServer);
  const companionScopes = (scopes: readonly string[]) => batches.companions(scopes);
  const registry = createRegistryClient({ baseUrl, credentials, tokenCache, companionScopes, ...viaFetch });
  const trust = createNotaryApi({
    serverUrl: baseUrl,
    credentials,
    tokenCache,
    companionScopes,
    ...viaFetch,
  });
  const repositories = options.repositories ?? (await registry.listRepositories({ pageSize: 1000 }));
  batches.plan(repositories);
  let bytes = 0;
  let first = true;
  const fetchRoles = async (source: ReturnType<typeof trust.source>) => {
    if (!options.serial) return Promise.all(ROLES.map((role) => source.current(role, 64 << 20)));
    const files = [];
    for (const role of ROLES) files.push(await source.current(role, 64 << 20));
    return files;
  };
  await mapPool(repositories, options.serial ? 1 : SCAN_CONCURRENCY, async (repository) => {
    const source = trust.source(`${options.loginServer}/${repository}`);
    const [files, tags] = await Promise.all([
      fetchRoles(source),
      (async () => {
        let count = 0;
        for await (const page of registry.tagDigestPages(repository, { pageSize: options.pageSize ?? 100 })) {
          if (first) {
            first = false;
            options.onFirstPage?.(performance.now() - start);
          }
          count += page.length;
        }
        return count;
      })(),
    ]);
    for (const f of files) if (f.kind === 'ok') bytes += f.bytes.length;
    bytes += tags;
  });
  return bytes;
}

/**
 * Reads every GUN's files once, one request at a time, before anything is measured. Debian's
 * notary-server 0.7 fills an unsynchronized in-memory map on the first read of each file ("concurrent
 * map writes" in server/storage/tuf_store.go, removed upstream in 2022): many first reads at once can
 * kill it, which spoils a round. Once each file has been read, reads only look the map up. Every
 * contender then meets the same warm server, as all rounds after the first always did.
 */
export async function warmTrustServer(options: Omit<FloorOptions, 'serial'>): Promise<void> {
  await fetchFloor({ ...options, serial: true });
}
