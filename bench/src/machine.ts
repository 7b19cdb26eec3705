import os from 'node:os';
import type { Machine } from './report.ts';

/** What the figures were measured on (load average taken at the start: other suites may be running). */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  const [one, five, fifteen] = os.loadavg() as [number, number, number];
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: [one, five, fifteen],
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
