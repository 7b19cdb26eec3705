// The bench's own logic: targets met or missed (with the cause only when missed), the written report,
// alternated rounds, percentiles, and which chunks the SPA loads initially.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSizes, staticClosure, type ViteManifest } from '../src/measure/bundle.ts';
import { meets, quotient, ratio, toMarkdown, writeReport, type BenchReport } from '../src/report.ts';
import { alternate, median, percentile } from '../src/stats.ts';

describe('targets', () => {
  it('compares each way, and never meets on a missing value', () => {
    expect(meets(10, { op: '>=', bound: 10 })).toBe(true);
    expect(meets(9.99, { op: '>=', bound: 10 })).toBe(false);
    expect(meets(1.5, { op: '<=', bound: 1.5 })).toBe(true);
    expect(meets(50, { op: '<', bound: 50 })).toBe(false);
    expect(meets(0, { op: '=', bound: 0 })).toBe(true);
    expect(meets(1, { op: '=', bound: 0 })).toBe(false);
    expect(meets(quotient(5, 0), { op: '<=', bound: 100 })).toBe(false);
  });

  it('asks for the cause only when the target is missed', () => {
    let asked = 0;
    const why = () => {
      asked++;
      return 'the servers are the limit';
    };
    expect(ratio('d/a', 12, { op: '>=', bound: 10 }, why)).toEqual({
      name: 'd/a',
      value: 12,
      target: '≥ 10',
      met: true,
    });
    expect(asked).toBe(0);
    expect(ratio('d/a', 0.8, { op: '>=', bound: 10 }, why)).toMatchObject({
      met: false,
      note: 'the servers are the limit',
    });
    expect(asked).toBe(1);
  });
});

describe('the report', () => {
  const report: BenchReport = {
    date: '2026-12-02T01:00:00.000Z',
    machine: {
      cpus: 2,
      cpuModel: 'Test CPU',
      memoryGiB: 8,
      loadAverage: [1, 2, 3],
      node: 'v20.0.0',
      platform: 'Linux',
    },
    mode: 'quick',
    figures: [{ name: 'scan | cold', value: 1234.5, unit: 'ms' }],
    ratios: [
      ratio('b/a', 0.05, { op: '<=', bound: 0.1 }),
      ratio('a/f', 2, { op: '<=', bound: 1.5 }, () => 'verification'),
    ],
    missing: [{ name: 'full mode', reason: 'no time' }],
  };

  it('writes the JSON and the table, with misses marked and notes kept', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ctp-bench-report-'));
    try {
      const md = await writeReport(dir, report, ['full-2026-12-02.md']);
      expect(JSON.parse(await readFile(path.join(dir, 'latest.json'), 'utf8'))).toEqual(report);
      expect(await readFile(path.join(dir, 'latest.md'), 'utf8')).toBe(md);
      expect(await readFile(path.join(dir, 'full-2026-12-02.md'), 'utf8')).toBe(md);
      expect(md).toContain('| b/a | 0.05 | ≤ 0.1 | yes |  |');
      expect(md).toContain('| a/f | 2.00 | ≤ 1.5 | **no** | verification |');
      expect(md).toContain('| scan \\| cold | 1235 | ms |  |'); // a pipe in a name cannot break the table
      expect(md).toContain('2 × Test CPU, 8 GiB, load average at start 1.00 / 2.00 / 3.00, Node v20.0.0');
      expect(md).toContain('- full mode: no time');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says n/a for a value that could not be computed', () => {
    const md = toMarkdown({ ...report, ratios: [ratio('x', quotient(1, 0), { op: '>=', bound: 1 })] });
    expect(md).toContain('| x | n/a | ≥ 1 | **no** |');
  });
});

describe('statistics', () => {
  it('takes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    const frames = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(frames, 95)).toBe(95);
    expect(percentile([16, 17, 200], 95)).toBe(200);
    expect(() => median([])).toThrow();
  });

  it('rotates the order of the contenders from round to round', async () => {
    const order: string[] = [];
    const run = (name: string) => async () => {
      order.push(name);
      return order.length;
    };
    const times = await alternate(3, [
      { name: 'a', run: run('a') },
      { name: 'b', run: run('b') },
      { name: 'c', run: run('c') },
    ]);
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(times).toEqual({ a: [1, 6, 8], b: [2, 4, 9], c: [3, 5, 7] });
  });
});

describe('the SPA bundle', () => {
  const manifest: ViteManifest = {
    'index.html': {
      file: 'assets/main.js',
      isEntry: true,
      imports: ['_shared.js'],
      dynamicImports: ['src/A.tsx'],
    },
    '_shared.js': { file: 'assets/shared.js', imports: ['_runtime.js'] },
    '_runtime.js': { file: 'assets/runtime.js' },
    '_style.css': { file: 'assets/style.css' },
    'src/A.tsx': {
      file: 'assets/A.js',
      src: 'src/A.tsx',
      isDynamicEntry: true,
      imports: ['_shared.js', '_a-only.js'],
    },
    '_a-only.js': { file: 'assets/a-only.js' },
  };

  it('counts the entry and its static imports as initial, and a route by what it adds', async () => {
    expect([...staticClosure(manifest, 'index.html')].sort()).toEqual([
      '_runtime.js',
      '_shared.js',
      'index.html',
    ]);
    const sizes: Record<string, number> = {
      'assets/main.js': 100,
      'assets/shared.js': 50,
      'assets/runtime.js': 1,
      'assets/A.js': 30,
      'assets/a-only.js': 7,
    };
    const result = await bundleSizes(manifest, async (file) => sizes[file]!);
    expect(result.initialGzip).toBe(151);
    expect(result.routes).toEqual([{ route: 'src/A.tsx', gzip: 37 }]);
  });
});
