// The trust data every suite verifies, made by the real `notary` CLI against a real notary-server.
import { createHash, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSelfSigned } from '@ctp/local-pki';
import { FormData } from 'undici';
import { notaryCli, type NotaryCli } from './notary-cli.ts';
import type { NotaryServer } from './notary-server.ts';
import { serialize, signRaw, type Envelope } from './signing.ts';

export const TARGET_SIZE = 1234;

/** A stable fake manifest digest per label (hex). */
export function digestOf(label: string): string {
  return createHash('sha256').update(label).digest('hex');
}

export const REPOS = [
  'base',
  'releases',
  'two-signers',
  'threshold',
  'removed',
  'rotated',
  'paths',
  'many',
  'none',
] as const;
export type RepoName = (typeof REPOS)[number];
export const MANY_COUNT = 60;

export interface DelegationKey {
  name: string;
  /** PKCS#8 private key (unencrypted PEM) for `notary key import` and for signing in tests. */
  pkcs8: string;
  cert: string;
}

/** An EC P-256 key with a self-signed certificate (CN = name), as `notary delegation add` takes it. */
async function makeDelegationKey(dir: string, name: string): Promise<DelegationKey> {
  const files = await createSelfSigned({ dir, name, commonName: name, days: 365 });
  return { name, pkcs8: files.key, cert: files.cert };
}

export interface Fixture {
  server: NotaryServer;
  gun: Record<RepoName, string>;
  cli: Record<RepoName, NotaryCli>;
  keys: Record<string, DelegationKey>;
}

async function addhash(cli: NotaryCli, gun: string, tag: string, label: string, roles: string[] = []) {
  await cli.run(
    'addhash',
    gun,
    tag,
    String(TARGET_SIZE),
    '--sha256',
    digestOf(label),
    ...roles.flatMap((r) => ['-r', r]),
  );
}

async function fetchJson(server: NotaryServer, gun: string, file: string): Promise<Envelope> {
  const res = await server.fetch(`${server.url}/v2/${gun}/_trust/tuf/${file}`);
  if (!res.ok) throw new Error(`GET ${file}: ${res.status}`);
  return (await res.json()) as Envelope;
}

/** POSTs role files to the server's publish endpoint (multipart, field `files`, filename = role). */
export async function publishFiles(
  server: NotaryServer,
  gun: string,
  files: Record<string, Uint8Array>,
): Promise<void> {
  const form = new FormData(); // undici's, matching the undici fetch the test server helper uses
  for (const [role, bytes] of Object.entries(files))
    form.append('files', new Blob([new Uint8Array(bytes)]), role);
  const res = await server.fetch(`${server.url}/v2/${gun}/_trust/tuf/`, {
    method: 'POST',
    body: form as unknown as BodyInit,
  });
  if (!res.ok) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
}

