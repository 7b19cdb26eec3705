import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import type { SupervisedProcess, Supervisor } from '../../process/supervisor.ts';
import { run } from './exec.ts';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const SUPERUSER = 'postgres';

export interface PostgresOptions {
  cluster: string;
  socketDir: string;
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
 * PostgreSQL 15 with its own cluster under the data folder. PostgreSQL refuses to run as root, so when
 * the stack runs as root the cluster belongs to the Debian `postgres` user and the server runs through
 * `runuser`; the folders must then be traversable by that user (checked, with an actionable error).
 */
export async function startPostgres(
  supervisor: Supervisor,
  options: PostgresOptions,
): Promise<RunningPostgres> {
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await postgresUser() : undefined;
  const wrap = (command: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];

  await mkdir(options.cluster, { recursive: true, mode: 0o700 });
  await mkdir(options.socketDir, { recursive: true, mode: 0o700 });
  if (owner) {
    for (const dir of [path.dirname(options.cluster), options.cluster, options.socketDir]) {
      await chown(dir, owner.uid, owner.gid);
    }
    await chmod(options.cluster, 0o700);
    await assertTraversable(options.cluster);
  }

  if (!existsSync(path.join(options.cluster, 'PG_VERSION'))) {
    const pwfile = path.join(path.dirname(options.cluster), 'initdb.pw');
    await writeFile(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (owner) await chown(pwfile, owner.uid, owner.gid);
    const [cmd, args] = wrap(`${PG_BIN}/initdb`, [
      '-D',
      options.cluster,
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
      await run(cmd, args);
    } finally {
      await writeFile(pwfile, '');
    }
  }

  const [cmd, args] = wrap(`${PG_BIN}/postgres`, [
    '-D',
    options.cluster,
    '-p',
    String(options.port),
    '-k',
    options.socketDir,
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
    args,
    stopSignal: 'SIGINT',
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

async function assertTraversable(dir: string): Promise<void> {
  try {
    await run('runuser', ['-u', SUPERUSER, '--', 'test', '-w', dir]);
  } catch {
    throw new Error(
      `PostgreSQL runs as the "${SUPERUSER}" user, which cannot reach ${dir}: make every parent folder of the ` +
        'data folder traversable (chmod o+x) or choose another CTP_DATA_DIR',
    );
  }
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
