// The process entry bundled into dist/ (bin/content-trust.js runs it): real stdio and exit status.
// The commands' code is a bundle of its own (dist/commands.cjs), loaded through V8's code cache.
import { commandLoader } from './command-loader.ts';
import { main } from './main.ts';

const debug = Boolean(process.env.CONTENT_TRUST_DEBUG);
if (debug) process.stderr.write(`timing: entry at ${performance.now().toFixed(0)} ms\n`);

// A reader that stops early (`content-trust inspect … | head`) ends the run as it ends docker's: quietly,
// with the status a shell gives a process killed by SIGPIPE (Node ignores that signal), not a stack trace.
const SIGPIPE_STATUS = 141;
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(SIGPIPE_STATUS);
    throw error;
  });

const loader = commandLoader(new URL('./commands.cjs', import.meta.url));
const io = {
  stdout: (s: string) => process.stdout.write(s),
  stderr: (s: string) => process.stderr.write(s),
  env: process.env,
};
process.exitCode = await main(process.argv.slice(2), io, () => Promise.resolve(loader.load()));
const cache = loader.saveCache();
if (debug) process.stderr.write(`code cache: ${cache}\n`);
