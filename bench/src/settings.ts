// The bench's settings: mode, rounds and sizes per mode, and where its own stack lives.
import path from 'node:path';
import { repoRoot } from '@ctp/azure-local/config';

export type Mode = 'quick' | 'full';

export interface BenchSettings {
  mode: Mode;
  rounds: number;
  /** Rounds of the 10,000-tag measurements (each round lists 10,000 tags through the local login server). */
  largeRounds: number;
  scan: { repositories: number; tags: number };
  large: { tags: number; signedShare: number };
  load: { connections: number[]; durationSeconds: number };
  /** The bench's own stack: data folder and first port (beside `npm start` at 8400 and `npm test` at 9400). */
  dataDir: string;
  portBase: number;
  resultsDir: string;
  /** Use the stack already running in dataDir and leave it running (for working on the bench). */
  reuseStack: boolean;
  /** Only these measurements (`--only scan,bundle`); all by default. */
  only?: string[];
}

export function benchSettings(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const onlyAt = argv.indexOf('--only');
  const onlyArg = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const mode: Mode = argv.includes('--quick') ? 'quick' : 'full';
  const portBase = Number(env.CTP_BENCH_PORT_BASE ?? 7400);
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65000)
    throw new Error(
      `CTP_BENCH_PORT_BASE must be an integer between 1024 and 65000, got "${env.CTP_BENCH_PORT_BASE}"`,
    );
  return {
    mode,
    rounds: 3,
    largeRounds: mode === 'quick' ? 1 : 3,
    scan: mode === 'quick' ? { repositories: 60, tags: 10 } : { repositories: 500, tags: 20 },
    large: { tags: 10_000, signedShare: 0.3 },
    load: { connections: [50, 200], durationSeconds: mode === 'quick' ? 5 : 20 },
    dataDir: path.resolve(repoRoot, env.CTP_BENCH_DATA_DIR ?? '.data/bench'),
    portBase,
    resultsDir: path.join(repoRoot, 'bench/results'),
    reuseStack: argv.includes('--reuse-stack'),
    ...(onlyArg ? { only: onlyArg.split(',') } : {}),
  };
}
