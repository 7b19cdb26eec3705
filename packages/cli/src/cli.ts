// The process entry bundled into dist/ (bin/content-trust.js runs it): real stdio and exit status.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
});