export async function buildRepositories(server: NotaryServer): Promise<Fixture> {
  const keyDir = join(server.dir, 'delegation-keys');
  const keys: Record<string, DelegationKey> = {};
  for (const name of ['releaser', 'alice', 'bob', 'ops1', 'ops2', 'qa'])
    keys[name] = await makeDelegationKey(keyDir, name);
  const gun = Object.fromEntries(REPOS.map((r) => [r, `${server.hostPort}/ctp/${r}`])) as Record<
    RepoName,
    string
  >;
  const cli = Object.fromEntries(
    await Promise.all(REPOS.map(async (r) => [r, await notaryCli(server, join(server.dir, 'trust', r))])),
  ) as Record<RepoName, NotaryCli>;
  const k = (name: string) => keys[name]!;

  const builders: Record<RepoName, () => Promise<void>> = {
    // base role only
    base: async () => {
      const c = cli.base;
      await c.run('init', gun.base, '-p');
      await addhash(c, gun.base, 'v1', 'base:v1');
      await addhash(c, gun.base, 'v2', 'base:v2');
      await c.run('publish', gun.base);
    },
    // a targets/releases delegation (plus one tag in the base role)
    releases: async () => {
      const c = cli.releases;
      const g = gun.releases;
      await c.run('init', g, '-p');
      await c.run('key', 'import', k('releaser').pkcs8, '--role', 'targets/releases', '-g', g);
      await c.run('delegation', 'add', g, 'targets/releases', k('releaser').cert, '--all-paths', '-p');
      await addhash(c, g, 'v1', 'releases:v1', ['targets/releases']);
      await addhash(c, g, 'admin', 'releases:admin');
      await c.run('publish', g);
    },
    // two signers, as `docker trust signer add` lays them out: targets/<name> + targets/releases
    'two-signers': async () => {
      const c = cli['two-signers'];
      const g = gun['two-signers'];
      await c.run('init', g, '-p');
      await c.run('key', 'import', k('alice').pkcs8, '--role', 'targets/alice', '-g', g);
      await c.run('key', 'import', k('bob').pkcs8, '--role', 'targets/bob', '-g', g);
      await c.run('delegation', 'add', g, 'targets/releases', k('alice').cert, k('bob').cert, '--all-paths');
      await c.run('delegation', 'add', g, 'targets/alice', k('alice').cert, '--all-paths');
      await c.run('delegation', 'add', g, 'targets/bob', k('bob').cert, '--all-paths', '-p');
      await addhash(c, g, 'v1', 'two:v1', ['targets/releases', 'targets/alice']);
      await addhash(c, g, 'v2', 'two:v2', ['targets/releases', 'targets/alice', 'targets/bob']);
      await addhash(c, g, 'alice-only', 'two:alice-only', ['targets/alice']);
      await c.run('publish', g);
    },
    // targets/ops needs 2 of {ops1, ops2} but only ops1 signed: its targets must not count
    threshold: async () => {
      const c = cli.threshold;
      const g = gun.threshold;
      await c.run('init', g, '-p');
      await c.run('key', 'import', k('releaser').pkcs8, '--role', 'targets/releases', '-g', g);
      await c.run('key', 'import', k('ops1').pkcs8, '--role', 'targets/ops', '-g', g);
      await c.run('delegation', 'add', g, 'targets/releases', k('releaser').cert, '--all-paths');
      await c.run('delegation', 'add', g, 'targets/ops', k('ops1').cert, k('ops2').cert, '--all-paths', '-p');
      await addhash(c, g, 'v1', 'threshold:v1', ['targets/releases', 'targets/ops']);
      await addhash(c, g, 'ops-only', 'threshold:ops-only', ['targets/ops']);
      await c.run('publish', g);
      await raiseDelegationThreshold(server, c, g, 'targets/ops', 2);
    },
    // a removed target
    removed: async () => {
      const c = cli.removed;
      const g = gun.removed;
      await c.run('init', g, '-p');
      await addhash(c, g, 'v1', 'removed:v1');
      await addhash(c, g, 'v2', 'removed:v2');
      await c.run('publish', g);
      await c.run('remove', g, 'v1');
      await c.run('publish', g);
    },
    // the targets key rotated after the first signature
    rotated: async () => {
      const c = cli.rotated;
      const g = gun.rotated;
      await c.run('init', g, '-p');
      await addhash(c, g, 'v1', 'rotated:v1');
      await c.run('publish', g);
      await c.run('key', 'rotate', g, 'targets');
      await addhash(c, g, 'v2', 'rotated:v2');
      await c.run('publish', g);
    },
    // a delegation restricted to the path prefix "qa-"
    paths: async () => {
      const c = cli.paths;
      const g = gun.paths;
      await c.run('init', g, '-p');
      await c.run('key', 'import', k('releaser').pkcs8, '--role', 'targets/releases', '-g', g);
      await c.run('key', 'import', k('qa').pkcs8, '--role', 'targets/qa', '-g', g);
      await c.run('delegation', 'add', g, 'targets/releases', k('releaser').cert, '--all-paths');
      await c.run('delegation', 'add', g, 'targets/qa', k('qa').cert, '--paths', 'qa-', '-p');
      await addhash(c, g, 'qa-1', 'paths:qa-1', ['targets/qa']);
      await addhash(c, g, 'qa-2', 'paths:qa-2', ['targets/qa', 'targets/releases']);
      await addhash(c, g, 'v1', 'paths:v1', ['targets/releases']);
      await c.run('publish', g);
    },
    many: async () => {
      const c = cli.many;
      const g = gun.many;
      await c.run('init', g, '-p');
      for (let i = 0; i < MANY_COUNT; i++) await addhash(c, g, `t${String(i).padStart(3, '0')}`, `many:${i}`);
      await c.run('publish', g);
    },
    none: async () => {},
  };
  // Two at a time (the machine has 2 cores).
  const queue = [...REPOS];
  await Promise.all(
    [0, 1].map(async () => {
      for (let r = queue.shift(); r; r = queue.shift()) await builders[r]();
    }),
  );
  return { server, gun, cli, keys };
}

/**
 * notary 0.7's CLI has no threshold flag, so the test re-signs targets.json itself with the repository
 * (targets) key the CLI generated, raising the delegation's threshold, and publishes only targets via
 * the server's POST API (the server keeps the already-stored targets/ops file and re-signs snapshot
 * and timestamp). The delegation file stays signed by one key, below the new threshold.
 */
export async function raiseDelegationThreshold(
  server: NotaryServer,
  cli: NotaryCli,
  gun: string,
  role: string,
  threshold: number,
): Promise<void> {
  const targets = await fetchJson(server, gun, 'targets.json');
  const signed = targets.signed as {
    version: number;
    delegations: { roles: { name: string; threshold: number }[] };
  };
  const entry = signed.delegations.roles.find((r) => r.name === role);
  if (!entry) throw new Error(`${role} not delegated`);
  entry.threshold = threshold;
  signed.version += 1;
  const key = await cli.privateKey(gun, 'targets');
  const targetsBytes = serialize({
    signed: targets.signed,
    signatures: [signRaw(targets.signed, key, targets.signatures[0]!.keyid)],
  });
  // The snapshot key is held by the client (notary init's default), so the snapshot is re-signed too.
  const snapshot = await fetchJson(server, gun, 'snapshot.json');
  const snap = snapshot.signed as { version: number; meta: Record<string, unknown> };
  snap.meta.targets = fileMeta(targetsBytes);
  snap.version += 1;
  const snapshotKey = await cli.privateKey(gun, 'snapshot');
  const snapshotBytes = serialize({
    signed: snapshot.signed,
    signatures: [signRaw(snapshot.signed, snapshotKey, snapshot.signatures[0]!.keyid)],
  });
  await publishFiles(server, gun, { targets: targetsBytes, snapshot: snapshotBytes });
}

export function fileMeta(bytes: Uint8Array) {
  return {
    hashes: {
      sha256: createHash('sha256').update(bytes).digest('base64'),
      sha512: createHash('sha512').update(bytes).digest('base64'),
    },
    length: bytes.length,
  };
}

export async function readPkcs8(key: DelegationKey) {
  return createPrivateKey(await readFile(key.pkcs8, 'utf8'));
}
