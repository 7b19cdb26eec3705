// The benchmarks of issue 16, in one run on a fresh local stack of the bench's own: builds, fixtures,
// then each measurement (alternated rounds, medians, ratios), then bench/results/latest.{json,md}.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@ctp/azure-local/config';
import { ensureSpaBuilt } from '../../packages/devkit/src/spa-build.ts';
import { BenchBff } from './bff-process.ts';
import { generateScanRegistry } from './fixtures/scan-registry.ts';
import { describeMachine } from './machine.ts';
import { measureBundle } from './measure/bundle.ts';
import { measureScan } from './measure/scan.ts';
import { measureLoad } from './measure/load.ts';
import { measureLarge } from './measure/large.ts';
import { measureBrowser } from './measure/browser.ts';
import { generateLargeRepository, largePlan } from './fixtures/large.ts';
import { writeReport, type BenchReport } from './report.ts';
import { benchSettings } from './settings.ts';
import { startBenchStack } from './stack.ts';

const settings = benchSettings(process.argv.slice(2));
const machine = describeMachine(); // load average before the bench adds its own
const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const report: BenchReport = {
  date: new Date().toISOString(),
  machine,
  mode: settings.mode,
  figures: [],
  ratios: [],
  missing: [],
};
const add = (part: { figures: BenchReport['figures']; ratios: BenchReport['ratios'] }) => {
  report.figures.push(...part.figures);
  report.ratios.push(...part.ratios);
};

log(
  `mode ${settings.mode}; ${machine.cpus} CPUs, load ${machine.loadAverage.map((l) => l.toFixed(2)).join(' ')}, Node ${machine.node}`,
);
log('building the CLI (dist/) and the SPA…');
execFileSync('node', ['build.mjs', '--if-stale'], {
  cwd: path.join(repoRoot, 'packages/cli'),
  stdio: 'pipe',
});
ensureSpaBuilt(log);
const wanted = (name: string) => !settings.only || settings.only.includes(name);
if (wanted('bundle')) {
  log('measuring the SPA bundle (a build with its manifest)…');
  add(await measureBundle(path.join(settings.dataDir, '..', 'bench-web-bundle')));
}

const stack = await startBenchStack(settings, log);
try {
  const { s } = stack;
  const bff = await BenchBff.like(s, settings.portBase, settings.dataDir);
  try {
    if (wanted('scan') || wanted('load')) {
      log(`generating the scan registry (${settings.scan.repositories} × ${settings.scan.tags})…`);
      const scanRegistry = await generateScanRegistry(s, settings.scan, log);
      if (wanted('scan')) {
        log('measuring the registry scan…');
        add(await measureScan(s, bff, scanRegistry, settings.rounds, log));
      }
      if (wanted('load')) {
        log('measuring the BFF under load…');
        add(await measureLoad(s, bff, scanRegistry, settings.load, log));
      }
    }
    if (wanted('large') || wanted('browser')) {
      const plan = largePlan(settings.large.tags, settings.large.signedShare);
      log(`generating the large repository (${plan.tags} tags, ${plan.signed + plan.mismatched} signed)…`);
      const large = await generateLargeRepository(s, plan);
      if (wanted('large')) {
        log('measuring the large repository through the BFF…');
        add(await measureLarge(s, bff, large, plan, settings.largeRounds, log));
      }
      if (wanted('browser')) {
        log('measuring the large repository in Chromium…');
        add(await measureBrowser(s, large, plan, settings.largeRounds, settings.dataDir, log));
      }
    }
  } finally {
    await bff.stop();
  }
} finally {
  await stack.stop();
}

const extra = settings.mode === 'full' ? [`full-${report.date.slice(0, 10)}.md`] : [];
const md = await writeReport(settings.resultsDir, report, extra);
console.log(`\n${md}`);
log(`results in ${path.relative(repoRoot, settings.resultsDir)}/latest.{json,md}`);
