// Repository answers of the BFF for fault tests: one repository's summary and its tags, as the SPA
// asks for them, with the time the answer took, and what an answer during a fault must (not) say.
import { expect } from 'vitest';
import type { Stack } from '../../stack/support/stack.ts';
import { call, registryApi, type RawAnswer } from './portal.ts';

export interface Summary {
  repository: string;
  trust: string;
  reason?: string;
  counts: Record<string, number>;
  tags: number;
}

export interface TimedAnswer<T> {
  status: number;
  body: T;
  ms: number;
}

/** GET one repository route of a registry (`summary`, `tags`) and how long the whole answer took. */
async function repositoryRoute(
  s: Stack,
  token: string,
  route: 'summary' | 'tags',
  repository: string,
  registryName: string,
): Promise<{ answer: RawAnswer; ms: number }> {
  const started = Date.now();
  const answer = await call(
    s,
    `${registryApi(s, registryName)}/repositories/${route}?repository=${encodeURIComponent(repository)}`,
    { token },
  );
  return { answer, ms: Date.now() - started };
}

export async function summaryOf(
  s: Stack,
  token: string,
  repository: string,
  registryName = s.premium.name,
): Promise<TimedAnswer<Summary>> {
  const { answer, ms } = await repositoryRoute(s, token, 'summary', repository, registryName);
  return { status: answer.status, body: answer.json() as Summary, ms };
}

/** The tag stream of one repository (NDJSON: `trust`, `tags` pages, `done`), read to its end. */
export interface TagStream {
  trust: string;
  reason?: string;
  rows: Array<{ tag: string; status: string }>;
  counts: Record<string, number>;
}

export async function tagsOf(
  s: Stack,
  token: string,
  repository: string,
  registryName = s.premium.name,
): Promise<TimedAnswer<TagStream>> {
  const { answer, ms } = await repositoryRoute(s, token, 'tags', repository, registryName);
  const events = answer.text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const trust = events.find((e) => e.type === 'trust') ?? {};
  const body: TagStream = {
    trust: String(trust.trust),
    ...(typeof trust.reason === 'string' ? { reason: trust.reason } : {}),
    rows: events.flatMap((e) => (e.type === 'tags' ? (e.tags as TagStream['rows']) : [])),
    counts: (events.find((e) => e.type === 'done')?.counts ?? {}) as Record<string, number>,
  };
  return { status: answer.status, body, ms };
}

export interface ScanLine {
  type: string;
  repository?: Summary;
  done?: number;
  total?: number;
  failed?: number;
}

/** A whole scan, read to its end (NDJSON). */
export async function scanOf(s: Stack, token: string, registryName = s.premium.name): Promise<ScanLine[]> {
  const answer = await call(s, `${registryApi(s, registryName)}/repositories/scan`, { token });
  if (answer.status !== 200) throw new Error(`scan answered ${answer.status}: ${answer.text}`);
  return answer.text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScanLine);
}

/** The BFF's upstream deadline as the stack sets it (BFF_UPSTREAM_TIMEOUT_MS, default 15 s). */
export const UPSTREAM_TIMEOUT_MS = Number(process.env.BFF_UPSTREAM_TIMEOUT_MS ?? 15_000);

/** An ordinary answer that reports nothing as verified: invalid or unknown, with the reason, no tag signed. */
export function expectNotVerified(summary: Summary, label: string): void {
  expect(['invalid', 'unknown'], label).toContain(summary.trust);
  expect(summary.reason, label).toBeTruthy();
  expect(summary.counts.signed ?? 0, label).toBe(0);
  expect(summary.counts['signed-digest-mismatch'] ?? 0, label).toBe(0);
}
