import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@ctp/azure-local/config';

/** Newest modification time of any file below `dir` (skipping node_modules and dist). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds apps/web when its sources (or the shared contracts) changed since the last build. */
export function ensureSpaBuilt(log: (line: string) => void): void {
  const web = path.join(repoRoot, 'apps/web');
  const built = path.join(web, 'dist/index.html');
  const sourcesChanged = Math.max(
    newestMtime(web),
    newestMtime(path.join(repoRoot, 'packages/contracts/src')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sourcesChanged) return;
  log('building the portal SPA (apps/web)…');
  try {
    execFileSync('pnpm', ['--filter', '@ctp/web', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the SPA build failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`, {
      cause: error,
    });
  }
}
