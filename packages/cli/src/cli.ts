// The process entry bundled into dist/ (bin/content-trust.js runs it): real stdio and exit status.
import { setFlagsFromString } from 'node:v8';
import { main } from './main.ts';

// A run is short and its hot code small: V8's optimizing compilers, on background threads, cost more CPU
// than their code saves before the process ends (120 GUNs × 5 tags, alternated medians: 606 vs 725 ms
// of CPU, 520 vs 600 ms wall). The interpreter and the Sparkplug baseline compiler only — set once the
// command's code is loaded: changing a V8 flag makes V8 refuse Node's code cache, and every Node
// built-in loaded afterwards (tls, net, streams…) would be compiled from source (2–3× slower, measured).
const command = process.argv[2];
if (command === 'inspect') await import('./inspect.ts');
else if (command === 'resolve') await import('./resolve.ts');
setFlagsFromString('--max-opt=1');

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
