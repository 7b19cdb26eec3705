// Tokens and secrets never appear in logs (issue 17). Runs after every other file of this suite (its
// own group): every token the suite minted or was given (support/run-secrets.ts), every local secret of
// the stack (identities' passwords and client secrets, the BFF's client secret, PostgreSQL's password,
// the signer passphrase, the registry's HTTP secret, the identity provider's private key, the
// provider's stored grants) is looked for in every log the stack writes (BFF, ARM/identity provider
// console, docker-registry, notary-server, notary-signer, PostgreSQL). A JWT is also looked for by its
// signature alone, so a log line holding a truncated token still counts.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stack } from '../../stack/support/stack.ts';
import { remembered } from '../support/run-secrets.ts';

const s = await stack();

function stackSecrets(): Map<string, string> {
  const secrets = new Map<string, string>();
  const db = new Database(path.join(s.dataDir, 'control-plane', 'control-plane.sqlite'), { readonly: true });
  try {
    for (const row of db
      .prepare('SELECT seed_key, id, local_secret FROM directory_objects WHERE local_secret IS NOT NULL')
      .all() as Array<{ seed_key: string | null; id: string; local_secret: string }>)
      secrets.set(`local secret of ${row.seed_key ?? row.id}`, row.local_secret);
    for (const row of db.prepare('SELECT kid, private_jwk FROM signing_keys').all() as Array<{
      kid: string;
      private_jwk: string;
    }>)
      secrets.set(`private key ${row.kid}`, (JSON.parse(row.private_jwk) as { d: string }).d);
    for (const row of db.prepare('SELECT model, id FROM oidc_store').all() as Array<{
      model: string;
      id: string;
    }>)
      if (row.id.length >= 20) secrets.set(`identity provider ${row.model}`, row.id);
  } finally {
    db.close();
  }
  return secrets;
}

async function dataPlaneSecrets(): Promise<Map<string, string>> {
  const file = path.join(s.dataDir, 'data-plane', 'secrets.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return new Map(
    Object.entries(json).flatMap(([k, v]) => (typeof v === 'string' && v.length >= 8 ? [[k, v]] : [])),
  );
}

describe('no token or secret in any log of the run', () => {
  it('finds none of them in the BFF’s and the stack’s logs', async () => {
    const dir = path.join(s.dataDir, 'logs');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.log'));
    expect(files).toEqual(
      expect.arrayContaining(['portal.log', 'postgres.log', `notary-server-${s.premium.name}.log`]),
    );
    const logs = await Promise.all(
      files.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const),
    );

    const needles = new Map<string, string>();
    for (const [i, token] of remembered(s).entries()) {
      needles.set(`token ${i}`, token);
      const signature = token.split('.')[2];
      if (signature && signature.length >= 20) needles.set(`token ${i} signature`, signature);
    }
    for (const [label, secret] of [...stackSecrets(), ...(await dataPlaneSecrets())])
      needles.set(label, secret);
    // Not vacuous: the run minted tokens, and the stack has secrets.
    expect(remembered(s).length).toBeGreaterThan(20);
    expect(needles.size).toBeGreaterThan(remembered(s).length + 10);

    const found: string[] = [];
    for (const [label, needle] of needles)
      for (const [file, text] of logs) if (text.includes(needle)) found.push(`${label} in ${file}`);
    expect(found).toEqual([]);
    // The logs are real and full: the BFF logged requests of this run.
    expect(logs.find(([f]) => f === 'portal.log')![1]).toMatch(/"msg":"request"/);
  });
});
