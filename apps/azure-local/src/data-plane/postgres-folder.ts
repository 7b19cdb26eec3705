import { existsSync } from 'node:fs';
import { chown, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { postgresLocation, STACKS_HOME, type PostgresLocation } from './postgres-location.ts';
import { run } from './processes/exec.ts';

/**
 * Keeps a root-run stack's PostgreSQL folder (outside the data folder, see postgres-location.ts) tied to
 * its data folder: a note on each side says which belongs to which, so a fresh data folder never
 * inherits an old cluster (whose password it no longer knows), a moved one is told where its cluster
 * is, and folders left by data folders that no longer exist are removed.
 */
const ownerNoteSchema = z.object({ dataDir: z.string() });
const recordSchema = z.object({ root: z.string() });

/** In the PostgreSQL folder: the data folder it belongs to. */
const ownerNote = (location: PostgresLocation) => path.join(location.root, 'data-folder.json');
/** In the data folder: where its PostgreSQL folder is. */
const recordFile = (dataDir: string) => path.join(dataDir, 'postgres', 'location.json');
/** Where the cluster was before it moved out of the data folder (stacks started by root). */
const legacyCluster = (dataDir: string) => path.join(dataDir, 'postgres', 'cluster');

export interface PostgresOwner {
  uid: number;
  gid: number;
}

/** Creates (or checks) the PostgreSQL folder of the stack in `dataDir`, owned by whoever runs the server. */
export async function preparePostgresFolder(
  dataDir: string,
  location: PostgresLocation,
  owner: PostgresOwner | undefined,
): Promise<void> {
  if (location.outsideDataDir) {
    await mkdir(STACKS_HOME, { recursive: true, mode: 0o755 });
    await removeOrphans(location);
    await adoptOrCheck(dataDir, location);
  }
  await mkdir(location.root, { recursive: true, mode: 0o700 });
  if (location.outsideDataDir) {
    await writeFile(ownerNote(location), JSON.stringify({ dataDir: path.resolve(dataDir) }));
    await mkdir(path.dirname(recordFile(dataDir)), { recursive: true });
    await writeFile(recordFile(dataDir), JSON.stringify({ root: location.root }));
  }
  await mkdir(location.cluster, { recursive: true, mode: 0o700 });
  await mkdir(location.socketDir, { recursive: true, mode: 0o700 });
  if (owner) {
    for (const dir of [location.root, location.cluster, location.socketDir])
      await chown(dir, owner.uid, owner.gid);
  }
}

/** Removes the stack's PostgreSQL folder when it lives outside the data folder (`--reset`, test cleanup). */
export async function removePostgresFolder(dataDir: string): Promise<void> {
  const location = postgresLocation(dataDir);
  if (location.outsideDataDir) await rm(location.root, { recursive: true, force: true });
}

async function adoptOrCheck(dataDir: string, location: PostgresLocation): Promise<void> {
  const record = existsSync(recordFile(dataDir))
    ? recordSchema.parse(JSON.parse(await readFile(recordFile(dataDir), 'utf8')))
    : undefined;
  if (record && record.root !== location.root) {
    throw new Error(
      `this data folder's PostgreSQL cluster is in ${record.root}, made for the data folder at another path ` +
        `(it was moved or copied); move it back, or start with --reset to begin with a fresh stack`,
    );
  }
  if (record) return;
  if (existsSync(path.join(legacyCluster(dataDir), 'PG_VERSION')) && !existsSync(location.cluster)) {
    // A stack from before the cluster moved out of the data folder: bring its cluster along.
    await mkdir(location.root, { recursive: true, mode: 0o700 });
    await rename(legacyCluster(dataDir), location.cluster).catch(async () => {
      await run('cp', ['-a', legacyCluster(dataDir), location.cluster]);
      await rm(legacyCluster(dataDir), { recursive: true, force: true });
    });
    return;
  }
  // No record: the data folder is new, so a folder at this path is left from one removed by hand.
  await rm(location.root, { recursive: true, force: true });
}

/** Folders of data folders that no longer exist (a test's temporary folder removed without cleanup). */
async function removeOrphans(current: PostgresLocation): Promise<void> {
  for (const entry of await readdir(STACKS_HOME, { withFileTypes: true })) {
    const root = path.join(STACKS_HOME, entry.name);
    if (!entry.isDirectory() || root === current.root) continue;
    let note: z.infer<typeof ownerNoteSchema>;
    try {
      note = ownerNoteSchema.parse(JSON.parse(await readFile(path.join(root, 'data-folder.json'), 'utf8')));
    } catch {
      continue; // still being created by another stack, or not ours to judge
    }
    // Another stack starting at the same time may be removing it too.
    if (!existsSync(note.dataDir)) await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}
