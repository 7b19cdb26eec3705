import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '@ctp/azure-local/config';
import { readStackFile, stackFilePath, type StackDescription } from '@ctp/azure-local/stack-file';

export interface StackProcess {
  child: ChildProcess;
  description: StackDescription;
  stop(): Promise<void>;
}

/**
 * Runs apps/azure-local as a child process and waits for it to write stack.json. The child trusts the
 * local CA through NODE_EXTRA_CA_CERTS, which Node reads only at start — hence a child process.
 */
export async function startStackProcess(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  caFile: string;
  args?: string[];
  output: 'inherit' | 'ignore';
}): Promise<StackProcess> {
  const file = stackFilePath(options.dataDir);
  rmSync(file, { force: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'apps/azure-local/src/main.ts'), ...(options.args ?? [])],
    {
      cwd: repoRoot,
      env: { ...options.env, NODE_EXTRA_CA_CERTS: options.caFile },
      stdio: ['ignore', options.output, 'inherit'],
    },
  );
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code ?? -1));
  while (!existsSync(file)) {
    if (exitCode !== undefined) {
      throw new Error(
        `the local stack exited (code ${exitCode}) before it was up; logs: ${path.join(options.dataDir, 'logs')}`,
      );
    }
    await sleep(250);
  }
  const description = await readStackFile(options.dataDir);
  const stop = async () => {
    if (exitCode !== undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, description, stop };
}
