import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { endLeftover, signalGroup, spawnLogged, stopChild, type SpawnedChild } from './child-process.ts';
import { CrashHistory, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.ts';

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
  /** Runs before every launch, the first and each restart (e.g. clearing what a killed instance left). */
  beforeLaunch?: () => Promise<unknown>;
}

/** `restarting`: crashed, a new instance is waiting for its backoff or its health check; `failed`: given up. */
export type ProcessState = 'running' | 'restarting' | 'failed';

export interface ProcessStatus {
  name: string;
  state: ProcessState;
  pid: number | undefined;
  /** Restarts after crashes since the stack started. */
  restarts: number;
  /** How the last instance ended, when one crashed (`code 1`, `signal SIGKILL`). */
  lastExit?: string;
}

export interface SupervisedProcess {
  readonly name: string;
  /** The current instance's pid (a new one after each restart). */
  readonly pid: number | undefined;
  readonly logFile: string;
  status(): ProcessStatus;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  restart?: RestartPolicy;
  /** Where crash and give-up notices go (stderr by default). */
  report?: (line: string) => void;
}

/**
 * Starts and stops the stack's child processes (PostgreSQL, notary-signer, notary-server,
 * docker-registry, the portal). Each one logs to its own file under the data folder, is health-checked
 * before start() resolves, and is stopped in reverse start order. A process that dies on its own is
 * restarted after a backoff that doubles per crash, and given up on (reported loudly, state `failed`)
 * after repeated crashes; `status()` shows each process's state for the stack's health report.
 *
 * To leave nothing behind when the Node parent dies, every group is killed on the parent's `exit`, and
 * each child's pid is kept in `<name>.pid`: a later start first ends a leftover from a parent that was
 * SIGKILLed.
 */
export class Supervisor {
  private readonly running: SupervisedProcess[] = [];
  private readonly groups = new Set<number>();
  private stopping = false;
  private readonly policy: RestartPolicy;
  private readonly report: (line: string) => void;

  constructor(
    private readonly logsDir: string,
    options: SupervisorOptions = {},
  ) {
    this.policy = options.restart ?? DEFAULT_RESTART_POLICY;
    this.report = options.report ?? ((line) => process.stderr.write(`${line}\n`));
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
    const crashes = new CrashHistory(this.policy);
    let current: SpawnedChild;
    let state: ProcessState = 'running';
    let restarts = 0;
    let lastExit: string | undefined;
    let stopRequested = false;
    // Crashes count once start() has resolved; before that, start() itself reports the failure.
    let started = false;
    let restartTimer: NodeJS.Timeout | undefined;

    const launch = async (): Promise<SpawnedChild> => {
      await spec.beforeLaunch?.();
      const spawned = await spawnLogged(spec, log, pidFile);
      const pid = spawned.child.pid;
      if (pid !== undefined) this.groups.add(pid);
      void spawned.exited.then((exit) => {
        if (pid !== undefined) this.groups.delete(pid);
        if (!started || this.stopping || stopRequested || spawned !== current || state !== 'running') return;
        lastExit = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
        crashed(`exited unexpectedly (${lastExit})`);
      });
      return spawned;
    };

    /** After a crash: restart after the backoff, or give up when it keeps crashing. */
    const crashed = (what: string): void => {
      const decision = crashes.record();
      if (decision.giveUp) {
        state = 'failed';
        this.report(
          `[azure-local] ${spec.name} ${what} and crashed ${decision.crashes} times within ${this.policy.windowMs / 1000} s: giving up on it; see ${logFile}`,
        );
        return;
      }
      state = 'restarting';
      this.report(
        `[azure-local] ${spec.name} ${what}; restarting it in ${decision.delayMs} ms (crash ${decision.crashes} of ${this.policy.maxCrashes}); see ${logFile}`,
      );
      restartTimer = setTimeout(() => void relaunch(), decision.delayMs);
    };

    const relaunch = async (): Promise<void> => {
      restartTimer = undefined;
      if (stopRequested || this.stopping) return;
      current = await launch();
      restarts++;
      const outcome = await untilHealthy(spec, current);
      if (stopRequested || this.stopping) return;
      if (outcome === 'healthy') {
        state = 'running';
        this.report(`[azure-local] ${spec.name} is running again (restart ${restarts})`);
        return;
      }
      if (outcome === 'timeout') await stopChild(current, 'SIGKILL');
      lastExit = outcome === 'timeout' ? 'not healthy in time' : describeExit(current);
      crashed(
        outcome === 'timeout'
          ? 'did not become healthy after a restart'
          : `exited during a restart (${lastExit})`,
      );
    };

    current = await launch();
    const handle: SupervisedProcess = {
      name: spec.name,
      get pid() {
        return current.child.pid;
      },
      logFile,
      status: () => ({
        name: spec.name,
        state,
        pid: current.child.pid,
        restarts,
        ...(lastExit ? { lastExit } : {}),
      }),
      stop: async () => {
        stopRequested = true;
        clearTimeout(restartTimer);
        const index = this.running.indexOf(handle);
        if (index >= 0) this.running.splice(index, 1);
        await stopChild(current, spec.stopSignal ?? 'SIGTERM');
        log.end();
      },
    };
    const outcome = await untilHealthy(spec, current);
    if (outcome === 'exited') {
      log.end();
      throw new Error(`${spec.name} exited during start (${describeExit(current)}); see ${logFile}`);
    }
    if (outcome === 'timeout') {
      await handle.stop();
      throw new Error(`${spec.name} did not become healthy in time; see ${logFile}`);
    }
    started = true;
    this.running.push(handle);
    return handle;
  }

  /** State of every process started and not stopped, in start order. */
  status(): ProcessStatus[] {
    return this.running.map((p) => p.status());
  }

  /** Stops every process, last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const handle of [...this.running].reverse()) await handle.stop();
  }
}

async function untilHealthy(
  spec: ProcessSpec,
  spawned: SpawnedChild,
): Promise<'healthy' | 'exited' | 'timeout'> {
  const deadline = Date.now() + (spec.startTimeoutMs ?? 30_000);
  while (!(await spec.healthCheck().catch(() => false))) {
    if (spawned.exit()) return 'exited';
    if (Date.now() > deadline) return 'timeout';
    await sleep(150);
  }
  return 'healthy';
}

function describeExit(spawned: SpawnedChild): string {
  const exit = spawned.exit();
  return exit?.signal ? `signal ${exit.signal}` : `code ${exit?.code ?? 'unknown'}`;
}
