// Bundles the CLI into dist/ with esbuild: one small entry (argument parsing, help) and the commands'
// bundle it loads when a command runs, so `content-trust --help` never loads the verifier.
// `node build.mjs` builds; `node build.mjs --if-stale` only when dist/ is missing or older than a source.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ENTRY = join(here, 'dist', 'content-trust.js');
const COMMANDS = join(here, 'dist', 'commands.cjs');
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
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    // Minified: parsing and compiling the bundle is a visible part of every run's start-up.
    minify: process.env.CTP_BUILD_MINIFY !== '0',
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  };
  const [entry, commands] = await Promise.all([
    // The entry: argument parsing, help and the loader of the commands.
    esbuild({
      ...common,
      entryPoints: [join(here, 'src', 'cli.ts')],
      outfile: ENTRY,
      format: 'esm',
    }),
    // The commands and the verifier, CommonJS: a script V8 can cache compiled (src/command-loader.ts).
    esbuild({ ...common, entryPoints: [join(here, 'src', 'commands.ts')], outfile: COMMANDS, format: 'cjs' }),
  ]);
  // The commands first, the entry last, each through a rename: a process running the previous build (or
  // a concurrent build) never reads a half-written file.
  for (const file of [...commands.outputFiles, ...entry.outputFiles]) {
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // Chunks of earlier (ESM-split) builds go once no process can still be running them.
  const chunks = join(here, 'dist', 'chunks');
  if (existsSync(chunks) && Date.now() - statSync(chunks).mtimeMs > 10 * 60_000)
    rmSync(chunks, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--if-stale') || isStale()) await build();
}
