// The CLI's oracle scenarios: trust data made by the real `notary` CLI on the package's notary-server,
// each one a shape where `docker trust inspect` / `docker pull` ordering or resolution is easy to get
// wrong (natural tag order, many signers, several digests per tag, nested and path-restricted
// delegations, rotated root and server-managed snapshot keys, targets without sha256).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createSelfSigned } from '@ctp/local-pki';
import { notaryCli, PASSPHRASE, type NotaryCli } from '../../../notary/test/support/notary-cli.ts';
import type { NotaryServer } from '../../../notary/test/support/notary-server.ts';
import { digestOf, TARGET_SIZE } from '../../../notary/test/support/repositories.ts';

export const SCENARIOS = [
  'ordering',
  'signers',
  'digests',
  'nested',
  'root-rotated',
  'server-snapshot',
  'sha512-only',
  'empty',
  'latest',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** 150 tags whose byte order (t1, t10, t100, …) differs from Docker's natural order (t1, t2, t3, …). */
export const ORDERING_COUNT = 150;
export const orderingTag = (i: number) => `t${i}.0-rc_${i}`;

/** Signer names whose natural order (pretty) differs from their byte order (JSON, descending). */
export const SIGNER_NAMES = ['s1', 's2', 's10', 's-1', 'ci', 'ci2', 'ops', 'ops-eu', 'dev', 'dev10', 'dev9'];

type Server = Pick<NotaryServer, 'url' | 'pki' | 'dir'>;

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

/** `notary key rotate GUN root` asks for confirmation on stdin; the shared helper has no stdin. */
function rotateRoot(server: Server, cli: NotaryCli, gun: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'notary',
      ['-s', server.url, '--tlscacert', server.pki.caCert, '-d', cli.trustDir, 'key', 'rotate', gun, 'root'],
      {
        env: {
          ...process.env,
          NOTARY_ROOT_PASSPHRASE: PASSPHRASE,
          NOTARY_TARGETS_PASSPHRASE: PASSPHRASE,
          NOTARY_SNAPSHOT_PASSPHRASE: PASSPHRASE,
        },
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(`notary key rotate root: ${stderr}${stdout}`, { cause: err })) : resolve(),
    );
    child.stdin?.end('yes\n');
  });
}

