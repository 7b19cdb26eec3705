// A delegation that signs a target outside the paths it was delegated: the real CLI will not make one,
// so the delegation file is re-signed here with the delegation's own key (and the snapshot re-bound
// with the repository's snapshot key) and published to the real notary-server. Notary's lookup ignores
// that target for a pull (as docker pull does), while docker trust inspect, which lists every target of
// every loaded role, still shows it; the Docker CLI, client only, is the oracle for both.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTrustClient,
  dockerInspect,
  dockerSignedTarget,
  dockerSignedTagNames,
  type TrustView,
} from '../src/index.ts';
import { providedFixture } from './support/fixture.ts';
import { digestOf, fileMeta, publishFiles, readPkcs8, TARGET_SIZE } from './support/repositories.ts';
import { serialize, signRaw, type Envelope } from './support/signing.ts';

const fx = providedFixture();
const gun = `${fx.hostPort}/ctp/outside-paths`;
const dockerConfig = mkdtempSync(join(tmpdir(), 'ctp-docker-paths-'));
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** The Docker CLI (no engine) against the test trust server, its CA trusted through DOCKER_CONFIG. */
function docker(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      'docker',
      args,
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DOCKER_CONFIG: dockerConfig,
          DOCKER_CONTENT_TRUST_SERVER: fx.url,
          ...env,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

const getJson = async (file: string) =>
  (await (await fx.fetch(`${fx.url}/v2/${gun}/_trust/tuf/${file}`)).json()) as Envelope;

let view: TrustView;

beforeAll(async () => {
  mkdirSync(join(dockerConfig, 'tls', fx.hostPort), { recursive: true });
  copyFileSync(fx.caCert, join(dockerConfig, 'tls', fx.hostPort, 'ca.crt'));
  const cli = await fx.cli('outside-paths');
  const releaser = fx.keys.releaser!;
  await cli.run('init', gun, '-p');
  await cli.run('key', 'import', releaser.pkcs8, '--role', 'targets/releases', '-g', gun);
  await cli.run('delegation', 'add', gun, 'targets/releases', releaser.cert, '--paths', 'rel-', '-p');
  await cli.run(
    'addhash',
    gun,
    'rel-1',
    String(TARGET_SIZE),
    '--sha256',
    digestOf('outside:rel-1'),
    '-r',
    'targets/releases',
  );
  await cli.run('publish', gun);

  // targets/releases now also signs "v9", outside its "rel-" prefix.
  const releases = await getJson('targets/releases.json');
  const signed = releases.signed as { version: number; targets: Record<string, unknown> };
  signed.targets.v9 = {
    length: TARGET_SIZE,
    hashes: { sha256: Buffer.from(digestOf('outside:v9'), 'hex').toString('base64') },
  };
  signed.version += 1;
  const releasesBytes = serialize({
    signed,
    signatures: [signRaw(signed, await readPkcs8(releaser), releases.signatures[0]!.keyid)],
  });
  const snapshot = await getJson('snapshot.json');
  const snap = snapshot.signed as { version: number; meta: Record<string, unknown> };
  snap.meta['targets/releases'] = fileMeta(releasesBytes);
  snap.version += 1;
  const snapshotBytes = serialize({
    signed: snap,
    signatures: [signRaw(snap, await cli.privateKey(gun, 'snapshot'), snapshot.signatures[0]!.keyid)],
  });
  await publishFiles(fx.server, gun, { 'targets/releases': releasesBytes, snapshot: snapshotBytes });

  const r = await createTrustClient({ serverUrl: fx.url, fetch: fx.fetch }).verifyRepository(gun);
  if (r.kind !== 'verified') throw new Error(`expected verified: ${JSON.stringify(r)}`);
  view = r.view;
});

describe('a delegation signing outside its paths', () => {
  it('is verified as a role, but its out-of-path target is not a signed tag', () => {
    const releases = view.targetsRoles.find((r) => r.name === 'targets/releases')!;
    expect(releases).toMatchObject({ status: 'verified', paths: ['rel-'] });
    expect(Object.keys(releases.targets).sort()).toEqual(['rel-1', 'v9']);
    expect(dockerSignedTarget(view, 'rel-1')?.role).toBe('targets/releases');
    expect(dockerSignedTarget(view, 'v9')).toBeUndefined();
    expect(dockerSignedTagNames(view)).toEqual(['rel-1']);
  });

  it('docker pull with content trust resolves rel-1 and refuses v9', async () => {
    const pull = (tag: string) => docker(['pull', `${gun}:${tag}`], { DOCKER_CONTENT_TRUST: '1' });
    const inPath = await pull('rel-1');
    expect(inPath.stdout + inPath.stderr).toContain(
      `Pull (1 of 1): ${gun}:rel-1@sha256:${digestOf('outside:rel-1')}`,
    );
    const outside = await pull('v9');
    expect(outside.code).not.toBe(0);
    expect(outside.stdout + outside.stderr).not.toContain('Pull (1 of 1)');
    expect(outside.stdout + outside.stderr).toContain(`No valid trust data for v9`);
  });

  it('docker trust inspect still lists it (Notary lists every target of a loaded role), and so do we', async () => {
    // Notary's GetAllTargetMetadataByName("") visits each role without a path to check: inspect shows v9
    // while the pull above refuses it. Our listing must agree with the oracle byte for byte in content.
    const inspect = await docker(['trust', 'inspect', gun]);
    expect(inspect.code, inspect.stderr).toBe(0);
    const [theirs] = JSON.parse(inspect.stdout) as Array<{ SignedTags: Array<{ SignedTag: string }> }>;
    expect(theirs!.SignedTags.map((t) => t.SignedTag)).toEqual(['rel-1', 'v9']);
    expect(JSON.parse(JSON.stringify(dockerInspect(view, gun)))).toEqual(theirs);
    // Asking for the tag itself is a lookup with a path: v9 is then not found, by either.
    const single = await docker(['trust', 'inspect', `${gun}:v9`]);
    const [theirsV9] = JSON.parse(single.stdout) as Array<{ SignedTags: unknown[] }>;
    expect(theirsV9!.SignedTags).toEqual([]);
    expect(dockerInspect(view, gun, 'v9').SignedTags).toEqual([]);
  });
});
