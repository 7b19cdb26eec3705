// Bundles the CLI into dist/ with esbuild: one small entry (argument parsing, help) and lazily loaded
// chunks for the commands, so `content-trust --help` never loads the verifier.
// `node build.mjs` builds; `node build.mjs --if-stale` only when dist/ is missing or older than a source.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ENTRY = join(here, 'dist', 'content-trust.js');
// Everything the bundle is made of that lives in this workspace (dependencies come from the lockfile).
const SOURCES = [
  'src',
  '../notary/src',
  '../registry/src',
  '../contracts/src',
  'package.json',
  'build.mjs',
].map((p) => join(here, p));

function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when dist/ is missing or older than any source file. */
export function isStale() {
  let built;
  try {
    built = statSync(ENTRY).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((s) => newestMtime(s) > built);
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    entryPoints: { 'content-trust': join(here, 'src', 'cli.ts') },
    outdir: join(here, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Some bundled dependencies are CommonJS and call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __ctpRequire } from 'node:module'; const require = __ctpRequire(import.meta.url);",
    },
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    // Minified: parsing and compiling the bundle is a visible part of every run's start-up.
    minify: process.env.CTP_BUILD_MINIFY !== '0',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  // Chunks first, the entry last, each through a rename: a process running the previous build (or a
  // concurrent build) never reads a half-written file, and old chunk names stay until replaced.
  const files = [...result.outputFiles].sort((a, b) => (a.path === ENTRY) - (b.path === ENTRY));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // Chunks of earlier builds go once no process can still be running them.
  const chunks = join(here, 'dist', 'chunks');
  const current = new Set(files.map((f) => f.path));
  for (const name of readdirSync(chunks)) {
    const path = join(chunks, name);
    if (!current.has(path) && Date.now() - statSync(path).mtimeMs > 10 * 60_000)
      rmSync(path, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--if-stale') || isStale()) await build();
}
