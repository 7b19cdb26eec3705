// Runs the real Docker CLI (no engine needed for `docker trust inspect`) against the test trust server.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr: withoutLogrus(stderr),
        }),
    );
  });
}

/**
 * Docker's stderr without its logrus lines (`time="…" level=warning msg="Error getting targets/ops: …"`
 * for a delegation Notary skips): timestamped diagnostics, not part of the command's output.
 */
export function withoutLogrus(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !/^time="[^"]*" level=/.test(l))
    .join('\n');
}

/**
 * `docker pull` with content trust and no engine: the CLI resolves the tag through the trust server and
 * prints `Pull (1 of 1): NAME:TAG@sha256:…` (or its trust error) before it fails to reach the daemon.
 * Returns the resolved line, or the trust error (the first stderr line) when none was printed.
 */
export function dockerTrustedPull(
  ref: string,
  env: { DOCKER_CONFIG: string; server: string },
): Promise<{ code: number; pulled?: string; error?: string; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      ['pull', ref],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DOCKER_CONFIG: env.DOCKER_CONFIG,
          DOCKER_CONTENT_TRUST: '1',
          DOCKER_CONTENT_TRUST_SERVER: env.server,
          // No engine: a socket that does not exist, so nothing is ever pulled.
          DOCKER_HOST: `unix://${join(env.DOCKER_CONFIG, 'no-engine.sock')}`,
        },
      },
      (err, stdout, stderr) => {
        const pulled = /^Pull \(1 of 1\): (\S+)$/m.exec(stdout)?.[1];
        // The error is the first line that is not a logrus warning (time="…" level=warning msg=…).
        const error = pulled ? undefined : withoutLogrus(stderr).split('\n')[0];
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          ...(pulled ? { pulled } : {}),
          ...(error ? { error } : {}),
          stdout,
          stderr,
        });
      },
    );
  });
}

/** The built CLI as a user runs it: node packages/cli/bin/content-trust.js. */
export function contentTrustProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const bin = fileURLToPath(new URL('../bin/content-trust.js', import.meta.url));
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

export async function contentTrust(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), env };
  const code = await main(args, io, () => import('../src/commands.ts'));
  return { code, stdout, stderr };
}
