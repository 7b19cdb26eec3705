// Measurement 2 (BFF half): one repository of 10,000 tags — the BFF's time to the first page of its
// tag stream and to the full list with statuses (a fresh BFF each round), vs the floor: the registry's
// tag listing plus the trust metadata, fetched alone.
import os from 'node:os';
import type { RegistryRef, TagEvent } from '@ctp/contracts';
import { basicCredentials, REGISTRIES_RG, type Stack } from '../../../e2e/stack/support/stack.ts';
import type { LargePlan, LargeRepository } from '../../../e2e/support/large-repository.ts';
import type { BenchBff } from '../bff-process.ts';
import { PortalClient, repositoriesPath } from '../portal-client.ts';
import { quotient, ratio, type Figure, type Ratio } from '../report.ts';
import { cpuDuring, describeCpu } from '../proc.ts';
import { stackPids } from '../stack.ts';
import { alternate, median } from '../stats.ts';
import { describeBreakdown, fetchFloor, type RequestBreakdown } from './floor.ts';

/** The BFF's page size of the tag stream (services/repositories/service.ts TAG_PAGE_SIZE). */
const TAG_PAGE_SIZE = 500;

export async function measureLarge(
  s: Stack,
  bff: BenchBff,
  large: LargeRepository,
  plan: LargePlan,
  rounds: number,
  log: (line: string) => void,
): Promise<{ figures: Figure[]; ratios: Ratio[] }> {
  const ref: RegistryRef = {
    subscriptionId: s.arm.subscriptionId,
    resourceGroup: REGISTRIES_RG,
    registryName: large.registryName,
  };
  const path = repositoriesPath(ref, `tags?repository=${encodeURIComponent(plan.repository)}`);
  const firsts: Record<string, number[]> = { bff: [], floor: [] };
  const reader = basicCredentials(s, 'owner');
  const times = await alternate(
    rounds,
    [
      {
        name: 'bff',
        run: async () => {
          await bff.start();
          const client = await PortalClient.as(s, bff.url);
          const answer = await client.stream<TagEvent>(path, (l) => l.type === 'tags');
          const done = answer.lines.at(-1);
          if (done?.type !== 'done' || done.total !== plan.tags + plan.missing)
            throw new Error(`the tag stream of ${plan.repository} ended with ${JSON.stringify(done)}`);
          firsts.bff!.push(answer.firstMs);
          await bff.stop();
          return answer.totalMs;
        },
      },
      {
        name: 'floor',
        run: async () => {
          const start = performance.now();
          await fetchFloor({
            loginServer: large.loginServer,
            credentials: reader,
            repositories: [plan.repository],
            pageSize: TAG_PAGE_SIZE,
            onFirstPage: (ms) => firsts.floor!.push(ms),
          });
          return performance.now() - start;
        },
      },
    ],
    log,
  );
  const breakdown: RequestBreakdown = new Map();
  await fetchFloor({
    loginServer: large.loginServer,
    credentials: reader,
    repositories: [plan.repository],
    pageSize: TAG_PAGE_SIZE,
    breakdown,
  });
  // Diagnostics for the note (outside the timed rounds): where the CPU goes during one cold stream.
  const pids = await stackPids(s);
  await bff.start();
  const diagClient = await PortalClient.as(s, bff.url);
  const bffRun = await cpuDuring({ ...pids, bff: bff.pid }, () => diagClient.stream<TagEvent>(path));
  await bff.stop();
  const cpuTotal = Object.values(bffRun.cpu).reduce((x, y) => x + y, 0);
  const cpuText = `${cpuTotal.toFixed(1)} CPU-s in ${bffRun.wallSeconds.toFixed(1)} s wall on ${os.cpus().length} cores (${describeCpu(bffRun.cpu)})`;
  const bffFull = median(times.bff!);
  const floorFull = median(times.floor!);
  const what = `${plan.tags} tags, ${Math.round(((plan.signed + plan.mismatched) / plan.tags) * 100)}% signed`;
  return {
    figures: [
      {
        name: `large repository (${what}): BFF first page of tags, cold`,
        value: median(firsts.bff!),
        unit: 'ms',
      },
      { name: 'large repository: BFF full tag list with statuses, cold', value: bffFull, unit: 'ms' },
      {
        name: 'large repository: floor first page (listing + trust files)',
        value: median(firsts.floor!),
        unit: 'ms',
      },
      {
        name: 'large repository: floor full listing + trust files',
        value: floorFull,
        unit: 'ms',
        note: describeBreakdown(breakdown),
      },
    ],
    ratios: [
      ratio(
        'large repository: BFF full list / floor',
        quotient(bffFull, floorFull),
        { op: '<=', bound: 1.5 },
        () =>
          `floor: ${describeBreakdown(breakdown)}; the BFF adds verification of ${plan.signed + plan.mismatched} signed targets and a row per tag: ` +
          `one cold stream used ${cpuText}; load average ${os.loadavg()[0]!.toFixed(1)}`,
      ),
    ],
  };
}
