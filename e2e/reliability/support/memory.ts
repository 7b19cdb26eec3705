// The resident memory of a supervised process (Linux /proc), to bound the BFF's memory under load.
import { readFile } from 'node:fs/promises';

export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the peak. */
export function sampleResident(pid: number, everyMs = 500): { stop(): Promise<number> } {
  let peak = 0;
  const timer = setInterval(() => {
    void residentBytes(pid).then(
      (b) => (peak = Math.max(peak, b)),
      () => undefined,
    );
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      return Math.max(peak, await residentBytes(pid));
    },
  };
}
