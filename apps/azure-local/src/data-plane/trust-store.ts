import pg from 'pg';

/**
 * Read-only view of notary-server's PostgreSQL store (the stack owns that database): which GUNs of a
 * registry hold trust data and how many tags they sign. Writes always go through notary-server.
 */
export class TrustStore {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection dropped by PostgreSQL (e.g. its shutdown at stack stop) must not crash the
    // process; queries made afterwards still fail with their own error.
    this.pool.on('error', () => undefined);
  }

  async gunsWithTrustData(gunPrefix: string): Promise<string[]> {
    const result = await this.pool.query<{ gun: string }>(
      `SELECT DISTINCT gun FROM tuf_files WHERE gun LIKE $1 ESCAPE '\\' AND deleted_at IS NULL ORDER BY gun`,
      [`${escapeLike(gunPrefix)}%`],
    );
    return result.rows.map((r) => r.gun);
  }

  /** Tags named by the latest `targets` or `targets/releases` of each GUN (Docker's lookup roles). */
  async signedTagCounts(gunPrefix: string): Promise<Map<string, number>> {
    const result = await this.pool.query<{ gun: string; data: Buffer }>(
      `SELECT DISTINCT ON (gun, role) gun, data FROM tuf_files
        WHERE gun LIKE $1 ESCAPE '\\' AND role IN ('targets', 'targets/releases') AND deleted_at IS NULL
        ORDER BY gun, role, version DESC`,
      [`${escapeLike(gunPrefix)}%`],
    );
    const tags = new Map<string, Set<string>>();
    for (const row of result.rows) {
      const parsed = JSON.parse(row.data.toString('utf8')) as {
        signed?: { targets?: Record<string, unknown> };
      };
      const set = tags.get(row.gun) ?? new Set<string>();
      for (const name of Object.keys(parsed.signed?.targets ?? {})) set.add(name);
      tags.set(row.gun, set);
    }
    return new Map([...tags].map(([gun, set]) => [gun, set.size]));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
