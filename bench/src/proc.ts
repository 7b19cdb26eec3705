// What processes cost, from /proc (Linux): resident memory, CPU time — for breakdowns of missed targets.
import { readFile } from 'node:fs/promises';

/** Resident set size of a process in MiB (VmRSS of /proc/<pid>/status). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** User + system CPU seconds a process has used (utime and stime of /proc/<pid>/stat; USER_HZ 100). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** CPU seconds each named process used while `fn` ran. */
export async function cpuDuring<T>(
  pids: Record<string, number>,
  fn: () => Promise<T>,
): Promise<{ value: T; cpu: Record<string, number>; wallSeconds: number }> {
  const before = Object.fromEntries(
    await Promise.all(Object.entries(pids).map(async ([k, p]) => [k, await cpuSeconds(p)] as const)),
  );
  const start = performance.now();
  const value = await fn();
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu: Record<string, number> = {};
  for (const [k, p] of Object.entries(pids)) cpu[k] = (await cpuSeconds(p)) - before[k]!;
  return { value, cpu, wallSeconds };
}

/** "stack 3.1 s, notary-server 1.2 s, …" (largest first, those above 0.05 s); `per` n: in ms per unit. */
export function describeCpu(cpu: Record<string, number>, per = 1): string {
  const entries = Object.entries(cpu).sort((a, b) => b[1] - a[1]);
  if (per > 1)
    return entries
      .filter(([, s]) => s > 0)
      .map(([k, s]) => `${k} ${((s / per) * 1000).toFixed(1)} ms`)
      .join(', ');
  return entries
    .filter(([, s]) => s >= 0.05)
    .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
    .join(', ');
}
