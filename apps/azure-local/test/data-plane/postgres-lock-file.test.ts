// PostgreSQL's lock files left by a postmaster that was killed (`postmaster.pid` in the cluster, and
// `.s.PGSQL.<port>.lock` beside its socket): removed when the pid they name is gone, a zombie (which
// PostgreSQL takes for running), or another program; kept while a postmaster of that cluster runs
// (PostgreSQL then refuses to start a second one, as it should).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleLockFiles } from '../../src/data-plane/processes/postgres-lock-file.ts';

let cluster: string;
let socketDir: string;
let files: string[];
const children: ChildProcess[] = [];

beforeAll(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ctp-pg-lock-'));
  cluster = path.join(root, 'cluster');
  socketDir = path.join(root, 'run');
  await Promise.all([mkdir(cluster), mkdir(socketDir)]);
  files = [path.join(cluster, 'postmaster.pid'), path.join(socketDir, '.s.PGSQL.5432.lock')];
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rm(path.dirname(cluster), { recursive: true, force: true }));

/** Both lock files as PostgreSQL writes them: the pid, then the data folder, then more lines. */
const locksFor = (pid: number) =>
  Promise.all(files.map((f) => writeFile(f, `${pid}\n${cluster}\n1796666000\n5432\n${socketDir}\n`)));
const locksLeft = () => files.filter((f) => existsSync(f));

function started(command: string, args: string[], argv0?: string): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore', ...(argv0 ? { argv0 } : {}) });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};
const childrenOf = (pid: number) =>
  read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean).map(Number);
const stateOf = (pid: number) => /^\d+ \(.*\) (\S)/s.exec(read(`/proc/${pid}/stat`))?.[1];

describe('PostgreSQL lock files left behind', () => {
  it('are removed when their process is gone', async () => {
    const gone = await started('true', []);
    await new Promise((resolve) => gone.once('exit', resolve));
    await locksFor(gone.pid!);
    expect(await removeStaleLockFiles(cluster, socketDir)).toEqual(files);
    expect(locksLeft()).toEqual([]);
  });

  it('are removed when their process is a zombie nobody has reaped yet', async () => {
    // `sleep 0` exits at once; its parent, replaced by `sleep 30`, never reaps it.
    const parent = await started('sh', ['-c', 'sleep 0 & exec sleep 30']);
    let zombie: number | undefined;
    await expect
      .poll(() => (zombie = childrenOf(parent.pid!).find((pid) => stateOf(pid) === 'Z')), { interval: 50 })
      .toBeDefined();
    await locksFor(zombie!);
    expect(await removeStaleLockFiles(cluster, socketDir)).toEqual(files);
    expect(locksLeft()).toEqual([]);
  });

  it('are removed when their pid now belongs to another program', async () => {
    const other = await started('sleep', ['30']);
    await locksFor(other.pid!);
    expect(await removeStaleLockFiles(cluster, socketDir)).toEqual(files);
  });

  it('are kept while a postmaster of this cluster runs', async () => {
    const postmaster = await started(
      process.execPath,
      ['-e', 'setTimeout(() => {}, 30_000)', '--', '-D', cluster],
      'postgres',
    );
    await locksFor(postmaster.pid!);
    expect(await removeStaleLockFiles(cluster, socketDir)).toEqual([]);
    expect(locksLeft()).toEqual(files);
  });

  it('are nothing to do when there are none', async () => {
    await Promise.all(files.map((f) => rm(f, { force: true })));
    expect(await removeStaleLockFiles(cluster, socketDir)).toEqual([]);
  });
});
