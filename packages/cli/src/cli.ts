// The process entry bundled into dist/ (bin/content-trust.js runs it): real stdio and exit status.
import { main } from './main.ts';

if (process.env.CONTENT_TRUST_DEBUG)
  process.stderr.write(`timing: entry at ${performance.now().toFixed(0)} ms\n`);

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
});
