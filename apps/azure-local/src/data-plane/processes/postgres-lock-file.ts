import { readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes PostgreSQL's lock files — `postmaster.pid` in the cluster and `.s.PGSQL.<port>.lock` beside
 * its socket — when the process they name is not a running postmaster of this cluster. PostgreSQL itself
 * refuses to start while that pid exists at all: after the whole stack was killed, its postmaster can
 * linger as a zombie until something reaps it, and after a machine restart the pid can belong to an
 * unrelated process; either way the cluster would not start again by itself. Resolves to the files it
 * removed.
 */
export async function removeStaleLockFiles(cluster: string, socketDir: string): Promise<string[]> {
  const sockets = await readdir(socketDir).catch(() => []);
  const candidates = [
    path.join(cluster, 'postmaster.pid'),
    ...sockets.filter((f) => /^\.s\.PGSQL\.\d+\.lock$/.test(f)).map((f) => path.join(socketDir, f)),
  ];
  const removed: string[] = [];
  for (const file of candidates) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // none: a clean shutdown, or never started
    const pid = Number(text.split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, cluster)) continue;
    await rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** A live process (not a zombie) started with this cluster as its data folder (`-D <cluster>`). */
function isPostmasterOf(pid: number, cluster: string): boolean {
  try {
    if (/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(cluster);
  } catch {
    return false; // gone
  }
}
