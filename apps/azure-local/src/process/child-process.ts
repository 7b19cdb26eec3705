import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedChild {
  child: ChildProcess;
  /** Resolves once the child has exited (its pid file is gone by then). */
  exited: Promise<ChildExit>;
  /** Set once the child has exited. */
  exit(): ChildExit | undefined;
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Spawns one child in its own process group (so a stop also ends its children), its output appended to
 * `log`, its pid in `pidFile` while it runs.
 */
export async function spawnLogged(spec: SpawnSpec, log: WriteStream, pidFile: string): Promise<SpawnedChild> {
  log.write(`\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) await writeFile(pidFile, String(child.pid));
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exit: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      rmSync(pidFile, { force: true }); // before stop() resolves: a stopped process leaves no pid file
      log.write(`--- exited code=${code} signal=${signal}\n`);
      resolve(exit);
    });
  });
  child.once('error', (error) => log.write(`--- spawn error: ${error.message}\n`));
  return { child, exited, exit: () => exit };
}

/** Sends `signal` to the child's group; SIGKILL after 10 s if it is still there. */
export async function stopChild(spawned: SpawnedChild, signal: NodeJS.Signals): Promise<void> {
  const { child } = spawned;
  if (spawned.exit() || child.pid === undefined) return;
  signalGroup(child.pid, signal);
  const timedOut = await Promise.race([spawned.exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    signalGroup(child.pid, 'SIGKILL');
    await spawned.exited;
  }
}

/** Ends the process group left by a previous parent that died without stopping it, if it is still ours. */
export async function endLeftover(pidFile: string, argv: string[]): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const cmdline = Number.isInteger(pid) && pid > 1 ? readCmdline(pid) : undefined;
  // Only when the pid still runs the very same command line: a reused pid belongs to somebody else.
  if (cmdline === `${argv.join('\0')}\0`) {
    signalGroup(pid, 'SIGTERM');
    for (let i = 0; i < 50 && readCmdline(pid) !== undefined; i++) await sleep(100);
    signalGroup(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

function readCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
