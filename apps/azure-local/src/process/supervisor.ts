import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessSpec {
  /** Short name used for the log file (`<logsDir>/<name>.log`) and in error messages. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves true once the process serves; polled until `startTimeoutMs`. */
  healthCheck: () => Promise<boolean>;
  startTimeoutMs?: number;
  /** Signal for a clean stop (PostgreSQL wants SIGINT for a fast shutdown). */
  stopSignal?: NodeJS.Signals;
}

export interface SupervisedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts and stops the stack's child processes (PostgreSQL, notary-signer, notary-server,
 * docker-registry, the portal). Each one logs to its own file under the data folder, is health-checked
 * before start() resolves, and is stopped in reverse start order. A process that dies on its own is
 * reported once on stderr with the tail of its log path, so a broken stack says where to look.
 *
 * Children run in their own process groups (so a stop also ends their children). To leave nothing
 * behind when the Node parent dies, every group is killed on the parent's `exit`, and each child's pid
 * is kept in `<name>.pid`: a later start first ends a leftover from a parent that was SIGKILLed.
 */
export class Supervisor {
  private readonly running: SupervisedProcess[] = [];
  private readonly groups = new Set<number>();
  private stopping = false;

  constructor(private readonly logsDir: string) {
    process.once('exit', () => {
      for (const pid of this.groups) signalGroup(pid, 'SIGKILL');
    });
  }

  async start(spec: ProcessSpec): Promise<SupervisedProcess> {
    await mkdir(this.logsDir, { recursive: true });
    const logFile = path.join(this.logsDir, `${spec.name}.log`);
    const pidFile = path.join(this.logsDir, `${spec.name}.pid`);
    await endLeftover(pidFile, [spec.command, ...spec.args]);
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() also ends its children
    });
    if (child.pid !== undefined) {
      this.groups.add(child.pid);
      await writeFile(pidFile, String(child.pid));
    }
    let stopRequested = false;
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exitPromise = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        if (child.pid !== undefined) this.groups.delete(child.pid);
        rmSync(pidFile, { force: true }); // before stop() resolves: a stopped process leaves no pid file
        log.end(`--- exited code=${code} signal=${signal}\n`);
        if (!this.stopping && !stopRequested) {
          process.stderr.write(
            `[azure-local] ${spec.name} exited unexpectedly (code ${code}); see ${logFile}\n`,
          );
        }
        resolve();
      });
    });
    child.once('error', (error) => log.write(`--- spawn error: ${error.message}\n`));

    const handle: SupervisedProcess = {
      name: spec.name,
      pid: child.pid,
      logFile,
      stop: () => {
        stopRequested = true;
        return stopChild(child, spec.stopSignal ?? 'SIGTERM', exitPromise);
      },
    };
    const deadline = Date.now() + (spec.startTimeoutMs ?? 30_000);
    while (!(await spec.healthCheck().catch(() => false))) {
      if (exited) throw new Error(`${spec.name} exited during start (code ${exited.code}); see ${logFile}`);
      if (Date.now() > deadline) {
        await handle.stop();
        throw new Error(`${spec.name} did not become healthy in time; see ${logFile}`);
      }
      await sleep(150);
    }
    this.running.push(handle);
    return handle;
  }

  /** Stops every process, last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const handle of this.running.splice(0).reverse()) {
      await handle.stop();
    }
  }
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  signalGroup(child.pid, signal);
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
}

/** Ends the process group left by a previous parent that died without stopping it, if it is still ours. */
async function endLeftover(pidFile: string, argv: string[]): Promise<void> {
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

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
