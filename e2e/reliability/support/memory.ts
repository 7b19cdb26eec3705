// The resident memory of a supervised process (Linux /proc), to bound the BFF's memory under load.
import { readFile } from 'node:fs/promises';

export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

export interface ResidentSample {
  atMs: number;
  bytes: number;
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the samples in order. */
export function sampleResident(pid: number, everyMs = 500): { stop(): Promise<ResidentSample[]> } {
  const started = Date.now();
  const samples: ResidentSample[] = [];
  const take = async () => {
    samples.push({ atMs: Date.now() - started, bytes: await residentBytes(pid) });
  };
  const timer = setInterval(() => void take().catch(() => undefined), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await take();
      return samples;
    },
  };
}

/** The highest sample in [fromMs, toMs). */
export function peakBetween(samples: ResidentSample[], fromMs: number, toMs: number): number {
  return Math.max(0, ...samples.filter((s) => s.atMs >= fromMs && s.atMs < toMs).map((s) => s.bytes));
}
