// Measurement 3: the BFF under load — autocannon against the repository-tags and scan-summary routes
// with warm caches, at each connection count: throughput, p50/p99 latency, errors, and the BFF's
// resident memory before, during (peak) and after.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { RegistryRef } from '@ctp/contracts';
import { REGISTRIES_RG, type Stack } from '../../../e2e/stack/support/stack.ts';
import type { BenchBff, MemoryReport } from '../bff-process.ts';
import type { ScanRegistry } from '../fixtures/scan-registry.ts';
import { PortalClient, repositoriesPath } from '../portal-client.ts';
import os from 'node:os';
import { cpuDuring, describeCpu, rssMiB } from '../proc.ts';
import { stackPids } from '../stack.ts';
import { median } from '../stats.ts';
import { quotient, ratio, type Figure, type Ratio } from '../report.ts';

export async function measureLoad(
  s: Stack,
  bff: BenchBff,
  registry: ScanRegistry,
  options: { connections: number[]; durationSeconds: number },
  log: (line: string) => void,
): Promise<{ figures: Figure[]; ratios: Ratio[] }> {
  const ref: RegistryRef = {
    subscriptionId: s.arm.subscriptionId,
    resourceGroup: REGISTRIES_RG,
    registryName: registry.registryName,
  };
  const repository = registry.repositories[5]!;
  const routes = {
    tags: repositoriesPath(ref, `tags?repository=${encodeURIComponent(repository)}`),
    summary: repositoriesPath(ref, `summary?repository=${encodeURIComponent(repository)}`),
  };
  await bff.start();
  const figures: Figure[] = [];
  const ratios: Ratio[] = [];
  try {
    const client = await PortalClient.as(s, bff.url);
    for (const path of Object.values(routes)) {
      const warm = await fetch(`${bff.url}${path}`, { headers: client.headers }); // fills the caches
      if (!warm.ok) throw new Error(`${path} answered ${warm.status} before the load`);
      await warm.text();
    }
    const pids = await stackPids(s);
    // One request at a time: the latency of a route without queueing, and where its CPU goes.
    for (const [name, path] of Object.entries(routes)) {
      const alone: number[] = [];
      const run = await cpuDuring({ ...pids, bff: bff.pid }, async () => {
        for (let i = 0; i < 20; i++) {
          const start = performance.now();
          await (await fetch(`${bff.url}${path}`, { headers: client.headers })).text();
          alone.push(performance.now() - start);
        }
      });
      figures.push({
        name: `load ${name}: one request at a time, median of 20`,
        value: median(alone),
        unit: 'ms',
        note: `CPU per request (/proc, 10 ms ticks): ${describeCpu(run.cpu, 20)}`,
      });
    }
    const before = await rssMiB(bff.pid);
    const splitBefore = await bff.memoryReport();
    let peak = before;
    for (const [name, path] of Object.entries(routes)) {
      for (const connections of options.connections) {
        const sampler = setInterval(
          () =>
            void rssMiB(bff.pid).then(
              (r) => (peak = Math.max(peak, r)),
              () => {},
            ),
          250,
        );
        let result: autocannon.Result;
        let cpu: { cpu: Record<string, number>; wallSeconds: number };
        try {
          // autocannon's instance is a thenable (no .finally): awaited inside try/finally.
          const run = await cpuDuring({ ...pids, bff: bff.pid }, async () =>
            autocannon({
              url: `${bff.url}${path}`,
              headers: client.headers,
              connections,
              duration: options.durationSeconds,
            }),
          );
          result = run.value;
          cpu = run;
        } finally {
          clearInterval(sampler);
        }
        const errors = result.errors + result.timeouts + result.non2xx;
        const label = `load ${name} ×${connections} (${options.durationSeconds} s)`;
        log(
          `${label}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${errors} errors`,
        );
        figures.push(
          {
            name: `${label}: throughput`,
            value: result.requests.average,
            unit: 'req/s',
            note: `CPU while it ran: ${describeCpu(cpu!.cpu)} in ${cpu!.wallSeconds.toFixed(1)} s on ${os.cpus().length} cores`,
          },
          { name: `${label}: latency p50`, value: result.latency.p50, unit: 'ms' },
          { name: `${label}: latency p99`, value: result.latency.p99, unit: 'ms' },
        );
        ratios.push(
          ratio(
            `${label}: errors`,
            errors,
            { op: '=', bound: 0 },
            () =>
              `${result.errors} socket errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
          ),
        );
      }
    }
    const during = peak;
    // Memory settles once the sockets are gone and the collector has run: V8 gives committed heap back
    // only when its memory reducer sees the process idle for a while, so RSS is read 5 s after the load,
    // then every second until it is back within the target or 60 s have passed.
    await sleep(SETTLE_FIRST_MS);
    const afterFirst = await rssMiB(bff.pid);
    const splitAfterFirst = await bff.memoryReport();
    let after = afterFirst;
    let settledMs = SETTLE_FIRST_MS;
    while (after > before * MEMORY_BOUND && settledMs < SETTLE_MAX_MS) {
      await sleep(1_000);
      settledMs += 1_000;
      after = await rssMiB(bff.pid);
    }
    const splitAfter = await bff.memoryReport();
    const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    figures.push(
      { name: 'BFF resident memory before the load', value: before, unit: 'MiB' },
      { name: 'BFF resident memory during the load (peak)', value: during, unit: 'MiB' },
      {
        name: `BFF resident memory ${seconds(SETTLE_FIRST_MS)} after the load`,
        value: afterFirst,
        unit: 'MiB',
        note: describeSplit(splitBefore, splitAfterFirst),
      },
      {
        name: 'BFF resident memory once settled',
        value: after,
        unit: 'MiB',
        note: `${seconds(settledMs)} after the load; ${describeSplit(splitBefore, splitAfter)}`,
      },
    );
    ratios.push(
      ratio(
        'BFF memory settled / before the load',
        quotient(after, before),
        { op: '<=', bound: MEMORY_BOUND },
        () =>
          `${before.toFixed(0)} → peak ${during.toFixed(0)} → ${afterFirst.toFixed(0)} MiB ${seconds(SETTLE_FIRST_MS)} after → ${after.toFixed(0)} MiB ${seconds(settledMs)} after; where it is, from the BFF's own diagnostic report, before → after: ${describeSplit(splitBefore, splitAfter)}`,
      ),
    );
  } finally {
    await bff.stop();
  }
  return { figures, ratios };
}

const MEMORY_BOUND = 1.5;
const SETTLE_FIRST_MS = 5_000;
const SETTLE_MAX_MS = 60_000;

/** "V8 heap committed 60 → 300 MiB (used 40 → 90), …": what grew, by where the memory is. */
function describeSplit(a: MemoryReport, b: MemoryReport): string {
  const mib = (x: number) => x.toFixed(0);
  const native = (r: MemoryReport) => r.rss - r.heapCommitted - r.external;
  return [
    `V8 heap committed ${mib(a.heapCommitted)} → ${mib(b.heapCommitted)} MiB (in use ${mib(a.heapUsed)} → ${mib(b.heapUsed)})`,
    `buffers ${mib(a.external)} → ${mib(b.external)} MiB`,
    `native memory outside V8 (code, TLS, sockets, the allocator's arenas) ${mib(native(a))} → ${mib(native(b))} MiB`,
  ].join(', ');
}
