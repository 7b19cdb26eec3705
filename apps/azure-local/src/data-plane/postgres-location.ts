import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where a stack's PostgreSQL cluster lives. PostgreSQL refuses to run as root, so a stack started by
 * root runs it as Debian's `postgres` user, which cannot enter a checkout below a private folder such as
 * `/root` (mode 700). Its cluster then lives in that user's home instead, in a folder named after a hash
 * of the data folder's path (two checkouts never share one); any other user runs PostgreSQL as itself,
 * with the cluster inside the data folder. Nothing changes the modes of the user's folders.
 */
export interface PostgresLocation {
  /** This stack's PostgreSQL folder: the cluster, the socket folder and (outside) an owner note. */
  root: string;
  cluster: string;
  socketDir: string;
  /** `postgres`: the Debian user runs initdb and the server (the stack runs as root); `self`: the invoking user. */
  runAs: 'postgres' | 'self';
  /** Whether `root` is outside the data folder, so removing the data folder does not remove it. */
  outsideDataDir: boolean;
}

/** Debian's home of the `postgres` user (owned by it, reachable whatever the checkout's folders allow). */
export const POSTGRES_HOME = '/var/lib/postgresql';
/** The folder of every root-run stack's cluster on this machine, one sub-folder per data folder. */
export const STACKS_HOME = path.join(POSTGRES_HOME, 'ctp-stacks');

export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

export function postgresLocation(dataDir: string, asRoot = runningAsRoot()): PostgresLocation {
  const absolute = path.resolve(dataDir);
  if (!asRoot) {
    const root = path.join(absolute, 'postgres');
    return { ...inside(root), runAs: 'self', outsideDataDir: false };
  }
  const id = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  return { ...inside(path.join(STACKS_HOME, id)), runAs: 'postgres', outsideDataDir: true };
}

function inside(root: string): Pick<PostgresLocation, 'root' | 'cluster' | 'socketDir'> {
  return { root, cluster: path.join(root, 'cluster'), socketDir: path.join(root, 'run') };
}

/** One line for the start banner and logs: where the cluster is and why. */
export function describePostgresLocation(location: PostgresLocation): string {
  return location.runAs === 'postgres'
    ? `PostgreSQL cluster in ${location.root} (run as the postgres user, since PostgreSQL refuses root)`
    : `PostgreSQL cluster in ${location.root}`;
}
