import path from 'node:path';
import { portFor } from '../config.ts';
import type { RegistryRecord } from '../ports.ts';
import type { StackContext } from '../stack-context.ts';
import { postgresLocation, type PostgresLocation } from './postgres-location.ts';

/**
 * Where the data plane keeps its state and which ports it listens on, derived from the stack config
 * so every piece (processes, login servers, seed, tests) agrees without passing numbers around.
 */
export interface DataPlaneLayout {
  root: string;
  /** The PostgreSQL cluster: inside the data folder, or outside it for a stack run by root. */
  postgres: PostgresLocation;
  postgresPort: number;
  signerPort: number;
  configDir: string;
  tlsDir: string;
  secretsFile: string;
  registryStorage(name: string): string;
  trustDeletionJournal(name: string): string;
  seedDir: string;
  loginServerPort(slot: number): number;
  registryPort(slot: number): number;
  notaryServerPort(slot: number): number;
}

export function dataPlaneLayout(ctx: Pick<StackContext, 'config'>): DataPlaneLayout {
  const root = ctx.config.dataDir;
  return {
    root,
    postgres: postgresLocation(root),
    postgresPort: portFor(ctx.config, 'postgres'),
    signerPort: portFor(ctx.config, 'notarySigner'),
    configDir: path.join(root, 'data-plane', 'config'),
    tlsDir: path.join(root, 'data-plane', 'tls'),
    secretsFile: path.join(root, 'data-plane', 'secrets.json'),
    registryStorage: (name) => path.join(root, 'registries', name),
    trustDeletionJournal: (name) => path.join(root, 'data-plane', 'trust-deletion', `${name}.json`),
    seedDir: path.join(root, 'seed'),
    loginServerPort: (slot) => portFor(ctx.config, 'loginServerFirst', slot),
    registryPort: (slot) => portFor(ctx.config, 'upstreamFirst', 2 * slot),
    notaryServerPort: (slot) => portFor(ctx.config, 'upstreamFirst', 2 * slot + 1),
  };
}

/** `localhost:<port>`, the host part of every GUN of the registry. */
export function gunPrefix(registry: RegistryRecord): string {
  return `${registry.loginServer}/`;
}
