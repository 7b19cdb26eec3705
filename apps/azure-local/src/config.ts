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
}

/** Fixed offsets from the port base, so a stack's endpoints are stable across restarts. */
export const portOffsets = {
  portal: 0,
  identity: 1,
  arm: 2,
  graph: 3,
  postgres: 4,
  notarySigner: 5,
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
  };
}
