import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { StackConfig } from '../config.ts';
import { dataPlaneLayout } from '../data-plane/layout.ts';
import { SERVER_DATABASE } from '../data-plane/schema.ts';

/**
 * Read-only look into notary-server's own PostgreSQL tables of a running stack, for tests that must see
 * what the trust server really holds (the login servers answer not-found for every trust path while a
 * registry's policy is off, so they cannot tell a deletion from a hidden store).
 */
export interface TrustStoreProbe {
  /** Live TUF files per GUN under `gunPrefix` (e.g. `localhost:8410/`), GUNs with none left out. */
  liveFiles(gunPrefix: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function openTrustStoreProbe(config: StackConfig): Promise<TrustStoreProbe> {
  const layout = dataPlaneLayout({ config });
  // Read, never create: the probe must not invent secrets for a stack that is not there.
  const { postgresPassword } = JSON.parse(await readFile(layout.secretsFile, 'utf8')) as {
    postgresPassword: string;
  };
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${layout.postgresPort}/${SERVER_DATABASE}?sslmode=disable`,
  });
  await client.connect();
  return {
    async liveFiles(gunPrefix) {
      const result = await client.query<{ gun: string; files: number }>(
        `SELECT gun, count(*)::int AS files FROM tuf_files
          WHERE starts_with(gun, $1) AND deleted_at IS NULL GROUP BY gun ORDER BY gun`,
        [gunPrefix],
      );
      return Object.fromEntries(result.rows.map((r) => [r.gun, r.files]));
    },
    close: () => client.end(),
  };
}
