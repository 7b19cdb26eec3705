import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository lives; default data folders are relative to it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Everything the local stack needs to know before it starts. Read from the environment so that the
 * README's start command, the test runner and a developer's shell can each run their own stack side by
 * side (different data folders and port ranges) while sharing one local CA.
 */
export interface StackConfig {
  /** State of this stack: SQLite, PostgreSQL cluster, registry blobs, logs, stack.json. */
  dataDir: string;
  /** The local CA (generated once, reused by every stack on this machine checkout). */
  caDir: string;
  /** First port of this stack's range; see `ports` for the layout. */
  portBase: number;
  /** Wipe dataDir (not the CA) before starting. */
  reset: boolean;
  /** Also start the portal (BFF serving the SPA). */
  withPortal: boolean;
  /** BFF replicas behind HAProxy sharing Redis (`--replicas N`); 1 = the single portal process. */
  replicas?: number;
}

/** Fixed offsets from the port base, so a stack's endpoints are stable across restarts. */
export const portOffsets = {
  portal: 0,
  identity: 1,
  arm: 2,
  graph: 3,
  postgres: 4,
  notarySigner: 5,
  /** With --replicas N: BFF replicas at +6, +7, +8 (behind HAProxy on `portal`), Redis at +9. */
  portalReplicaFirst: 6,
  redis: 9,
  /** Login server of registry number k (persisted per registry) is loginServerFirst + k. */
  loginServerFirst: 10,
  /** Internal (loopback, plain HTTP) upstreams of registry k: registry at +2k, notary-server at +2k+1. */
  upstreamFirst: 40,
} as const;

export function portFor(config: StackConfig, key: keyof typeof portOffsets, index = 0): number {
  return config.portBase + portOffsets[key] + index;
}

export function loadStackConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): StackConfig {
  const dataDir = path.resolve(repoRoot, env.CTP_DATA_DIR ?? '.data');
  const portBase = Number(env.CTP_PORT_BASE ?? 8400);
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65000) {
    throw new Error(`CTP_PORT_BASE must be an integer between 1024 and 65000, got "${env.CTP_PORT_BASE}"`);
  }
  return {
    dataDir,
    caDir: path.resolve(repoRoot, env.CTP_CA_DIR ?? path.join('.data', 'pki')),
    portBase,
    reset: argv.includes('--reset') || env.CTP_RESET === '1',
    withPortal: !argv.includes('--no-portal'),
    replicas: replicasOf(argv),
  };
}

/** `--replicas N` (or `--replicas=N`): 1 to 3 (ports +6..+8 are kept for replicas). */
function replicasOf(argv: string[]): number {
  const at = argv.findIndex((a) => a === '--replicas' || a.startsWith('--replicas='));
  if (at < 0) return 1;
  const raw = argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3) {
    throw new Error(`--replicas takes a number from 1 to 3, got "${raw ?? ''}"`);
  }
  return n;
}
