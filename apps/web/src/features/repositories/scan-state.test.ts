import { describe, expect, it } from 'vitest';
import type { RepositorySummary } from '@ctp/contracts';
import { emptyCounts, foldScan, initialScan, replaceRepository } from './scan-state.ts';

const summary = (
  repository: string,
  signed: number,
  trust: RepositorySummary['trust'] = 'verified',
): RepositorySummary => ({
  repository,
  gun: `example.azurecr.io/${repository}`,
  trust,
  counts: { ...emptyCounts(), signed, ...(trust === 'unknown' ? { unknown: 1 } : {}) },
  tags: signed,
});

describe('foldScan', () => {
  it('follows the stream: progress per repository, totals at the end', () => {
    let state = foldScan(initialScan, { type: 'start', total: 2, loginServer: 'example.azurecr.io' });
    expect(state).toMatchObject({ total: 2, done: 0, finished: false });
    state = foldScan(state, { type: 'repository', done: 1, total: 2, repository: summary('a', 2) });
    state = foldScan(state, {
      type: 'repository',
      done: 2,
      total: 2,
      repository: summary('b', 0, 'unknown'),
    });
    expect(state.done).toBe(2);
    state = foldScan(state, {
      type: 'done',
      done: 2,
      total: 2,
      failed: 1,
      totals: { ...emptyCounts(), signed: 2, unknown: 1 },
    });
    expect(state).toMatchObject({ finished: true, totals: { signed: 2, unknown: 1 } });
  });

  it('replaces a retried repository and recomputes the totals', () => {
    let state = foldScan(initialScan, { type: 'start', total: 1, loginServer: 'x' });
    state = foldScan(state, {
      type: 'repository',
      done: 1,
      total: 1,
      repository: summary('b', 0, 'unknown'),
    });
    state = foldScan(state, {
      type: 'done',
      done: 1,
      total: 1,
      failed: 1,
      totals: { ...emptyCounts(), unknown: 1 },
    });
    const retried = replaceRepository(state, summary('b', 3));
    expect(retried.repositories[0]!.trust).toBe('verified');
    expect(retried.totals).toMatchObject({ signed: 3, unknown: 0 });
  });
});
