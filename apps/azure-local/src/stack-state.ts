import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { removePostgresFolder } from './data-plane/postgres-folder.ts';

/**
 * Everything a stack keeps: its data folder and, for a stack run by root, its PostgreSQL folder outside
 * it. Folders named in `keep` (the local CA, and other stacks' data folders nested inside this one, such
 * as `.data/pki` and `.data/test` under `.data`) survive, as the README promises.
 */
export async function removeStackState(dataDir: string, keep: string[] = []): Promise<void> {
  await removePostgresFolder(dataDir);
  const kept = keep
    .map((k) => path.resolve(k))
    .filter((k) => k.startsWith(`${path.resolve(dataDir)}${path.sep}`));
  if (kept.length === 0) {
    await rm(dataDir, { recursive: true, force: true });
    return;
  }
  await removeExcept(path.resolve(dataDir), kept);
}

async function removeExcept(dir: string, kept: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (kept.includes(full)) continue;
    if (entry.isDirectory() && kept.some((k) => k.startsWith(`${full}${path.sep}`))) {
      await removeExcept(full, kept);
    } else {
      await rm(full, { recursive: true, force: true });
    }
  }
}
