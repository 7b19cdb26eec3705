// The real PostgreSQL 15 of the data plane, started for a data folder below a private (mode 700) folder,
// as a checkout in /root is: it must start without opening any folder up, keep its data across restarts,
// start afresh for a data folder removed by hand, and be wiped with the stack.
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresLocation, runningAsRoot, STACKS_HOME } from '../../src/data-plane/postgres-location.ts';
import { startPostgres, type RunningPostgres } from '../../src/data-plane/processes/postgres.ts';
import { Supervisor } from '../../src/process/supervisor.ts';
import { removeStackState } from '../../src/stack-state.ts';
import { freePortBase } from '../support/free-port-base.ts';

let privateDir: string;
let dataDir: string;
let port: number;
const mode = (dir: string) => statSync(dir).mode & 0o777;

beforeAll(async () => {
  privateDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-private-'));
  // mkdtemp already makes it 0700; the explicit mode is what this suite is about.
  await chmod(privateDir, 0o700);
  dataDir = path.join(privateDir, 'checkout', '.data');
  await mkdir(dataDir, { recursive: true });
  port = await freePortBase(1);
});
afterAll(async () => {
  await removeStackState(dataDir);
  await rm(privateDir, { recursive: true, force: true });
});

async function withPostgres<T>(
  dir: string,
  password: string,
  use: (pg: RunningPostgres) => Promise<T>,
): Promise<T> {
  const supervisor = new Supervisor(path.join(dir, 'logs'));
  try {
    const postgres = await startPostgres(supervisor, {
      dataDir: dir,
      location: postgresLocation(dir),
      port,
      password,
    });
    return await use(postgres);
  } finally {
    await supervisor.stopAll();
  }
}

async function rows(postgres: RunningPostgres): Promise<string[]> {
  const client = await postgres.connect('postgres');
  try {
    const exists = await client.query(`SELECT to_regclass('marker') IS NOT NULL AS present`);
    if (!(exists.rows[0] as { present: boolean }).present) return [];
    return (await client.query('SELECT note FROM marker')).rows.map((r) => (r as { note: string }).note);
  } finally {
    await client.end();
  }
}

describe('the PostgreSQL cluster of a data folder inside a mode-700 folder', () => {
  const password = 'first-password-0123456789';

  it('starts without changing any folder mode and keeps its data across a restart', async () => {
    const checkout = path.dirname(dataDir);
    const before = { privateDir: mode(privateDir), checkout: mode(checkout), dataDir: mode(dataDir) };
    await withPostgres(dataDir, password, async (postgres) => {
      const client = await postgres.connect('postgres');
      await client.query('CREATE TABLE marker (note text)');
      await client.query(`INSERT INTO marker VALUES ('kept')`);
      await client.end();
    });
    expect({ privateDir: mode(privateDir), checkout: mode(checkout), dataDir: mode(dataDir) }).toEqual(
      before,
    );
    expect(mode(privateDir)).toBe(0o700);

    const location = postgresLocation(dataDir);
    expect(existsSync(path.join(location.cluster, 'PG_VERSION'))).toBe(true);
    if (runningAsRoot()) {
      // The postgres user cannot enter the private folder: the cluster lives in its home, named for this data folder.
      expect(location.root.startsWith(`${STACKS_HOME}/`)).toBe(true);
      expect(JSON.parse(await readFile(path.join(location.root, 'data-folder.json'), 'utf8'))).toEqual({
        dataDir,
      });
    } else {
      expect(location.root).toBe(path.join(dataDir, 'postgres'));
    }

    expect(await withPostgres(dataDir, password, rows)).toEqual(['kept']);
  }, 120_000);

  it('starts afresh, with the new password, when the data folder was removed by hand', async () => {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir);
    expect(await withPostgres(dataDir, 'second-password-0123456789', rows)).toEqual([]);
  }, 120_000);

  it.runIf(runningAsRoot())(
    'refuses, with the way out, a data folder whose cluster was made for another path',
    async () => {
      const copy = path.join(privateDir, 'copy', '.data');
      await mkdir(path.join(copy, 'postgres'), { recursive: true });
      const original = postgresLocation(dataDir).root;
      await writeFile(path.join(copy, 'postgres', 'location.json'), JSON.stringify({ root: original }));
      await expect(withPostgres(copy, password, rows)).rejects.toThrow(
        `this data folder's PostgreSQL cluster is in ${original}, made for the data folder at another path (it was moved or copied); move it back, or start with --reset`,
      );
      await removeStackState(copy);
    },
  );

  it.runIf(runningAsRoot())(
    'removes the folder of a data folder that no longer exists',
    async () => {
      const gone = path.join(privateDir, 'gone', '.data');
      const orphan = postgresLocation(gone).root;
      await mkdir(orphan, { recursive: true });
      await writeFile(path.join(orphan, 'data-folder.json'), JSON.stringify({ dataDir: gone }));
      await withPostgres(dataDir, 'second-password-0123456789', rows);
      expect(existsSync(orphan)).toBe(false);
    },
    120_000,
  );

  it.runIf(runningAsRoot())(
    'moves the cluster of a stack from before it lived outside the data folder, data and all',
    async () => {
      // That stack's data folder had to be traversable by the postgres user (then the only way), so it
      // is made below /tmp itself, even when TMPDIR points into a private folder.
      const open = await mkdtemp(path.join('/tmp', 'ctp-legacy-'));
      await chmod(open, 0o711);
      const legacy = path.join(open, '.data');
      await mkdir(legacy);
      const inside = {
        ...postgresLocation(legacy, false),
        runAs: 'postgres' as const,
      };
      try {
        const supervisor = new Supervisor(path.join(legacy, 'logs'));
        try {
          const postgres = await startPostgres(supervisor, {
            dataDir: legacy,
            location: inside,
            port,
            password,
          });
          const client = await postgres.connect('postgres');
          await client.query(`CREATE TABLE marker (note text); INSERT INTO marker VALUES ('moved')`);
          await client.end();
        } finally {
          await supervisor.stopAll();
        }
        expect(await withPostgres(legacy, password, rows)).toEqual(['moved']);
        expect(existsSync(inside.cluster)).toBe(false);
        expect(existsSync(path.join(postgresLocation(legacy).cluster, 'PG_VERSION'))).toBe(true);
      } finally {
        await removeStackState(legacy);
        await rm(open, { recursive: true, force: true });
      }
    },
  );

  it('is wiped with the stack', async () => {
    const location = postgresLocation(dataDir);
    expect(existsSync(location.cluster)).toBe(true);
    await removeStackState(dataDir);
    expect(existsSync(location.root)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
