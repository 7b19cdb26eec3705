import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * Control-plane state: one SQLite file under `<dataDir>/control-plane/`. Migrations are append-only
 * SQL steps; `PRAGMA user_version` records how many ran. Never edit a released step, add a new one.
 */
const migrations: string[] = [
  `
  CREATE TABLE directory_objects (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'servicePrincipal')),
    seed_key TEXT UNIQUE,
    display_name TEXT NOT NULL,
    user_principal_name TEXT UNIQUE COLLATE NOCASE,
    mail TEXT,
    given_name TEXT,
    surname TEXT,
    job_title TEXT,
    description TEXT,
    app_id TEXT UNIQUE,
    service_principal_type TEXT,
    local_secret TEXT,
    classic_admin_role TEXT,
    registry_admin_of TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES directory_objects(id) ON DELETE CASCADE,
    member_id TEXT NOT NULL REFERENCES directory_objects(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
  );
  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    state TEXT NOT NULL
  );
  CREATE TABLE resource_groups (
    subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
    name TEXT NOT NULL COLLATE NOCASE,
    location TEXT NOT NULL,
    PRIMARY KEY (subscription_id, name)
  );
  CREATE TABLE registries (
    id TEXT PRIMARY KEY COLLATE NOCASE,
    subscription_id TEXT NOT NULL,
    resource_group TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    location TEXT NOT NULL,
    sku TEXT NOT NULL,
    slot INTEGER NOT NULL UNIQUE,
    trust_policy TEXT NOT NULL,
    trust_ever_enabled INTEGER NOT NULL DEFAULT 0,
    trust_deletion_pending INTEGER NOT NULL DEFAULT 0,
    content_trust_unsupported INTEGER NOT NULL DEFAULT 0,
    admin_user_enabled INTEGER NOT NULL,
    admin_passwords TEXT NOT NULL,
    provisioning_state TEXT NOT NULL,
    policies TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE role_assignments (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    scope TEXT NOT NULL COLLATE NOCASE,
    role_definition_id TEXT NOT NULL COLLATE NOCASE,
    principal_id TEXT NOT NULL COLLATE NOCASE,
    principal_type TEXT NOT NULL,
    description TEXT,
    condition TEXT,
    condition_version TEXT,
    created_on TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT
  );
  CREATE INDEX role_assignments_principal ON role_assignments(principal_id);
  CREATE TABLE operations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    resource_id TEXT NOT NULL COLLATE NOCASE,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    progress TEXT,
    error TEXT
  );
  CREATE TABLE activity_log (
    event_data_id TEXT PRIMARY KEY,
    event_timestamp TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    caller TEXT NOT NULL,
    caller_object_id TEXT,
    operation_name TEXT NOT NULL,
    http_method TEXT NOT NULL,
    resource_id TEXT NOT NULL COLLATE NOCASE,
    subscription_id TEXT,
    resource_group TEXT COLLATE NOCASE,
    status TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    error TEXT
  );
  CREATE INDEX activity_log_resource ON activity_log(resource_id);
  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE oidc_store (
    model TEXT NOT NULL,
    id TEXT NOT NULL,
    payload TEXT NOT NULL,
    grant_id TEXT,
    uid TEXT,
    user_code TEXT,
    expires_at INTEGER,
    PRIMARY KEY (model, id)
  );
  CREATE INDEX oidc_store_grant ON oidc_store(grant_id);
  CREATE INDEX oidc_store_uid ON oidc_store(uid);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // Azure's activity log carries a write's request body (`properties.requestbody`).
  `ALTER TABLE activity_log ADD COLUMN request_body TEXT;`,
];

export function openControlPlaneDb(dir: string): Db {
  mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'control-plane.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `control-plane.sqlite is at schema version ${current}, newer than this code (${migrations.length}); ` +
        'update the code or start with --reset',
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

export function getSetting(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
