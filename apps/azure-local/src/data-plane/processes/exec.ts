import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** Runs a command, returning its output; a non-zero exit becomes an error carrying stderr. */
export async function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Promise<ExecResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number | string };
    const detail = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim();
    throw new Error(`${command} ${args.join(' ')} failed (exit ${e.code}): ${detail || String(error)}`, {
      cause: error,
    });
  }
}
