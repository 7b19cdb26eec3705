import type { RunningPostgres } from './processes/postgres.ts';

export const SERVER_DATABASE = 'notaryserver';
export const SIGNER_DATABASE = 'notarysigner';

/**
 * Neither notary binary creates its tables (see the schema addendum of notary-reference.md): these
 * statements reproduce notary 0.7's PostgreSQL migrations and are safe to run on every start.
 */
const serverSchema = [
  `CREATE TABLE IF NOT EXISTS tuf_files (
     id serial PRIMARY KEY,
     created_at timestamp NULL DEFAULT NULL,
     updated_at timestamp NULL DEFAULT NULL,
     deleted_at timestamp NULL DEFAULT NULL,
     gun varchar(255) NOT NULL,
     role varchar(255) NOT NULL,
     version integer NOT NULL,
     data bytea NOT NULL,
     sha256 char(64) DEFAULT NULL,
     UNIQUE (gun, role, version))`,
  `CREATE INDEX IF NOT EXISTS tuf_files_sha256_idx ON tuf_files (sha256)`,
  `CREATE TABLE IF NOT EXISTS change_category (category varchar(20) PRIMARY KEY)`,
  `INSERT INTO change_category (category) VALUES ('update'), ('deletion') ON CONFLICT DO NOTHING`,
  `CREATE TABLE IF NOT EXISTS changefeed (
     id serial PRIMARY KEY,
     created_at timestamp DEFAULT CURRENT_TIMESTAMP,
     gun varchar(255) NOT NULL,
     version integer NOT NULL,
     sha256 char(64) DEFAULT NULL,
     category varchar(20) NOT NULL DEFAULT 'update' REFERENCES change_category)`,
  `CREATE INDEX IF NOT EXISTS idx_changefeed_gun ON changefeed (gun)`,
];

const signerSchema = [
  `CREATE TABLE IF NOT EXISTS private_keys (
     id serial PRIMARY KEY,
     created_at timestamp NULL DEFAULT NULL,
     updated_at timestamp NULL DEFAULT NULL,
     deleted_at timestamp NULL DEFAULT NULL,
     key_id varchar(255) NOT NULL UNIQUE,
     encryption_alg varchar(255) NOT NULL,
     keywrap_alg varchar(255) NOT NULL,
     algorithm varchar(50) NOT NULL,
     passphrase_alias varchar(50) NOT NULL,
     public bytea NOT NULL,
     private bytea NOT NULL,
     gun varchar(255) NOT NULL,
     role varchar(255) NOT NULL,
     last_used timestamp NULL DEFAULT NULL,
     UNIQUE (key_id, algorithm))`,
];

/** Creates both databases (if missing) and their tables. */
export async function ensureNotarySchemas(postgres: RunningPostgres): Promise<void> {
  const admin = await postgres.connect('postgres');
  try {
    for (const database of [SERVER_DATABASE, SIGNER_DATABASE]) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
    }
  } finally {
    await admin.end();
  }
  for (const [database, statements] of [
    [SERVER_DATABASE, serverSchema],
    [SIGNER_DATABASE, signerSchema],
  ] as const) {
    const client = await postgres.connect(database);
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }
}
