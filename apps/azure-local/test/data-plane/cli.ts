import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { notaryEnv } from '../../src/data-plane/client/notary-cli.ts';
import type { Credentials } from '../../src/data-plane/client/login-server-client.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(); // the notary CLI prompts for a username when unauthorised: give it EOF
  });
}

export const PASSPHRASE = 'test-passphrase-1234';

/** The real notary CLI against a login server, its CA trusted with --tlscacert. */
export function notaryCli(
  loginServer: string,
  caFile: string,
  trustDir: string,
  credentials: Credentials | undefined,
  args: string[],
) {
  const env = notaryEnv({
    loginServer,
    caFile,
    trustDir,
    passphrase: PASSPHRASE,
    ...(credentials ? { credentials } : {}),
  });
  return exec(
    'notary',
    ['-s', `https://${loginServer}`, '--tlscacert', caFile, '-d', trustDir, ...args],
    env,
  );
}

const created: string[] = [];

/** A new temporary folder (trust dirs, Docker configs); removeFreshDirs() deletes them all. */
export async function freshDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ctp-dp-${prefix}-`));
  created.push(dir);
  return dir;
}

export async function removeFreshDirs(): Promise<void> {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
}

/**
 * The real `docker trust inspect` (no engine needed): credentials in a throwaway DOCKER_CONFIG, the CA in
 * its tls/<host:port>/ folder and in SSL_CERT_FILE (Docker would skip verification for loopback anyway).
 */
export async function dockerTrustInspect(
  loginServer: string,
  caFile: string,
  credentials: Credentials,
  repositories: string[],
) {
  const config = await freshDir('docker');
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  await writeFile(path.join(config, 'config.json'), JSON.stringify({ auths: { [loginServer]: { auth } } }));
  await mkdir(path.join(config, 'tls', loginServer), { recursive: true });
  await copyFile(caFile, path.join(config, 'tls', loginServer, 'ca.crt'));
  const env = {
    ...process.env,
    DOCKER_CONFIG: config,
    DOCKER_CONTENT_TRUST_SERVER: `https://${loginServer}`,
    SSL_CERT_FILE: caFile,
  };
  return exec('docker', ['trust', 'inspect', ...repositories.map((r) => `${loginServer}/${r}`)], env);
}

export function creds(username: string, password: string): Credentials {
  return { username, password };
}
