import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';

/** What the registry's storage says about one tag: the manifest digest it serves and the tag's times. */
export interface StoredTag {
  digest: string;
  createdTime: string;
  lastUpdateTime: string;
}

const DIGEST = /^sha256:([0-9a-f]{64})$/;

/** Tags read between two turns of the event loop (other requests are served in between). */
const TAGS_PER_TURN = 100;

/** A link file's digest (`sha256:<hex>`), or undefined when it is missing or holds anything else. */
function readLink(file: string): string | undefined {
  try {
    const digest = readFileSync(file, 'utf8').trim();
    return DIGEST.test(digest) ? digest : undefined;
  } catch {
    return undefined;
  }
}

const statOf = (file: string) => statSync(file, { throwIfNoEntry: false });

/**
 * The tags as docker-registry (distribution 2.8, filesystem driver) resolves them to answer
 * `HEAD /v2/<repository>/manifests/<tag>`, read from the same files instead of asking it — as ACR
 * answers its tag listing from its metadata store. The registry reads the tag's `current/link`, then
 * serves that manifest only if the repository still links it (`_manifests/revisions/…/link`, removed
 * when the manifest is deleted, and holding the same digest) and its blob is in the global blob store.
 * Any step failing means the HEAD would fail: that tag is undefined, so the listing skips it.
 *
 * The reads are synchronous, a page at a time with turns of the event loop in between: each is a small
 * file on local disk, and as promises (a thread-pool round trip each, about ten a tag) a 500-tag page
 * took a quarter of a second; synchronously it takes a few tens of milliseconds.
 */
export async function readStoredTags(
  storageDir: string,
  repository: string,
  tags: readonly string[],
): Promise<(StoredTag | undefined)[]> {
  const root = path.join(storageDir, 'docker/registry/v2');
  const manifests = path.join(root, 'repositories', repository, '_manifests');
  // Whether the repository still serves a manifest, once per digest (many tags often share one).
  const served = new Map<string, boolean>();
  const serves = (digest: string, hex: string) => {
    let known = served.get(digest);
    if (known === undefined) {
      known =
        readLink(path.join(manifests, 'revisions', 'sha256', hex, 'link')) === digest &&
        statOf(path.join(root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data'))?.isFile() === true;
      served.set(digest, known);
    }
    return known;
  };
  const read = (tag: string): StoredTag | undefined => {
    const tagDir = path.join(manifests, 'tags', tag);
    const link = path.join(tagDir, 'current', 'link');
    const digest = readLink(link);
    if (!digest || !serves(digest, DIGEST.exec(digest)![1]!)) return undefined;
    const dirStat = statOf(tagDir);
    const linkStat = statOf(link);
    if (!dirStat || !linkStat) return undefined;
    return {
      digest,
      // The tag folder's birth time where the file system keeps one (its change time otherwise).
      createdTime: (dirStat.birthtime.getTime() > 0 ? dirStat.birthtime : dirStat.ctime).toISOString(),
      lastUpdateTime: linkStat.mtime.toISOString(),
    };
  };
  const found: (StoredTag | undefined)[] = [];
  for (let i = 0; i < tags.length; i++) {
    if (i > 0 && i % TAGS_PER_TURN === 0) await turn();
    found.push(read(tags[i]!));
  }
  return found;
}
