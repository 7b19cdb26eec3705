// Measurement 4: the SPA's JavaScript from the Vite build manifest — the initial load (the HTML
// entry and every chunk it imports statically, gzip) and what each lazily loaded route adds.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '@ctp/azure-local/config';
import { ratio, type Figure, type Ratio } from '../report.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type ViteManifest = Record<string, ManifestChunk>;

/** Keys of `from` and every chunk it imports statically, transitively. */
export function staticClosure(manifest: ViteManifest, from: string): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) walk(i);
  };
  walk(from);
  return seen;
}

export interface BundleSizes {
  initialGzip: number;
  initialFiles: string[];
  routes: Array<{ route: string; gzip: number }>;
}

/** Sizes from a manifest; `gzipOf(file)` gives a built file's gzip size. */
export async function bundleSizes(
  manifest: ViteManifest,
  gzipOf: (file: string) => Promise<number>,
  entry = 'index.html',
): Promise<BundleSizes> {
  const initial = staticClosure(manifest, entry);
  const js = (keys: Iterable<string>) =>
    [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const sum = async (files: string[]) => (await Promise.all(files.map(gzipOf))).reduce((a, b) => a + b, 0);
  const initialFiles = js(initial);
  const routes = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isDynamicEntry) continue;
    const extra = [...staticClosure(manifest, key)].filter((k) => !initial.has(k));
    routes.push({ route: chunk.src ?? key, gzip: await sum(js(extra)) });
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return { initialGzip: await sum(initialFiles), initialFiles, routes };
}

/** Builds apps/web with a manifest into `outDir` (beside the portal's own dist/) and measures it. */
export async function measureBundle(outDir: string): Promise<{ figures: Figure[]; ratios: Ratio[] }> {
  execFileSync(
    'pnpm',
    ['--filter', '@ctp/web', 'exec', 'vite', 'build', '--manifest', '--emptyOutDir', '--outDir', outDir],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  const manifest = JSON.parse(
    await readFile(path.join(outDir, '.vite/manifest.json'), 'utf8'),
  ) as ViteManifest;
  const sizes = await bundleSizes(
    manifest,
    async (file) => gzipSync(await readFile(path.join(outDir, file))).length,
  );
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const largest = async () => {
    const each = await Promise.all(
      sizes.initialFiles.map(async (f) => ({ f, gz: gzipSync(await readFile(path.join(outDir, f))).length })),
    );
    return each
      .sort((x, y) => y.gz - x.gz)
      .slice(0, 3)
      .map((x) => `${path.basename(x.f)} ${kb(x.gz)} KB`)
      .join(', ');
  };
  const note = await largest();
  return {
    figures: [
      { name: 'SPA initial JS (gzip)', value: kb(sizes.initialGzip), unit: 'KB', note: `largest: ${note}` },
      ...sizes.routes.map((r) => ({
        name: `SPA route chunk ${r.route} (gzip, beyond initial)`,
        value: kb(r.gzip),
        unit: 'KB',
      })),
    ],
    ratios: [
      ratio(
        'SPA initial JS, gzip (KB)',
        kb(sizes.initialGzip),
        { op: '<=', bound: 350 },
        () => `largest initial chunks: ${note}`,
      ),
    ],
  };
}
