// The bench's results: figures (measured values) and targets (a value against its bound, met or not,
// with the measured cause when not), written as bench/results/latest.{json,md} and printed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export type Comparison = '>=' | '<=' | '<' | '=';

export interface Target {
  op: Comparison;
  bound: number;
}

export interface Ratio {
  name: string;
  value: number;
  /** The bound as text, e.g. "≥ 10". */
  target: string;
  met: boolean;
  note?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: [number, number, number];
  node: string;
  platform: string;
}

export interface BenchReport {
  date: string;
  machine: Machine;
  mode: 'quick' | 'full';
  figures: Figure[];
  ratios: Ratio[];
  /** Measurements that could not run, with the reason (the report still says what was measured). */
  missing?: Array<{ name: string; reason: string }>;
}

const SYMBOL: Record<Comparison, string> = { '>=': '≥', '<=': '≤', '<': '<', '=': '=' };

export function meets(value: number, { op, bound }: Target): boolean {
  if (!Number.isFinite(value)) return false;
  switch (op) {
    case '>=':
      return value >= bound;
    case '<=':
      return value <= bound;
    case '<':
      return value < bound;
    case '=':
      return value === bound;
  }
}

/** A targeted value; `whyMissed` is asked for the measured cause only when the target is missed. */
export function ratio(name: string, value: number, target: Target, whyMissed?: () => string): Ratio {
  const met = meets(value, target);
  const note = met ? undefined : whyMissed?.();
  return { name, value, target: `${SYMBOL[target.op]} ${target.bound}`, met, ...(note ? { note } : {}) };
}

/** `a / b` guarded against an empty denominator (NaN then, which never meets a target). */
export function quotient(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `# Benchmarks (${report.mode}) — ${report.date}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' / ')}, Node ${m.node}, ${m.platform}.`,
    '',
    '## Targets',
    '',
    '| measurement | value | target | met | note |',
    '| --- | ---: | --- | --- | --- |',
    ...report.ratios.map(
      (r) =>
        `| ${cell(r.name)} | ${format(r.value)} | ${r.target} | ${r.met ? 'yes' : '**no**'} | ${cell(r.note ?? '')} |`,
    ),
    '',
    '## Figures',
    '',
    '| figure | value | unit | note |',
    '| --- | ---: | --- | --- |',
    ...report.figures.map(
      (f) => `| ${cell(f.name)} | ${format(f.value)} | ${f.unit} | ${cell(f.note ?? '')} |`,
    ),
  ];
  if (report.missing?.length) {
    lines.push('', '## Not measured in this run', '');
    for (const x of report.missing) lines.push(`- ${x.name}: ${x.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes latest.json and latest.md into `dir` (and `extraMarkdown` names, e.g. full-<date>.md). */
export async function writeReport(dir: string, report: BenchReport, extraMarkdown: string[] = []) {
  await mkdir(dir, { recursive: true });
  const md = toMarkdown(report);
  await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(dir, 'latest.md'), md);
  for (const name of extraMarkdown) await writeFile(path.join(dir, name), md);
  return md;
}
