import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../state/db.ts';

/**
 * oidc-provider storage in the control-plane SQLite file, so sessions, grants and refresh tokens
 * survive a restart of the local stack (the library's default adapter is in-memory).
 */
export function sqliteAdapterFactory(db: Db): new (model: string) => Adapter {
  const now = () => Math.floor(Date.now() / 1000);
  const upsertStatement = db.prepare(
    `INSERT INTO oidc_store (model, id, payload, grant_id, uid, user_code, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
       user_code = excluded.user_code, expires_at = excluded.expires_at`,
  );
  const findBy = (column: 'id' | 'uid' | 'user_code') =>
    db.prepare(`SELECT payload, expires_at FROM oidc_store WHERE model = ? AND ${column} = ?`);
  const byId = findBy('id');
  const byUid = findBy('uid');
  const byUserCode = findBy('user_code');
  const parse = (
    row: { payload: string; expires_at: number | null } | undefined,
  ): AdapterPayload | undefined =>
    row && (row.expires_at === null || row.expires_at > now())
      ? (JSON.parse(row.payload) as AdapterPayload)
      : undefined;
  let writes = 0;

  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      upsertStatement.run(
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.uid ?? null,
        payload.userCode ?? null,
        expiresIn ? now() + expiresIn : null,
      );
      if (++writes % 200 === 0) db.prepare('DELETE FROM oidc_store WHERE expires_at < ?').run(now());
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return parse(byId.get(this.model, id) as never);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return parse(byUid.get(this.model, uid) as never);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return parse(byUserCode.get(this.model, userCode) as never);
    }

    async consume(id: string): Promise<void> {
      const payload = await this.find(id);
      if (!payload) return;
      db.prepare('UPDATE oidc_store SET payload = ? WHERE model = ? AND id = ?').run(
        JSON.stringify({ ...payload, consumed: now() }),
        this.model,
        id,
      );
    }

    async destroy(id: string): Promise<void> {
      db.prepare('DELETE FROM oidc_store WHERE model = ? AND id = ?').run(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      db.prepare('DELETE FROM oidc_store WHERE grant_id = ?').run(grantId);
    }
  };
}
