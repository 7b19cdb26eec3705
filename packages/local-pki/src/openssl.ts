import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The local PKI is made with the openssl CLI (present on every Debian machine): Node's crypto can
 * parse but not issue X.509 certificates, and openssl gives exactly the extensions Chromium, Go
 * (notary, distribution) and Node each insist on.
 */
export async function openssl(args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync('openssl', args, { cwd });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

/** `openssl req` arguments for a new unencrypted EC P-256 key (written as PKCS#8 PEM by `-keyout`). */
export const NEW_P256_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** An `-subj` value; `/` and `\` in names are escaped (a Notary GUN as CN has slashes). */
export function subject(names: { organization?: string; commonName: string }): string {
  const escape = (value: string) => value.replace(/[\\/]/g, (c) => `\\${c}`);
  return `${names.organization ? `/O=${escape(names.organization)}` : ''}/CN=${escape(names.commonName)}`;
}
