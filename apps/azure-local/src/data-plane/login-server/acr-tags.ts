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

/**
 * ACR's `/acr/v1/<repo>/_tags` computed from the real registry: tags from its tag list, digests from a
 * HEAD of each manifest, times from the registry's own storage (the tag link file). `signed` is left
 * false: the portal decides signed status from the trust server, as DESIGN.md requires.
 */
export async function listAcrTags(
  registry: RegistryRecord,
  repository: string,
  upstreamPort: number,
  storageDir: string,
  bearer: string,
  query: AcrTagsQuery,
): Promise<{ registry: string; imageName: string; tags: AcrTag[] } | undefined> {
  const auth = { authorization: `Bearer ${bearer}`, host: registry.loginServer };
  const list = await upstreamRequest(upstreamPort, 'GET', `/v2/${repository}/tags/list`, auth);
  if (list.status === 404) return undefined;
  if (list.status !== 200)
    throw new Error(`the registry answered ${list.status} listing tags of ${repository}`);
  const names = ((JSON.parse(list.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []).sort();
  const tags: AcrTag[] = [];
  for (const name of names) {
    const head = await upstreamRequest(upstreamPort, 'HEAD', `/v2/${repository}/manifests/${name}`, {
      ...auth,
      accept: MANIFEST_ACCEPT,
    });
    const digest = head.headers['docker-content-digest'];
    if (head.status !== 200 || typeof digest !== 'string') continue;
    const tagDir = path.join(
      storageDir,
      'docker/registry/v2/repositories',
      repository,
      '_manifests/tags',
      name,
    );
    const [dirStat, linkStat] = await Promise.all([stat(tagDir), stat(path.join(tagDir, 'current', 'link'))]);
    tags.push({
      name,
      digest,
      createdTime:
        dirStat.birthtime.getTime() > 0 ? dirStat.birthtime.toISOString() : dirStat.ctime.toISOString(),
      lastUpdateTime: linkStat.mtime.toISOString(),
      signed: false,
      changeableAttributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true },
    });
  }
  if (query.orderby === 'timedesc') tags.sort((a, b) => b.lastUpdateTime.localeCompare(a.lastUpdateTime));
  if (query.orderby === 'timeasc') tags.sort((a, b) => a.lastUpdateTime.localeCompare(b.lastUpdateTime));
  let page = query.last === undefined ? tags : tags.slice(tags.findIndex((t) => t.name === query.last) + 1);
  if (query.n !== undefined) page = page.slice(0, query.n);
  return { registry: registry.loginServer, imageName: repository, tags: page };
}
