import { rm } from 'node:fs/promises';
import { removePostgresFolder } from './data-plane/postgres-folder.ts';

/** Everything a stack keeps: its data folder and, for a stack run by root, its PostgreSQL folder outside it. */
export async function removeStackState(dataDir: string): Promise<void> {
  await removePostgresFolder(dataDir);
  await rm(dataDir, { recursive: true, force: true });
}
