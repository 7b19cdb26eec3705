// OCI distribution client for what the BFF needs: catalog and tag listing with Link paging,
// manifest digests by HEAD, token challenges, and ACR's /acr/v1 tag listing when the server has it.
import {
  createAuthorizedFetch,
  type AuthorizedFetch,
  type Credentials,
  type FetchLike,
  type FetchResponse,
  type TokenCache,
} from './auth/token-auth.ts';
import { MANIFEST_ACCEPT } from './media-types.ts';
import { mapPool } from './pool.ts';

export type RegistryErrorKind = 'unauthorized' | 'not-found' | 'http' | 'network' | 'protocol';

export class RegistryError extends Error {
  override name = 'RegistryError';
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RegistryClientOptions {
  /** Login server URL, e.g. https://myregistry.azurecr.io */
  baseUrl: string;
  fetch?: FetchLike;
  credentials?: Credentials;
  tokenCache?: TokenCache;
  /** Concurrent HEAD requests when resolving many tags (default 8). */
  concurrency?: number;
  /** Scopes to ask for in the same token request (see AuthorizedFetchOptions). */
  companionScopes?: (scopes: readonly string[]) => readonly string[];
}

export interface ManifestDigest {
  digest: string;
  mediaType: string;
  size: number;
}

export interface TagDigest {
  tag: string;
  digest: string;
  /** When the tag last moved (ACR's `lastUpdateTime`); absent on plain `/v2/` registries. */
  lastUpdated?: string;
}

export interface RegistryClient {
  readonly baseUrl: string;
  listRepositories(opts?: { pageSize?: number }): Promise<string[]>;
  listTags(repository: string, opts?: { pageSize?: number }): Promise<string[]>;
  /** HEAD a manifest by tag or digest; undefined when the registry has no such manifest. */
  getManifestDigest(repository: string, reference: string): Promise<ManifestDigest | undefined>;
  /** Does the server answer ACR's /acr/v1 API? (cached after the first probe) */
  hasAcrApi(): Promise<boolean>;
  /** ACR's tag listing with digests (throws not-found when the server has no /acr/v1). */
  listAcrTags(repository: string, opts?: { pageSize?: number }): Promise<TagDigest[]>;
  /** Every tag with its current digest: ACR listing when available, else tags/list + HEAD each. */
  listTagDigests(repository: string): Promise<TagDigest[]>;
  /** The same, one registry page at a time (so the first tags of a huge repository arrive early). */
  tagDigestPages(repository: string, opts?: { pageSize?: number }): AsyncGenerator<TagDigest[]>;
}

/** The next-page URL of an RFC 5988 Link header (`<…>; rel="next"`), resolved against the base. */
export function nextLink(link: string | null, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /rel="?next"?/.test(m[2] ?? '')) return new URL(m[1]!, base).toString();
  }
  return undefined;
}

/** Entries of ACR's `/acr/v1/<repo>/_tags` answer (name, digest, lastUpdateTime). */
function acrTagEntries(body: unknown): TagDigest[] {
  const tags = (body as { tags?: unknown } | null)?.tags;
  if (!Array.isArray(tags)) throw new RegistryError('protocol', 'ACR _tags answer has no "tags" list');
  return tags.map((t: { name?: unknown; digest?: unknown; lastUpdateTime?: unknown }) => {
    if (typeof t?.name !== 'string' || typeof t.digest !== 'string')
      throw new RegistryError('protocol', 'ACR tag entry without name/digest');
    return {
      tag: t.name,
      digest: t.digest,
      ...(typeof t.lastUpdateTime === 'string' ? { lastUpdated: t.lastUpdateTime } : {}),
    };
  });
}

