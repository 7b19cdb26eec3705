import { loadStackConfig } from './config.ts';
import { startStack } from './stack.ts';
import { stackFilePath } from './stack-file.ts';
import { rm } from 'node:fs/promises';

/**
 * `tsx apps/azure-local/src/main.ts [--reset] [--no-portal]`: runs the local stack in the foreground
 * until SIGINT/SIGTERM. Configuration: CTP_DATA_DIR, CTP_CA_DIR, CTP_PORT_BASE (see config.ts).
 */
const config = loadStackConfig(process.env, process.argv.slice(2));
const stack = await startStack(config).catch((error: unknown) => {
  console.error(`[azure-local] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`[azure-local] up; description in ${stackFilePath(config.dataDir)}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[azure-local] ${signal}: stopping`);
  await rm(stackFilePath(config.dataDir), { force: true });
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
