import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Creates `dir` readable only by its owner; missing parents get the default mode, like any folder. */
export async function makePrivateDir(dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
}
