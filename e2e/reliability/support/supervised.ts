// The stack's supervised processes through its health route (ARM endpoint): faults are made with the
// real processes (SIGSTOP/SIGCONT, SIGKILL, a fast PostgreSQL shutdown), and the supervisor restarts
// what exited. Every helper waits for a condition, never for a fixed time.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Stack } from '../../stack/support/stack.ts';

export interface SupervisedProcess {
  name: string;
  state: 'running' | 'restarting' | 'failed';
  pid: number;
  restarts: number;
}

export async function processes(s: Stack): Promise<SupervisedProcess[]> {
  const response = await fetch(`${s.arm.endpoint}/health`);
  return ((await response.json()) as { processes: SupervisedProcess[] }).processes;
}

export async function supervised(s: Stack, name: string): Promise<SupervisedProcess> {
  const found = (await processes(s)).find((p) => p.name === name);
  if (!found) throw new Error(`the stack supervises no process "${name}"`);
  return found;
}

/**
 * The process that does the work: a stack started by root runs PostgreSQL under `runuser -u postgres`,
 * whose child is the postmaster; otherwise the supervised pid is the program itself.
 */
export function workerPid(pid: number): number {
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  if (comm !== 'runuser') return pid;
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
  if (!children[0]) throw new Error(`runuser ${pid} has no child`);
  return Number(children[0]);
}

/** Sends a signal to a supervised process and waits until the supervisor runs a new instance. */
export async function crashAndWaitForRestart(s: Stack, name: string, signal: NodeJS.Signals): Promise<void> {
  const before = await supervised(s, name);
  process.kill(workerPid(before.pid), signal);
  await waitRunningAgain(s, name, before.pid);
}

export async function waitRunningAgain(s: Stack, name: string, oldPid: number): Promise<SupervisedProcess> {
  let current: SupervisedProcess | undefined;
  await expect
    .poll(
      async () => {
        current = await supervised(s, name);
        return current.state === 'running' && current.pid !== oldPid;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true);
  return current!;
}

/** Runs `during` while the process is stopped (SIGSTOP); always continues it (SIGCONT) afterwards. */
export async function whilePaused<T>(s: Stack, name: string, during: () => Promise<T>): Promise<T> {
  const { pid } = await supervised(s, name);
  process.kill(pid, 'SIGSTOP');
  try {
    return await during();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}
