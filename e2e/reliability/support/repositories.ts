// Repository answers of the BFF for fault tests: one repository's summary and its tags, as the SPA
// asks for them, with the time the answer took.
import type { Stack } from '../../stack/support/stack.ts';
import { call, registryApi } from './portal.ts';

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

export async function summaryOf(
  s: Stack,
  token: string,
  repository: string,
  registryName = s.premium.name,
): Promise<TimedAnswer<Summary>> {
  const started = Date.now();
  const answer = await call(
    s,
    `${registryApi(s, registryName)}/repositories/summary?repository=${encodeURIComponent(repository)}`,
    { token },
  );
  return { status: answer.status, body: answer.json() as Summary, ms: Date.now() - started };
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
