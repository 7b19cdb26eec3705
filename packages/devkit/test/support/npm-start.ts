import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readStackFile, type StackDescription } from '@ctp/azure-local/stack-file';

export interface StartedStack {
  description: StackDescription;
  /** Everything `npm start` printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Ctrl+C's signal to the command's process group; resolves once the stack's own process is gone. */
  stop(): Promise<void>;
}

const READY = 'Press Ctrl+C to stop.';

/** Runs `npm start` in `checkout` until it prints its banner, as a person at a terminal would. */
export async function npmStart(checkout: string, env: NodeJS.ProcessEnv): Promise<StartedStack> {
  const child = spawn('npm', ['start'], {
    cwd: checkout,
    env,
    detached: true, // its own process group, signalled as a terminal signals the foreground job
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const append = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) resolve();
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was up:\n${output}`)));
  });
  const description = await readStackFile(path.join(checkout, '.data'));
  return {
    description,
    output: () => output,
    stop: async () => {
      if (child.pid !== undefined) signalGroup(child.pid);
      await exited;
      // The stack's process (a grandchild) stops its PostgreSQL, notary and registries before it exits.
      while (alive(description.pid)) await sleep(100);
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGINT');
  } catch {
    // the group is gone already
  }
}
