// The process entry bundled into dist/ (bin/content-trust.js runs it): real stdio and exit status.
import { main } from './main.ts';

if (process.env.CONTENT_TRUST_DEBUG)
  process.stderr.write(`timing: entry at ${performance.now().toFixed(0)} ms\n`);

// A reader that stops early (`content-trust inspect … | head`) ends the run as it ends docker's: quietly,
// with the status a shell gives a process killed by SIGPIPE (Node ignores that signal), not a stack trace.
const SIGPIPE_STATUS = 141;
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(SIGPIPE_STATUS);
    throw error;
  });

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
});
