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

  /**
   * Target names of a GUN in Docker's lookup roles: the current (highest-version) `targets` file and,
   * while that file still delegates to it, the current `targets/releases` file. Nothing is verified
   * here (signatures, hashes, expiry): this answers the registry's advisory "signed" attribute only.
   */
  async lookupTargetNames(gun: string): Promise<Set<string>> {
    const result = await this.pool.query<{ role: string; data: Buffer }>(
      `SELECT DISTINCT ON (role) role, data FROM tuf_files
        WHERE gun = $1 AND role IN ('targets', 'targets/releases') AND deleted_at IS NULL
        ORDER BY role, version DESC`,
      [gun],
    );
    const files = new Map(
      result.rows.map((row) => [row.role, JSON.parse(row.data.toString('utf8')) as TargetsFile]),
    );
    const base = files.get('targets');
    const releases = files.get('targets/releases');
    const delegatesReleases = (base?.signed?.delegations?.roles ?? []).some(
      (role) => role.name === 'targets/releases',
    );
    const names = new Set(Object.keys(base?.signed?.targets ?? {}));
    if (delegatesReleases) for (const name of Object.keys(releases?.signed?.targets ?? {})) names.add(name);
    return names;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The parts of a TUF targets / delegation file read here. */
interface TargetsFile {
  signed?: { targets?: Record<string, unknown>; delegations?: { roles?: Array<{ name?: string }> } };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
