import type {
  RepositorySummary,
  ScanEvent,
  StatusCounts,
  TagEvent,
  TagRow,
  TrustState,
} from '@ctp/contracts';
import { tagStatuses } from '@ctp/contracts';
import type { Problem } from '@ctp/contracts';

/** A registry scan as the blade shows it, folded from the stream's events. */
export interface ScanState {
  total?: number;
  done: number;
  repositories: RepositorySummary[];
  totals?: StatusCounts;
  finished: boolean;
  problem?: Problem;
}

export const initialScan: ScanState = { done: 0, repositories: [], finished: false };

export function foldScan(state: ScanState, event: ScanEvent): ScanState {
  switch (event.type) {
    case 'start':
      return { ...initialScan, total: event.total };
    case 'repository':
      return {
        ...state,
        done: event.done,
        total: event.total,
        repositories: [...state.repositories, event.repository],
      };
    case 'done':
      return { ...state, done: event.done, totals: event.totals, finished: true };
    case 'error':
      return { ...state, problem: event.problem, finished: true };
  }
}

/** Replaces one repository's summary (after a retry), keeping the totals consistent. */
export function replaceRepository(state: ScanState, summary: RepositorySummary): ScanState {
  const repositories = state.repositories.map((r) => (r.repository === summary.repository ? summary : r));
  return { ...state, repositories, ...(state.totals ? { totals: sumCounts(repositories) } : {}) };
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(tagStatuses.map((s) => [s, 0])) as StatusCounts;
}

export function sumCounts(repositories: readonly RepositorySummary[]): StatusCounts {
  const totals = emptyCounts();
  for (const r of repositories) for (const s of tagStatuses) totals[s] += r.counts[s];
  return totals;
}

/** One repository's tags, folded from the tag stream. */
export interface TagsState {
  trust?: TrustState;
  reason?: string;
  loginServer?: string;
  rows: TagRow[];
  total?: number;
  counts?: StatusCounts;
  finished: boolean;
  problem?: Problem;
}

export const initialTags: TagsState = { rows: [], finished: false };

export function foldTags(state: TagsState, event: TagEvent): TagsState {
  switch (event.type) {
    case 'trust':
      return {
        ...initialTags,
        trust: event.trust,
        loginServer: event.loginServer,
        ...(event.reason ? { reason: event.reason } : {}),
      };
    case 'tags':
      return { ...state, rows: state.rows.concat(event.tags) };
    case 'done':
      return { ...state, total: event.total, counts: event.counts, finished: true };
    case 'error':
      return { ...state, problem: event.problem, finished: true };
  }
}
