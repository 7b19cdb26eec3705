import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the registry's storage says about one tag: the manifest digest it serves and the tag's times. */
export interface StoredTag {
  digest: string;
  createdTime: string;
  lastUpdateTime: string;
}

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** A link file's digest (`sha256:<hex>`), or undefined when it is missing or holds anything else. */
async function readLink(file: string): Promise<string | undefined> {
  try {
    const digest = (await readFile(file, 'utf8')).trim();
    return DIGEST.test(digest) ? digest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tag as docker-registry (distribution 2.8, filesystem driver) resolves it to answer
 * `HEAD /v2/<repository>/manifests/<tag>`, read from the same files instead of asking it — as ACR
 * answers its tag listing from its metadata store. The registry reads the tag's `current/link`, then
 * serves that manifest only if the repository still links it (`_manifests/revisions/…/link`, removed
 * when the manifest is deleted, and holding the same digest) and its blob is in the global blob store.
 * Any step failing means the HEAD would fail: the tag is undefined, so the listing skips it.
 */
export async function readStoredTag(
  storageDir: string,
  repository: string,
  tag: string,
): Promise<StoredTag | undefined> {
  const root = path.join(storageDir, 'docker/registry/v2');
  const manifests = path.join(root, 'repositories', repository, '_manifests');
  const tagDir = path.join(manifests, 'tags', tag);
  const link = path.join(tagDir, 'current', 'link');
  const digest = await readLink(link);
  if (!digest) return undefined;
  const hex = DIGEST.exec(digest)![1]!;
  const [revision, blob, dirStat, linkStat] = await Promise.all([
    readLink(path.join(manifests, 'revisions', 'sha256', hex, 'link')),
    stat(path.join(root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')).catch(() => undefined),
    stat(tagDir).catch(() => undefined),
    stat(link).catch(() => undefined),
  ]);
  if (revision !== digest || !blob?.isFile() || !dirStat || !linkStat) return undefined;
  return {
    digest,
    // The tag folder's birth time where the file system keeps one (its change time otherwise).
    createdTime: (dirStat.birthtime.getTime() > 0 ? dirStat.birthtime : dirStat.ctime).toISOString(),
    lastUpdateTime: linkStat.mtime.toISOString(),
  };
}
