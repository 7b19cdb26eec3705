// The real command-line tools the suite compares and drives: `content-trust` (packages/cli's bin),
// `docker trust inspect` (Docker CLI, no engine needed) and `notary`. Each run gets its own temporary
// HOME / DOCKER_CONFIG (and trust dir unless the caller keeps one), removed when the run ends, and
// trusts the local CA explicitly (never by disabling verification).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
const contentTrustBin = path.join(repoRoot, 'packages/cli/bin/content-trust.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Credentials {
  username: string;
  password: string;
}

/** Only what the tools need from the environment: no inherited Docker, notary or CA settings. */
function baseEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
}

export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = repoRoot,
): Promise<CliResult> {
  return new Promise((resolve) => {
    // The kill timeout is a safety net against a hung tool, not a timing assertion.
    const child = execFile(
      command,
      args,
      { env, cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(); // notary prompts for a username when unauthorised: give it EOF
  });
}

/** A temporary folder for the duration of `use`, removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ctp-stack-${prefix}-`));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Docker config folder: `auths` for the login server and the CA in tls/<host:port>/ca.crt. */
async function writeDockerConfig(
  dir: string,
  loginServer: string,
  caFile: string,
  credentials?: Credentials,
): Promise<void> {
  const auths = credentials
    ? {
        [loginServer]: {
          auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'),
        },
      }
    : {};
  await writeFile(path.join(dir, 'config.json'), JSON.stringify({ auths }));
  await mkdir(path.join(dir, 'tls', loginServer), { recursive: true });
  await copyFile(caFile, path.join(dir, 'tls', loginServer, 'ca.crt'));
}

/** `content-trust inspect … IMAGE…` through the real bin, credentials as flags, the CA with --ca. */
export function contentTrustInspect(
  caFile: string,
  credentials: Credentials,
  args: string[],
): Promise<CliResult> {
  return withTempDir('content-trust', async (home) => {
    const env = { ...baseEnv(home), DOCKER_CONFIG: path.join(home, '.docker') };
    const flags = ['--ca', caFile, '-u', credentials.username, '-p', credentials.password];
    return run(process.execPath, [contentTrustBin, 'inspect', ...flags, ...args], env);
  });
}

/** The real `docker trust inspect IMAGE…` with credentials in a throwaway DOCKER_CONFIG. */
export function dockerTrustInspect(
  loginServer: string,
  caFile: string,
  credentials: Credentials,
  images: string[],
): Promise<CliResult> {
  return withTempDir('docker', async (home) => {
    const config = path.join(home, '.docker');
    await mkdir(config, { recursive: true });
    await writeDockerConfig(config, loginServer, caFile, credentials);
    const env = {
      ...baseEnv(home),
      DOCKER_CONFIG: config,
      DOCKER_CONTENT_TRUST_SERVER: `https://${loginServer}`,
      // Docker skips TLS verification for loopback registries, not for its trust server: trust the CA.
      SSL_CERT_FILE: caFile,
    };
    return run('docker', ['trust', 'inspect', ...images], env);
  });
}

export interface NotaryRun {
  loginServer: string;
  caFile: string;
  /** Keys and cached metadata; a throwaway one per run when omitted. */
  trustDir?: string;
  /** Basic credentials for the token service (NOTARY_AUTH); anonymous when omitted. */
  credentials?: Credentials;
  /** Passphrase of every key the run creates or uses. */
  passphrase?: string;
}

/** The real notary CLI: `notary -s https://<loginServer> --tlscacert <ca> -d <trustDir> …args`. */
export function notary(options: NotaryRun, args: string[]): Promise<CliResult> {
  return withTempDir('notary', async (home) => {
    const trustDir = options.trustDir ?? path.join(home, 'trust');
    await mkdir(trustDir, { recursive: true, mode: 0o700 });
    const config = path.join(home, 'notary-config.json');
    // An explicit config keeps the CLI away from ~/.notary/config.json.
    await writeFile(config, JSON.stringify({ trust_dir: trustDir }));
    const passphrase = options.passphrase ?? 'stack-suite-passphrase';
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(home),
      NOTARY_ROOT_PASSPHRASE: passphrase,
      NOTARY_TARGETS_PASSPHRASE: passphrase,
      NOTARY_SNAPSHOT_PASSPHRASE: passphrase,
      NOTARY_DELEGATION_PASSPHRASE: passphrase,
      ...(options.credentials
        ? {
            NOTARY_AUTH: Buffer.from(
              `${options.credentials.username}:${options.credentials.password}`,
            ).toString('base64'),
          }
        : {}),
    };
    const server = ['-s', `https://${options.loginServer}`, '--tlscacert', options.caFile];
    return run('notary', ['-c', config, ...server, '-d', trustDir, ...args], env);
  });
}

/** Parses `notary list` output ("NAME DIGEST SIZE ROLE" table) into rows. */
export function notaryListRows(
  stdout: string,
): Array<{ name: string; digest: string; size: number; role: string }> {
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length === 4 && /^[0-9a-f]{64}$/.test(cols[1]!))
    .map(([name, digest, size, role]) => ({ name: name!, digest: digest!, size: Number(size), role: role! }));
}
