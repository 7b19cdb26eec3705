import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
 */
export class Supervisor {
  private readonly running: SupervisedProcess[] = [];
  private stopping = false;

  constructor(private readonly logsDir: string) {}

  async start(spec: ProcessSpec): Promise<SupervisedProcess> {
    await mkdir(this.logsDir, { recursive: true });
    const logFile = path.join(this.logsDir, `${spec.name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n--- ${new Date().toISOString()} starting ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so stop() also ends its children
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exitPromise = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        exited = { code, signal };
        log.end(`--- exited code=${code} signal=${signal}\n`);
        if (!this.stopping) {
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
      stop: () => stopChild(child, spec.stopSignal ?? 'SIGTERM', exitPromise),
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

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
