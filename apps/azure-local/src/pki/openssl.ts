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
