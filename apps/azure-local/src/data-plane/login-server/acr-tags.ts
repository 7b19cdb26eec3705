import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { RegistryRecord } from '../../ports.ts';
import { MANIFEST_ACCEPT, upstreamRequest } from '../upstream.ts';

export interface AcrTag {
  name: string;
  digest: string;
  createdTime: string;
  lastUpdateTime: string;
  signed: boolean;
  changeableAttributes: {
    deleteEnabled: boolean;
    writeEnabled: boolean;
    readEnabled: boolean;
    listEnabled: boolean;
  };
}

export interface AcrTagsQuery {
  n?: number;
  last?: string;
  orderby?: 'timedesc' | 'timeasc';
}

export interface AcrTagListing {
  registry: string;
  imageName: string;
  tags: AcrTag[];
}

/**
 * ACR's `/acr/v1/<repo>/_tags` computed from the real registry: tags from its tag list, digests from a
 * HEAD of each manifest, times from the registry's own storage (the tag link file). `signed` is true for
 * the names `signedTags` yields (targets of the repository's trust data in Docker's lookup roles): like
 * ACR's own attribute it is advisory only — nothing is verified and the digest is not compared. The
 * portal's verifier (@ctp/notary) remains the authority on what is signed, as DESIGN.md requires.
 * `lastOnPage` is set when more tags follow the page (ACR then sends a `Link: <…?last=…&n=…>; rel="next"`).
 */
export async function listAcrTags(
  registry: RegistryRecord,
  repository: string,
  upstreamPort: number,
  storageDir: string,
  bearer: string,
  query: AcrTagsQuery,
  signedTags: () => Promise<ReadonlySet<string>>,
): Promise<{ listing: AcrTagListing; lastOnPage?: string } | undefined> {
  const auth = { authorization: `Bearer ${bearer}`, host: registry.loginServer };
  const list = await upstreamRequest(upstreamPort, 'GET', `/v2/${repository}/tags/list`, auth);
  if (list.status === 404) return undefined;
  if (list.status !== 200)
    throw new Error(`the registry answered ${list.status} listing tags of ${repository}`);
  const names = ((JSON.parse(list.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []).sort();
  const signed = await signedTags();
  // Without a time order the page is known from the names alone: HEAD only its tags (a 10 000-tag
  // repository listed page by page would otherwise cost every tag's HEAD on every page).
  const byName = query.orderby === undefined;
  const after = byName && query.last !== undefined ? names.filter((n) => n > query.last!) : names;
  const wanted = byName && query.n !== undefined ? after.slice(0, query.n + 1) : after;
  // Eight tags looked up at once (in page order): a page of a large repository in seconds, not minutes.
  const found: (AcrTag | undefined)[] = new Array(wanted.length);
  let next = 0;
  const lookUp = async (name: string): Promise<AcrTag | undefined> => {
    const head = await upstreamRequest(upstreamPort, 'HEAD', `/v2/${repository}/manifests/${name}`, {
      ...auth,
      accept: MANIFEST_ACCEPT,
    });
    const digest = head.headers['docker-content-digest'];
    if (head.status !== 200 || typeof digest !== 'string') return undefined;
    const tagDir = path.join(
      storageDir,
      'docker/registry/v2/repositories',
      repository,
      '_manifests/tags',
      name,
    );
    const [dirStat, linkStat] = await Promise.all([stat(tagDir), stat(path.join(tagDir, 'current', 'link'))]);
    return {
      name,
      digest,
      createdTime:
        dirStat.birthtime.getTime() > 0 ? dirStat.birthtime.toISOString() : dirStat.ctime.toISOString(),
      lastUpdateTime: linkStat.mtime.toISOString(),
      signed: signed.has(name),
      changeableAttributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true },
    };
  };
  await Promise.all(
    Array.from({ length: Math.min(8, wanted.length) }, async () => {
      while (next < wanted.length) {
        const i = next++;
        found[i] = await lookUp(wanted[i]!);
      }
    }),
  );
  const tags = found.filter((t): t is AcrTag => t !== undefined);
  if (query.orderby === 'timedesc') tags.sort((a, b) => b.lastUpdateTime.localeCompare(a.lastUpdateTime));
  if (query.orderby === 'timeasc') tags.sort((a, b) => a.lastUpdateTime.localeCompare(b.lastUpdateTime));
  const rest = byName
    ? tags
    : query.last === undefined
      ? tags
      : tags.slice(tags.findIndex((t) => t.name === query.last) + 1);
  const page = query.n === undefined ? rest : rest.slice(0, query.n);
  const listing = { registry: registry.loginServer, imageName: repository, tags: page };
  const lastOnPage = page.length < rest.length ? page.at(-1)?.name : undefined;
  return lastOnPage === undefined ? { listing } : { listing, lastOnPage };
}
