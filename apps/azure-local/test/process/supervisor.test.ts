// The supervisor against real child processes (small Node HTTP servers): a crashed process is restarted
// with a new pid, one that keeps crashing is given up on loudly, a requested stop is never undone.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Supervisor, type SupervisedProcess } from '../../src/process/supervisor.ts';
import { freePortBase } from '../support/free-port-base.ts';

let logsDir: string;
let port: number;
const reports: string[] = [];
let supervisor: Supervisor;

beforeAll(async () => {
  logsDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-supervisor-'));
});
afterEach(async () => supervisor?.stopAll());
afterAll(async () => rm(logsDir, { recursive: true, force: true }));

async function startServer(): Promise<SupervisedProcess> {
  port = await freePortBase(1);
  reports.length = 0;
  supervisor = new Supervisor(logsDir, {
    restart: { maxCrashes: 3, windowMs: 60_000, firstDelayMs: 50, maxDelayMs: 200 },
    report: (line) => reports.push(line),
  });
  return supervisor.start({
    name: 'echo',
    command: process.execPath,
    args: ['-e', `require('node:http').createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1')`],
    healthCheck: async () => (await fetch(`http://127.0.0.1:${port}/`)).ok,
  });
}

/** Kills the current instance as a crash would (SIGKILL, no clean stop). */
function crash(proc: SupervisedProcess): number {
  const pid = proc.pid!;
  process.kill(pid, 'SIGKILL');
  return pid;
}

describe('supervisor restarts', () => {
  it('restarts a crashed process with backoff and serves again from a new pid', async () => {
    const proc = await startServer();
    const first = crash(proc);
    await expect
      .poll(() => proc.status(), { timeout: 20_000 })
      .toMatchObject({ state: 'running', restarts: 1 });
    expect(proc.pid).not.toBe(first);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('up');
    expect(proc.status().lastExit).toBe('signal SIGKILL');
    expect(reports.join('\n')).toMatch(/echo exited unexpectedly \(signal SIGKILL\); restarting it in 50 ms/);
    expect(supervisor.status().map((s) => [s.name, s.state])).toEqual([['echo', 'running']]);
  });

  it('gives up loudly after repeated crashes and reports the process as failed', async () => {
    const proc = await startServer();
    for (let restarts = 1; restarts <= 2; restarts++) {
      crash(proc);
      await expect
        .poll(() => proc.status(), { timeout: 20_000 })
        .toMatchObject({ state: 'running', restarts });
    }
    crash(proc);
    await expect.poll(() => proc.status().state, { timeout: 20_000 }).toBe('failed');
    expect(reports.at(-1)).toMatch(
      /echo exited unexpectedly .* crashed 3 times within 60 s: giving up on it; see .*echo\.log/,
    );
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('never restarts a process it was asked to stop', async () => {
    const proc = await startServer();
    await proc.stop();
    expect(supervisor.status()).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(reports).toEqual([]);
  });
});
