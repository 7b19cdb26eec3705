// The bench's own fresh local stack (its data folder and ports, the checkout's CA), started like
// `npm test` starts one, and the stack's description as the stack suite sees it.
import { ensureLocalCa } from '@ctp/local-pki';
import { startStackProcess } from '../../packages/devkit/src/stack-process.ts';
import { stack, type Stack } from '../../e2e/stack/support/stack.ts';
import type { BenchSettings } from './settings.ts';
import { repoRoot } from '@ctp/azure-local/config';
import path from 'node:path';

export interface BenchStack {
  s: Stack;
  stop(): Promise<void>;
}

export async function startBenchStack(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<BenchStack> {
  if (settings.reuseStack) {
    // Development aid (--reuse-stack): a stack already running in the bench's data folder, left running.
    process.env.CTP_DATA_DIR = settings.dataDir;
    log(`reusing the stack running in ${settings.dataDir}`);
    return { s: await stack(), stop: async () => {} };
  }
  const caDir = path.join(repoRoot, '.data/pki');
  const ca = await ensureLocalCa(caDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CTP_DATA_DIR: settings.dataDir,
    CTP_PORT_BASE: String(settings.portBase),
    CTP_CA_DIR: caDir,
  };
  log(`starting a fresh local stack in ${settings.dataDir} (ports from ${settings.portBase})…`);
  const started = await startStackProcess({
    env,
    dataDir: settings.dataDir,
    caFile: ca.cert,
    args: ['--reset'],
    output: 'ignore',
  });
  // The stack suite's helpers (tokens, ARM clients) find the stack through CTP_DATA_DIR.
  process.env.CTP_DATA_DIR = settings.dataDir;
  return { s: await stack(), stop: () => started.stop() };
}

interface HealthAnswer {
  processes: Array<{ name: string; state: string; pid?: number; restarts?: number }>;
}

/** The stack's own health report (`GET <ARM>/health`): its supervised processes. */
async function stackProcesses(s: Stack): Promise<HealthAnswer['processes']> {
  return ((await (await fetch(`${s.arm.endpoint}/health`)).json()) as HealthAnswer).processes;
}

/** Restarts after crashes per supervised process, from the stack's health report. */
export async function stackRestarts(s: Stack): Promise<Record<string, number>> {
  return Object.fromEntries((await stackProcesses(s)).map((p) => [p.name, p.restarts ?? 0]));
}

/** Which processes crashed (and were restarted) between two `stackRestarts` readings. */
export function crashedBetween(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((name) => (after[name] ?? 0) > (before[name] ?? 0));
}

/** A supervised process's pid, from the stack's health report. */
export async function stackProcessPid(s: Stack, name: string): Promise<number> {
  const found = (await stackProcesses(s)).find((p) => p.name === name);
  if (!found?.pid || found.state !== 'running') throw new Error(`the stack's ${name} process is not running`);
  return found.pid;
}

/** Every process of the stack by name (the stack's own Node process as `stack`), for CPU breakdowns. */
export async function stackPids(s: Stack): Promise<Record<string, number>> {
  const pids: Record<string, number> = { stack: s.pid };
  for (const p of await stackProcesses(s)) if (p.pid) pids[p.name] = p.pid;
  return pids;
}
