import path from 'node:path';
import { readStackFile, type StackDescription } from '@ctp/azure-local/stack-file';
import { repoRoot } from '@ctp/azure-local/config';

/** The data folder of the stack tests run against: CTP_DATA_DIR, else the default `.data`. */
export function stackDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(repoRoot, env.CTP_DATA_DIR ?? '.data');
}

/**
 * The running local stack, as described by its stack.json. Integration tests call this instead of
 * hard-coding ports; `npm test` starts a stack for them (CTP_DATA_DIR=.data/test).
 */
export async function loadStack(env: NodeJS.ProcessEnv = process.env): Promise<StackDescription> {
  const dataDir = stackDataDir(env);
  try {
    return await readStackFile(dataDir);
  } catch (error) {
    throw new Error(
      `No running local stack found in ${dataDir} (${error instanceof Error ? error.message : String(error)}). ` +
        'Run the tests with `npm test` (it starts one), or start one with `npm start` and set CTP_DATA_DIR.',
      { cause: error },
    );
  }
}
