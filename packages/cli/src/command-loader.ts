// Loads the commands' bundle (dist/commands.cjs) through V8's code cache, kept in a file next to it.
// Node 20 keeps no compiled code for an application (module.enableCompileCache came in Node 22) and
// compiling the bundle — its top level, then each function at its first call — was ~40 ms of CPU in a
// 120-repository run (measured: 493 vs 542 ms of CPU, 440 vs 480 ms wall). Written by hand because
// the libraries that do this hook require() for a whole process; this is one script. The cache is
// V8's own (vm.Script cachedData): V8 refuses it for another V8 version, other flags or another source,
// and the bundle is then compiled as usual and the cache written anew. It is written after a run, so it
// holds every function that run compiled; a directory that cannot be written just goes without.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import type { Commands } from './commands.ts';

// The Node built-ins the bundle requires, loaded before V8's flags change: V8 refuses Node's own code
// cache for every built-in loaded after a flag change (2–3× slower to load, measured).
const BUILTINS = ['node:crypto', 'node:fs/promises', 'node:net', 'node:os', 'node:path', 'node:tls'];

export type CodeCacheUse = 'used' | 'written' | 'refused' | 'unwritable' | 'none';

export interface CommandLoader {
  load(): Commands;
  /** After the run: writes the cache when there was none or V8 refused it. */
  saveCache(): CodeCacheUse;
}

export function commandLoader(bundleUrl: URL): CommandLoader {
  const bundle = fileURLToPath(bundleUrl);
  const cacheFile = `${bundle}.v8cache`;
  let script: Script | undefined;
  let hadCache = false;
  return {
    load() {
      const require = createRequire(bundle);
      for (const id of BUILTINS) require(id);
      // A run is short and its hot code small: V8's optimizing compilers, on background threads, cost
      // more CPU than their code saves before the process ends (120 GUNs × 5 tags, alternated medians:
      // 606 vs 725 ms of CPU, 520 vs 600 ms wall). The interpreter and the Sparkplug baseline compiler
      // only. Set before the bundle is compiled: the code cache records the flags it was made with.
      setFlagsFromString('--max-opt=1');
      let cachedData: Buffer | undefined;
      try {
        cachedData = readFileSync(cacheFile);
      } catch {
        // no cache yet
      }
      hadCache = cachedData !== undefined;
      // The CommonJS wrapper, as Node's own loader writes it.
      const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
      script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) });
      const module = { exports: {} as Commands };
      (script.runInThisContext() as (...args: unknown[]) => void)(
        module.exports,
        require,
        module,
        bundle,
        dirname(bundle),
      );
      return module.exports;
    },
    saveCache() {
      if (!script) return 'none';
      const refused = hadCache && script.cachedDataRejected === true;
      if (hadCache && !refused) return 'used';
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // another run reads the old cache or the new one, never half of one
        return refused ? 'refused' : 'written';
      } catch {
        rmSync(temporary, { force: true });
        return 'unwritable';
      }
    },
  };
}