export async function buildScenarios(server: Server, hostPort: string): Promise<Record<Scenario, string>> {
  const gun = Object.fromEntries(SCENARIOS.map((s) => [s, `${hostPort}/cli/${s}`])) as Record<
    Scenario,
    string
  >;
  const cli = Object.fromEntries(
    await Promise.all(
      SCENARIOS.map(async (s) => [s, await notaryCli(server as NotaryServer, join(server.dir, 'cli', s))]),
    ),
  ) as Record<Scenario, NotaryCli>;
  const keyDir = join(server.dir, 'cli-keys');
  const key = async (name: string) => {
    const f = await createSelfSigned({ dir: keyDir, name, commonName: name, days: 365 });
    return { pkcs8: f.key, cert: f.cert };
  };
  /** A delegation with its own key, imported so that the CLI can sign into it. */
  const delegate = async (c: NotaryCli, g: string, role: string, name: string, extra: string[] = []) => {
    const k = await key(`${g.split('/').pop()}-${name}`);
    await c.run('key', 'import', k.pkcs8, '--role', role, '-g', g);
    await c.run('delegation', 'add', g, role, k.cert, ...(extra.length ? extra : ['--all-paths']));
    return k;
  };

  const builders: Record<Scenario, () => Promise<void>> = {
    ordering: async () => {
      const [c, g] = [cli.ordering, gun.ordering];
      await c.run('init', g);
      // Staged in a shuffled order so that nothing depends on the order of insertion.
      const order = Array.from({ length: ORDERING_COUNT }, (_, i) => ((i * 61) % ORDERING_COUNT) + 1);
      for (const i of order) await addhash(c, g, orderingTag(i), `ordering:${i}`);
      await c.run('publish', g);
    },
    // Many signers (one with two keys), tags signed by several of them, one tag only in targets/ci.
    signers: async () => {
      const [c, g] = [cli.signers, gun.signers];
      await c.run('init', g);
      const rel = await delegate(c, g, 'targets/releases', 'releases');
      for (const name of SIGNER_NAMES) {
        if (name === 'ops') {
          const second = await key(`signers-ops-2`);
          const k = await delegate(c, g, 'targets/ops', 'ops');
          await c.run('delegation', 'add', g, 'targets/ops', second.cert, '--all-paths');
          void k;
        } else await delegate(c, g, `targets/${name}`, name);
      }
      void rel;
      await c.run('publish', g);
      await addhash(c, g, 'v1', 'signers:v1', [
        'targets/releases',
        'targets/s1',
        'targets/s10',
        'targets/s-1',
      ]);
      await addhash(c, g, 'v2', 'signers:v2', [
        'targets/releases',
        'targets/ops',
        'targets/dev9',
        'targets/dev10',
      ]);
      await addhash(c, g, 'v10', 'signers:v10', ['targets/releases']);
      await addhash(c, g, 'ci-only', 'signers:ci-only', ['targets/ci']);
      await addhash(c, g, 'admin', 'signers:admin');
      await c.run('publish', g);
    },
    // Tags with several digests across roles.
    digests: async () => {
      const [c, g] = [cli.digests, gun.digests];
      await c.run('init', g);
      await delegate(c, g, 'targets/releases', 'releases');
      await delegate(c, g, 'targets/alice', 'alice');
      await delegate(c, g, 'targets/bob', 'bob');
      await c.run('publish', g);
      await addhash(c, g, 'dual', 'digests:dual-targets'); // targets
      await addhash(c, g, 'dual', 'digests:dual-releases', ['targets/releases', 'targets/alice']);
      await addhash(c, g, 'same', 'digests:same', ['targets', 'targets/releases']);
      await addhash(c, g, 'split', 'digests:split-a', ['targets/releases', 'targets/alice']);
      await addhash(c, g, 'split', 'digests:split-b', ['targets/bob']);
      await c.run('publish', g);
    },
    // Nested delegations (targets/releases/ci, targets/team/lead) and a path-restricted one.
    nested: async () => {
      const [c, g] = [cli.nested, gun.nested];
      await c.run('init', g);
      await delegate(c, g, 'targets/releases', 'releases');
      await delegate(c, g, 'targets/team', 'team');
      await delegate(c, g, 'targets/qa', 'qa', ['--paths', 'qa-']);
      await c.run('publish', g);
      await delegate(c, g, 'targets/releases/ci', 'releases-ci');
      await delegate(c, g, 'targets/team/lead', 'team-lead');
      await c.run('publish', g);
      await addhash(c, g, 'v1', 'nested:v1', [
        'targets/releases',
        'targets/team/lead',
        'targets/releases/ci',
      ]);
      await addhash(c, g, 'ci-built', 'nested:ci-built', ['targets/releases/ci']);
      await addhash(c, g, 'qa-1', 'nested:qa-1', ['targets/qa', 'targets/releases']);
      await addhash(c, g, 'qa-2', 'nested:qa-2', ['targets/qa']);
      await c.run('publish', g);
    },
    // The root key rotated twice (each new root signed by the old and new keys), tags before and after.
    'root-rotated': async () => {
      const [c, g] = [cli['root-rotated'], gun['root-rotated']];
      await c.run('init', g);
      await addhash(c, g, 'before', 'root-rotated:before');
      await c.run('publish', g);
      await rotateRoot(server, c, g);
      await rotateRoot(server, c, g);
      await addhash(c, g, 'after', 'root-rotated:after');
      await c.run('publish', g);
    },
    // The snapshot key handed to the server (as `docker trust` sets repositories up), targets rotated.
    'server-snapshot': async () => {
      const [c, g] = [cli['server-snapshot'], gun['server-snapshot']];
      await c.run('init', g);
      await addhash(c, g, 'v1', 'server-snapshot:v1');
      await c.run('publish', g);
      await c.run('key', 'rotate', g, 'snapshot', '-r');
      await c.run('key', 'rotate', g, 'targets');
      await addhash(c, g, 'v2', 'server-snapshot:v2');
      await c.run('publish', g);
    },
    // A target carrying only a sha512 (Docker prints an empty digest and refuses to pull it).
    'sha512-only': async () => {
      const [c, g] = [cli['sha512-only'], gun['sha512-only']];
      await c.run('init', g);
      await c.run('addhash', g, 'v1', String(TARGET_SIZE), '--sha512', digestOf('a') + digestOf('b'));
      await addhash(c, g, 'v2', 'sha512-only:v2');
      await c.run('publish', g);
    },
    // Initialised and published, no targets at all.
    empty: async () => {
      await cli.empty.run('init', gun.empty, '-p');
    },
    latest: async () => {
      const [c, g] = [cli.latest, gun.latest];
      await c.run('init', g);
      await addhash(c, g, 'latest', 'latest:latest');
      await c.run('publish', g);
    },
  };
  const queue = [...SCENARIOS];
  await Promise.all(
    [0, 1].map(async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await builders[s]();
    }),
  );
  return gun;
}
