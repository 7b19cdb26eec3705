// A registry-wide scan as a stream of events: each repository's summary as soon as it is computed,
// with progress (done / total), a bounded number of repositories in flight, and an AbortSignal that
// stops starting new work at once (in-flight requests abort through the signal-bound fetch).
import type { RegistryClient } from '@ctp/registry';
import type { RepositoryScanContext, RepositorySummary } from './repository-scan.ts';
import { scanRepository } from './repository-scan.ts';
import { emptyCounts, TAG_STATUSES, type StatusCounts } from './tag-rows.ts';

export type ScanEvent =
  | { type: 'start'; total: number }
  | { type: 'repository'; done: number; total: number; repository: RepositorySummary }
  | { type: 'done'; done: number; total: number; totals: StatusCounts; failed: number };

export interface RegistryScanOptions extends RepositoryScanContext {
  /** Repositories scanned at once (default 4). */
  concurrency?: number;
  /** Only these repositories (default: the registry's catalog). */
  repositories?: string[];
}

/** The catalog, sorted (one listing; its failure is the caller's error, not a repository's). */
export async function listRepositories(registry: RegistryClient): Promise<string[]> {
  return (await registry.listRepositories({ pageSize: 1000 })).sort();
}

export async function* scanRegistry(opts: RegistryScanOptions): AsyncGenerator<ScanEvent> {
  const repositories = opts.repositories ?? (await listRepositories(opts.registry));
  const total = repositories.length;
  yield { type: 'start', total };
  const ready: RepositorySummary[] = [];
  let wake: (() => void) | undefined;
  let next = 0;
  let running = 0;
  const signal = opts.signal;
  signal?.addEventListener('abort', () => wake?.(), { once: true });
  const startMore = () => {
    while (running < (opts.concurrency ?? 4) && next < total && !signal?.aborted) {
      const repository = repositories[next++]!;
      running++;
      void scanRepository(opts, repository)
        .catch((error: unknown) => ({
          // scanRepository reports failures as data; this only catches a bug or an abort mid-way.
          repository,
          gun: `${opts.loginServer}/${repository}`,
          trust: 'unknown' as const,
          reason: (error as Error).message,
          counts: emptyCounts(),
          tags: 0,
        }))
        .then((summary) => {
          running--;
          ready.push(summary);
          wake?.();
        });
    }
  };
  const totals = emptyCounts();
  let done = 0;
  let failed = 0;
  startMore();
  while (done < total) {
    if (signal?.aborted) return;
    if (ready.length === 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      continue;
    }
    const summary = ready.shift()!;
    done++;
    if (summary.trust === 'unknown' || summary.trust === 'invalid') failed++;
    for (const s of TAG_STATUSES) totals[s] += summary.counts[s];
    startMore();
    yield { type: 'repository', done, total, repository: summary };
  }
  yield { type: 'done', done, total, totals, failed };
}
