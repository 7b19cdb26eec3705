import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `dir` readable only by its owner, without doing the same to missing parents: the data folder
 * above must stay traversable by the PostgreSQL cluster's own user.
 */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
