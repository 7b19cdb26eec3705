import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@ctp/azure-local/config';

export interface PrivateCheckout {
  /** The mode-700 folder holding the checkout, as `/root` holds a root user's clone. */
  privateDir: string;
  /** The copy of this checkout (its working tree, without `.data` or build output). */
  dir: string;
}

/**
 * Copies this checkout's working tree (tracked and new files, as `git status` sees them) into
 * `<mode-700 folder>/checkout` and installs its dependencies from the pnpm store, offline: the same
 * files a fresh clone would hold, without downloading anything again.
 */
export function makePrivateCheckout(): PrivateCheckout {
  const privateDir = mkdtempSync(path.join(os.tmpdir(), 'ctp-private-checkout-'));
  chmodSync(privateDir, 0o700);
  const dir = path.join(privateDir, 'checkout');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(path.join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(dir, file));
  }
  // The built SPA, copied after its sources so it is newer than them and `npm start` does not rebuild it.
  const dist = path.join(repoRoot, 'apps/web/dist');
  if (existsSync(dist)) cpSync(dist, path.join(dir, 'apps/web/dist'), { recursive: true });
  execFileSync('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], {
    cwd: dir,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { privateDir, dir };
}
