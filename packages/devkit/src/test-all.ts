import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadStackConfig, repoRoot } from '@ctp/azure-local/config';
import { ensureLocalCa } from '@ctp/local-pki';
import { ensureSpaBuilt } from './spa-build.ts';
import { startStackProcess } from './stack-process.ts';

/**
 * `npm test`: static checks (typecheck, lint, formatting) while a fresh local stack starts (its own data folder and
 * ports, the shared CA), then every Vitest project (unit and integration) and the Playwright end-to-end suite against it.
 * Ends with one line `N passed, N failed[, N skipped]` summing every suite; exits non-zero on failure.
 */
interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
}

const log = (line: string) => console.log(`[test] ${line}`);
const results: SuiteResult[] = [];

const testEnv: NodeJS.ProcessEnv = {
  ...process.env,
  CTP_DATA_DIR: process.env.CTP_TEST_DATA_DIR ?? path.join(repoRoot, '.data/test'),
  CTP_PORT_BASE: process.env.CTP_TEST_PORT_BASE ?? '9400',
  CTP_CA_DIR: path.join(repoRoot, '.data/pki'),
};
const config = loadStackConfig(testEnv);
const ca = await ensureLocalCa(config.caDir);
testEnv.NODE_EXTRA_CA_CERTS = ca.cert;
const resultsDir = path.join(repoRoot, '.data/test-results');
mkdirSync(resultsDir, { recursive: true });

ensureSpaBuilt(log);
log(
  `starting a fresh local stack in ${config.dataDir} (ports from ${config.portBase}), during the static checks…`,
);
// The stack starts in its own process while the checks run (much of its start is waiting on
// PostgreSQL and health checks); it is awaited once they are done.
const starting = startStackProcess({
  env: testEnv,
  dataDir: config.dataDir,
  caFile: ca.cert,
  args: ['--reset'],
  output: 'ignore',
});
starting.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"

results.push(runCheck('typecheck', 'pnpm', ['-s', 'typecheck']));
results.push(runCheck('lint', 'pnpm', ['-s', 'exec', 'eslint', '.']));
results.push(runCheck('format', 'pnpm', ['-s', 'exec', 'prettier', '--check', '--log-level=warn', '.']));

const stack = await starting;
log('the local stack is up');
try {
  results.push(runVitest());
  // e2e/scale-out: two BFF replicas behind HAProxy sharing Redis, beside the stack; alone, as it kills processes.
  results.push(runVitest('scale-out', ['--config', 'e2e/scale-out/vitest.config.ts']));
  results.push(runPlaywright());
  // Last: its faults stop, pause and restart the shared stack's processes (it restores them itself).
  results.push(runVitest('reliability', ['--config', 'e2e/reliability/vitest.config.ts']));
} finally {
  await stack.stop();
}

const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('');
for (const r of results)
  log(`${r.suite.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);

/** A whole-workspace check (typecheck, lint, formatting) counted as one test. */
function runCheck(suite: string, command: string, args: string[]): SuiteResult {
  log(`${suite}…`);
  const ok = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: testEnv }).status === 0;
  return { suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

/** The Vitest projects of the root config, or a suite of its own config (`reliability`, `scale-out` in e2e/). */
function runVitest(suite = 'vitest', configArgs: string[] = []): SuiteResult {
  const output = path.join(resultsDir, `${suite}.json`);
  log(
    suite === 'vitest'
      ? 'unit and integration tests (Vitest)…'
      : `${suite} tests (Vitest, e2e/${suite}, against the same stack)…`,
  );
  const run = spawnSync(
    'pnpm',
    [
      '-s',
      'exec',
      'vitest',
      'run',
      ...configArgs,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
      env: testEnv,
    },
  );
  return countsFromJson(suite, output, run.status, (report: VitestReport) => ({
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  }));
}

function runPlaywright(): SuiteResult {
  const output = path.join(resultsDir, 'playwright.json');
  log('end-to-end tests (Playwright, Chromium)…');
  const run = spawnSync('pnpm', ['-s', 'exec', 'playwright', 'test', '--reporter=list,json'], {
    cwd: path.join(repoRoot, 'e2e'),
    stdio: 'inherit',
    env: { ...testEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
  });
  return countsFromJson('e2e', output, run.status, (report: PlaywrightReport) => ({
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + (report.errors?.length ?? 0),
    skipped: report.stats.skipped,
  }));
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites?: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  errors?: unknown[];
}

/** A runner that crashed without a report counts as one failure, so a broken suite can never look green. */
function countsFromJson<T>(
  suite: string,
  file: string,
  status: number | null,
  count: (report: T) => Omit<SuiteResult, 'suite'>,
): SuiteResult {
  try {
    const counts = count(JSON.parse(readFileSync(file, 'utf8')) as T);
    const failed = counts.failed === 0 && status !== 0 ? 1 : counts.failed;
    return { suite, ...counts, failed };
  } catch {
    log(`${suite}: no report at ${file} (runner exit ${status}); counted as 1 failure`);
    return { suite, passed: 0, failed: 1, skipped: 0 };
  }
}
