// Drives the real `notary` CLI non-interactively against a test server.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { execFileP } from '../../../registry/test/support/processes.ts';
import type { NotaryServer } from './notary-server.ts';

export const PASSPHRASE = 'ctp-test-passphrase';

export interface NotaryCli {
  trustDir: string;
  run(...args: string[]): Promise<string>;
  /** The decrypted private key the CLI holds for a GUN's role (from trust_dir/private). */
  privateKey(gun: string, role: string): Promise<KeyObject>;
}

export async function notaryCli(
  server: NotaryServer,
  trustDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<NotaryCli> {
  await mkdir(trustDir, { recursive: true });
  const env = {
    ...process.env,
    NOTARY_ROOT_PASSPHRASE: PASSPHRASE,
    NOTARY_TARGETS_PASSPHRASE: PASSPHRASE,
    NOTARY_SNAPSHOT_PASSPHRASE: PASSPHRASE,
    NOTARY_DELEGATION_PASSPHRASE: PASSPHRASE,
    ...extraEnv,
  };
  return {
    trustDir,
    async run(...args) {
      try {
        const { stdout, stderr } = await execFileP(
          'notary',
          ['-s', server.url, '--tlscacert', server.pki.caCert, '-d', trustDir, ...args],
          { env },
        );
        return stdout + stderr;
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(
          `notary ${args.join(' ')} failed: ${err.stderr ?? ''}${err.stdout ?? ''}${err.message}`,
          { cause: e },
        );
      }
    },
    async privateKey(gun, role) {
      const dir = join(trustDir, 'private');
      for (const file of await readdir(dir)) {
        const pem = await readFile(join(dir, file), 'utf8');
        if (
          new RegExp(`^role: ${role}$`, 'm').test(pem) &&
          (role === 'root' || new RegExp(`^gun: ${gun}$`, 'm').test(pem))
        ) {
          const body = pem.replace(/^(role|gun): .*\n/gm, '');
          return createPrivateKey({ key: body, format: 'pem', passphrase: PASSPHRASE });
        }
      }
      throw new Error(`no ${role} key for ${gun} in ${dir}`);
    },
  };
}
