import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { StackConfig } from '../config.ts';
import { dataPlaneLayout } from '../data-plane/layout.ts';
import { SERVER_DATABASE } from '../data-plane/schema.ts';

/**
 * Test-only faults in notary-server's own PostgreSQL store of a running stack, so the real trust server
 * serves what a broken or hostile one would: other bytes in place of a role's current file (truncated,
 * garbage, tampered documents, served under the original checksum too), or no table at all (every trust
 * request a 500); or holds a GUN's rows locked so that its deletion waits midway. Each fault returns its
 * own undo; the tests call it in `finally`.
 */
export interface TrustStoreFaults {
  /** Serves `bytes` for the current file of `role` of `gun`; resolves to the undo. */
  replaceCurrent(gun: string, role: string, bytes: Uint8Array): Promise<() => Promise<void>>;
  /** The current file of a role, as stored. */
  current(gun: string, role: string): Promise<Buffer>;
  /** Hides notary-server's table of TUF files (its queries fail: 500s); resolves to the undo. */
  hideFiles(): Promise<() => Promise<void>>;
  /**
   * Holds a row lock on every file of `gun` in a transaction: notary-server's delete of that GUN waits
   * until it is released (or this connection dies); resolves to the release.
   */
  lockGun(gun: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openTrustStoreFaults(config: StackConfig): Promise<TrustStoreFaults> {
  const layout = dataPlaneLayout({ config });
  const { postgresPassword } = JSON.parse(await readFile(layout.secretsFile, 'utf8')) as {
    postgresPassword: string;
  };
  const client = new pg.Client({
    connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${layout.postgresPort}/${SERVER_DATABASE}?sslmode=disable`,
  });
  client.on('error', () => undefined); // a PostgreSQL restart by another test must not crash the runner
  await client.connect();
  const currentRow = async (gun: string, role: string) => {
    const result = await client.query<{ id: number; data: Buffer }>(
      `SELECT id, data FROM tuf_files WHERE gun = $1 AND role = $2 AND deleted_at IS NULL
        ORDER BY version DESC LIMIT 1`,
      [gun, role],
    );
    const row = result.rows[0];
    if (!row) throw new Error(`notary-server holds no ${role} of ${gun}`);
    return row;
  };
  return {
    async current(gun, role) {
      return (await currentRow(gun, role)).data;
    },
    async replaceCurrent(gun, role, bytes) {
      const { id, data } = await currentRow(gun, role);
      await client.query('UPDATE tuf_files SET data = $2 WHERE id = $1', [id, Buffer.from(bytes)]);
      return async () => {
        await client.query('UPDATE tuf_files SET data = $2 WHERE id = $1', [id, data]);
      };
    },
    async hideFiles() {
      await client.query('ALTER TABLE tuf_files RENAME TO tuf_files_hidden_by_test');
      return async () => {
        await client.query('ALTER TABLE tuf_files_hidden_by_test RENAME TO tuf_files');
      };
    },
    async lockGun(gun) {
      await client.query('BEGIN');
      await client.query('SELECT id FROM tuf_files WHERE gun = $1 FOR UPDATE', [gun]);
      return async () => {
        await client.query('ROLLBACK');
      };
    },
    close: () => client.end(),
  };
}