function encodeRepo(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

export function createRegistryClient(opts: RegistryClientOptions): RegistryClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const authorized: AuthorizedFetch = createAuthorizedFetch({
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.tokenCache ? { cache: opts.tokenCache } : {}),
    ...(opts.companionScopes ? { companionScopes: opts.companionScopes } : {}),
  });
  let acr: Promise<boolean> | undefined;
  /** Whether /acr/v1/<repo>/_tags answered (learned from the first repository listed). */
  let acrTags: boolean | undefined;

  const request = async (url: string, scopes: string[], init: RequestInit = {}): Promise<FetchResponse> => {
    let res: FetchResponse;
    try {
      res = await authorized(url, { ...init, scopes });
    } catch (e) {
      if (e instanceof Error && e.name === 'TokenAuthError')
        throw new RegistryError('unauthorized', e.message, (e as { status?: number }).status);
      throw new RegistryError('network', `cannot reach ${new URL(url).origin}: ${(e as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new RegistryError(
        'unauthorized',
        `${res.status} from ${url}: the credentials lack ${scopes.join(' ')}`,
        res.status,
      );
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new RegistryError('not-found', `404 from ${url}`, 404);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      const summary = errorSummary(text, res.status);
      throw new RegistryError(
        'http',
        `${res.status} from ${url}${summary ? `: ${summary}` : ''}`,
        res.status,
      );
    }
    return res;
  };

  async function* pages<T>(first: string, scopes: string[], pick: (body: unknown) => T[]) {
    const visited = new Set<string>();
    for (let url: string | undefined = first; url && !visited.has(url);) {
      visited.add(url);
      const res = await request(url, scopes);
      const body = (await res.json().catch(() => {
        throw new RegistryError('protocol', `${url} did not return JSON`);
      })) as unknown;
      yield pick(body);
      url = nextLink(res.headers.get('link'), baseUrl);
    }
  }
  const paged = async <T>(first: string, scopes: string[], pick: (body: unknown) => T[]): Promise<T[]> => {
    const out: T[] = [];
    for await (const page of pages(first, scopes, pick)) out.push(...page);
    return out;
  };
  const acrTagsUrl = (repository: string, pageSize: number) =>
    `${baseUrl}/acr/v1/${encodeRepo(repository)}/_tags?n=${pageSize}`;
  const tagsUrl = (repository: string, pageSize: number) =>
    `${baseUrl}/v2/${encodeRepo(repository)}/tags/list?n=${pageSize}`;

  const strings = (value: unknown, field: string): string[] => {
    const list = (value as Record<string, unknown> | null)?.[field];
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
      throw new RegistryError('protocol', `"${field}" is not a list of strings`);
    return list as string[];
  };

  const client: RegistryClient = {
    baseUrl,
    listRepositories: ({ pageSize = 100 } = {}) =>
      paged(`${baseUrl}/v2/_catalog?n=${pageSize}`, ['registry:catalog:*'], (b) =>
        strings(b, 'repositories'),
      ),
    listTags: (repository, { pageSize = 100 } = {}) =>
      paged(tagsUrl(repository, pageSize), [`repository:${repository}:pull`], (b) => strings(b, 'tags')),
    async getManifestDigest(repository, reference) {
      const url = `${baseUrl}/v2/${encodeRepo(repository)}/manifests/${encodeURIComponent(reference)}`;
      let res: FetchResponse;
      try {
        res = await request(url, [`repository:${repository}:pull`], {
          method: 'HEAD',
          headers: { accept: MANIFEST_ACCEPT },
        });
      } catch (e) {
        if (e instanceof RegistryError && e.kind === 'not-found') return undefined;
        throw e;
      }
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      let digest = res.headers.get('docker-content-digest') ?? '';
      let size = Number(res.headers.get('content-length') ?? NaN);
      if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
        // No usable digest header: fetch the manifest and hash the exact bytes.
        const body = new Uint8Array(
          await (
            await request(url, [`repository:${repository}:pull`], { headers: { accept: MANIFEST_ACCEPT } })
          ).arrayBuffer(),
        );
        const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', body));
        digest = 'sha256:' + [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
        size = body.length;
      }
      return { digest, mediaType, size: Number.isFinite(size) ? size : -1 };
    },
    hasAcrApi() {
      acr ??= (async () => {
        try {
          await request(`${baseUrl}/acr/v1/_catalog?n=1`, ['registry:catalog:*']);
          return true;
        } catch (e) {
          if (e instanceof RegistryError && (e.kind === 'not-found' || e.kind === 'http')) return false;
          throw e;
        }
      })();
      return acr;
    },
    listAcrTags(repository, { pageSize = 100 } = {}) {
      return paged(acrTagsUrl(repository, pageSize), [`repository:${repository}:pull`], acrTagEntries);
    },
    async listTagDigests(repository) {
      const out: TagDigest[] = [];
      for await (const page of client.tagDigestPages(repository)) out.push(...page);
      return out;
    },
    async *tagDigestPages(repository, { pageSize = 100 } = {}) {
      const scopes = [`repository:${repository}:pull`];
      // ACR's per-repository listing (digests and times in one answer) where the server has it; some
      // servers serve /acr/v1/<repo>/_tags without /acr/v1/_catalog, so this asks the listing itself.
      if (acrTags !== false) {
        const acrPages = pages(acrTagsUrl(repository, pageSize), scopes, acrTagEntries);
        let first: IteratorResult<TagDigest[]> | undefined;
        try {
          first = await acrPages.next();
          acrTags = true;
        } catch (e) {
          const absent = e instanceof RegistryError && (e.kind === 'not-found' || e.kind === 'http');
          if (!absent || acrTags === true) throw e;
          acrTags = false;
        }
        if (first) {
          if (!first.done) yield first.value;
          yield* acrPages;
          return;
        }
      }
      for await (const names of pages(tagsUrl(repository, pageSize), scopes, (b) => strings(b, 'tags'))) {
        const digests = await mapPool(names, opts.concurrency ?? 8, async (tag) => ({
          tag,
          found: await client.getManifestDigest(repository, tag),
        }));
        yield digests.filter((d) => d.found).map((d) => ({ tag: d.tag, digest: d.found!.digest }));
      }
    },
  };
  return client;
}

/**
 * What a failed answer says, for people: the distribution-spec `errors[]` codes and messages, never
 * their `detail`, and no raw body of a 5xx — a registry's internal error can carry its storage paths.
 */
export function errorSummary(body: string, status: number): string {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (Array.isArray(parsed.errors))
      return parsed.errors
        .slice(0, 3)
        .map((e: { code?: unknown; message?: unknown }) =>
          [e.code, e.message].filter((v): v is string => typeof v === 'string').join(': '),
        )
        .filter(Boolean)
        .join('; ')
        .slice(0, 300);
  } catch {
    // not JSON: below
  }
  return status >= 500 ? '' : body.slice(0, 200);
}
