import type { RegistryRecord } from '../../ports.ts';
import { upstreamRequest } from '../upstream.ts';
import { readStoredTags } from './registry-storage.ts';

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
 * ACR's `/acr/v1/<repo>/_tags` computed from the real registry: tags from its tag list (so the caller's
 * pull right is checked by the registry itself), digests and times from the registry's own storage,
 * read as the registry reads it to answer a HEAD of the manifest (see readStoredTags) — one request per
 * listing instead of one per tag, as ACR answers from its metadata store. `signed` is true for
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
  // The signed names (notary-server's store) are looked up while the registry lists the tags.
  const signedLookup = signedTags();
  signedLookup.catch(() => undefined); // awaited below, once the repository is known to exist
  const list = await upstreamRequest(upstreamPort, 'GET', `/v2/${repository}/tags/list`, auth);
  if (list.status === 404) return undefined;
  if (list.status !== 200)
    throw new Error(`the registry answered ${list.status} listing tags of ${repository}`);
  const names = ((JSON.parse(list.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []).sort();
  const signed = await signedLookup;
  // Without a time order the page is known from the names alone: read only its tags (a 10 000-tag
  // repository listed page by page would otherwise read every tag on every page).
  const byName = query.orderby === undefined;
  const after = byName && query.last !== undefined ? names.filter((n) => n > query.last!) : names;
  const wanted = byName && query.n !== undefined ? after.slice(0, query.n + 1) : after;
  const stored = await readStoredTags(storageDir, repository, wanted);
  const found = wanted.map((name, i): AcrTag | undefined =>
    stored[i]
      ? {
          name,
          ...stored[i],
          signed: signed.has(name),
          changeableAttributes: {
            deleteEnabled: true,
            writeEnabled: true,
            readEnabled: true,
            listEnabled: true,
          },
        }
      : undefined,
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
