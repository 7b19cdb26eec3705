// Runs the real Docker CLI (no engine needed for `docker trust inspect`) against the test trust server.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A DOCKER_CONFIG trusting the test CA for host:port (Docker reads $DOCKER_CONFIG/tls/<host:port>/ca.crt). */
export function dockerConfig(hostPort: string, caCert: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-docker-'));
  mkdirSync(join(dir, 'tls', hostPort), { recursive: true });
  copyFileSync(caCert, join(dir, 'tls', hostPort, 'ca.crt'));
  return dir;
}

export function dockerTrustInspect(
  args: string[],
  env: { DOCKER_CONFIG: string; server: string },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      ['trust', 'inspect', ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DOCKER_CONFIG: env.DOCKER_CONFIG,
          DOCKER_CONTENT_TRUST_SERVER: env.server,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export async function contentTrust(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  return { code, stdout, stderr };
}
