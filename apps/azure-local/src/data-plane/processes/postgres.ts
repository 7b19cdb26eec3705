import { existsSync } from 'node:fs';
import { chown, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import type { SupervisedProcess, Supervisor } from '../../process/supervisor.ts';
import { preparePostgresFolder } from '../postgres-folder.ts';
import type { PostgresLocation } from '../postgres-location.ts';
import { run } from './exec.ts';
import { removeStaleLockFiles } from './postgres-lock-file.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';

export interface PostgresOptions {
  /** The stack's data folder (where a cluster kept outside it is recorded). */
  dataDir: string;
  location: PostgresLocation;
  port: number;
  password: string;
}

export interface RunningPostgres {
  process: SupervisedProcess;
  /** Connection URL of a database for the superuser (loopback TCP, password auth). */
  url(database: string): string;
  /** A client connected to `database`; the caller ends it. */
  connect(database: string): Promise<pg.Client>;
}

/**
 * PostgreSQL 15 with the stack's own cluster (see postgres-location.ts for where it lives). PostgreSQL
 * refuses to run as root, so a stack started by root runs initdb and the server as the Debian `postgres`
 * user through `runuser`, with the cluster in that user's home.
 */
export async function startPostgres(
  supervisor: Supervisor,
  options: PostgresOptions,
): Promise<RunningPostgres> {
  const { cluster, socketDir } = options.location;
  const owner = options.location.runAs === 'postgres' ? await postgresUser() : undefined;
  const wrap = (command: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];

  await preparePostgresFolder(options.dataDir, options.location, owner);

  if (!existsSync(path.join(cluster, 'PG_VERSION'))) {
    const pwfile = path.join(options.location.root, 'initdb.pw');
    await writeFile(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (owner) await chown(pwfile, owner.uid, owner.gid);
    const [cmd, args] = wrap(`${PG_BIN}/initdb`, [
      '-D',
      cluster,
      '-U',
      SUPERUSER,
      `--pwfile=${pwfile}`,
      '--auth-local=peer',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    try {
      await run(cmd, args, { cwd: options.location.root });
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  const [cmd, args] = wrap(`${PG_BIN}/postgres`, [
    '-D',
    cluster,
    '-p',
    String(options.port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'logging_collector=off',
  ]);
  const url = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}?sslmode=disable`;
  const connect = async (database: string) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    return client;
  };
  const proc = await supervisor.start({
    name: 'postgres',
    command: cmd,
    // Its own folder: the postgres user may not enter the invoking process's folder (a private checkout).
    cwd: options.location.root,
    args,
    stopSignal: 'SIGINT',
    // A postmaster killed with the whole stack leaves its lock files, which would keep the cluster down.
    beforeLaunch: async () => {
      const removed = await removeStaleLockFiles(cluster, socketDir);
      if (removed.length > 0)
        process.stderr.write(`[azure-local] removed PostgreSQL's stale lock files: ${removed.join(', ')}\n`);
    },
    startTimeoutMs: 60_000,
    healthCheck: async () => {
      if (!(await portOpen(options.port))) return false;
      const client = await connect('postgres');
      await client.end();
      return true;
    },
  });
  return { process: proc, url, connect };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', SUPERUSER])).stdout.trim());
  const gid = Number((await run('id', ['-g', SUPERUSER])).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error(`cannot resolve the "${SUPERUSER}" user`);
  return { uid, gid };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
