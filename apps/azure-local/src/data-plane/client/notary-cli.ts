import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createSelfSigned } from '@ctp/local-pki';
import { run, type ExecResult } from '../processes/exec.ts';
import type { Credentials } from './login-server-client.ts';

/** How to run the real notary CLI against one login server. */
export interface NotaryCliOptions {
  /** `localhost:<port>`; the CLI is pointed at `https://<loginServer>`. */
  loginServer: string;
  caFile: string;
  trustDir: string;
  /** Token-service credentials (NOTARY_AUTH); none = anonymous. */
  credentials?: Credentials;
  /** Passphrase of every key in trustDir (root, targets, snapshot, delegations). */
  passphrase: string;
}

export function notaryEnv(options: NotaryCliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NOTARY_ROOT_PASSPHRASE: options.passphrase,
    NOTARY_TARGETS_PASSPHRASE: options.passphrase,
    NOTARY_SNAPSHOT_PASSPHRASE: options.passphrase,
    NOTARY_DELEGATION_PASSPHRASE: options.passphrase,
  };
  delete env.NOTARY_AUTH;
  if (options.credentials) {
    env.NOTARY_AUTH = Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString(
      'base64',
    );
  }
  return env;
}

/** Runs `notary -s https://<loginServer> --tlscacert <ca> -d <trustDir> -c <trustDir>/config.json …args`. */
export async function notary(options: NotaryCliOptions, args: string[]): Promise<ExecResult> {
  await mkdir(options.trustDir, { recursive: true, mode: 0o700 });
  const config = path.join(options.trustDir, 'config.json');
  // An explicit config keeps the CLI away from ~/.notary/config.json.
  if (!existsSync(config)) await writeFile(config, JSON.stringify({ trust_dir: options.trustDir }));
  return run(
    'notary',
    [
      '-c',
      config,
      '-s',
      `https://${options.loginServer}`,
      '--tlscacert',
      options.caFile,
      '-d',
      options.trustDir,
      ...args,
    ],
    { env: notaryEnv(options) },
  );
}

export interface SignerKey {
  name: string;
  key: string;
  cert: string;
}

/** An EC P-256 delegation key and self-signed certificate (generated once, reused). */
export async function ensureSignerKey(dir: string, name: string): Promise<SignerKey> {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  if (!existsSync(key) || !existsSync(cert))
    await createSelfSigned({ dir, name, commonName: name, days: 3650 });
  return { name, key, cert };
}

/** Imports a signer key into the trust dir once (a marker file records it). */
export async function importSignerKey(
  options: NotaryCliOptions,
  signer: SignerKey,
  role: string,
): Promise<void> {
  const marker = path.join(options.trustDir, `imported-${signer.name}`);
  if (existsSync(marker)) return;
  await notary(options, ['key', 'import', signer.key, '--role', role]);
  await writeFile(marker, role);
}

export interface SignedTarget {
  tag: string;
  digest: string;
  size: number;
  /** Role that signs it (e.g. targets/releases); default the base `targets` role. */
  role?: string;
}

export interface TrustPlan {
  gun: string;
  delegations: Array<{ role: string; signers: SignerKey[] }>;
  targets: SignedTarget[];
}

/**
 * Initialises a GUN (new root and repository keys, server-managed snapshot), adds the delegations and
 * signs the targets, then publishes: the same steps a person runs with the notary CLI.
 */
export async function initAndSign(options: NotaryCliOptions, plan: TrustPlan): Promise<void> {
  await notary(options, ['init', plan.gun, '-p']);
  for (const delegation of plan.delegations) {
    for (const signer of delegation.signers) await importSignerKey(options, signer, delegation.role);
    await notary(options, [
      'delegation',
      'add',
      plan.gun,
      delegation.role,
      ...delegation.signers.map((s) => s.cert),
      '--all-paths',
    ]);
  }
  await signTargets(options, plan.gun, plan.targets);
}

export async function signTargets(
  options: NotaryCliOptions,
  gun: string,
  targets: SignedTarget[],
): Promise<void> {
  for (const target of targets) {
    const hex = target.digest.replace(/^sha256:/, '');
    const role = target.role && target.role !== 'targets' ? ['-r', target.role] : [];
    await notary(options, ['addhash', gun, target.tag, String(target.size), '--sha256', hex, ...role]);
  }
  await notary(options, ['publish', gun]);
}
