// Oracle on the CLI's scenarios (test/support/scenarios.ts): `inspect` equals `docker trust inspect`
// byte for byte (JSON and --pretty), and `resolve` equals what `docker pull` with content trust resolves.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { contentTrust, dockerConfig, dockerTrustedPull, dockerTrustInspect } from './docker.ts';
import { ORDERING_COUNT, orderingTag, SCENARIOS, SIGNER_NAMES } from './support/scenarios.ts';

const fx = providedFixture();
const gun = inject('cliScenarios');
const DOCKER_CONFIG = dockerConfig(fx.hostPort, fx.caCert);
afterAll(() => rmSync(DOCKER_CONFIG, { recursive: true, force: true }));
const env = { DOCKER_CONFIG, server: fx.url };
const ours = (command: string, ...args: string[]) =>
  contentTrust([command, '--server', fx.url, '--ca', fx.caCert, ...args]);

interface Row {
  SignedTag: string;
  Digest: string;
}

/**
 * Docker lists the rows of one tag signed with several digests in a random order (sort.Slice over a
 * map, sorted by tag only); we order them by digest. Puts Docker's output in that order, touching
 * nothing else: JSON by moving rows, --pretty by moving table lines.
 */
function orderEqualTags(docker: string, pretty: boolean): string {
  if (pretty) {
    const lines = docker.split('\n');
    const digestOf = (l: string) => l.split(/\s+/)[1] ?? '';
    for (let i = 1; i < lines.length; i++) {
      for (let j = i; j > 0; j--) {
        const [a, b] = [lines[j - 1]!, lines[j]!];
        const sameTag = /^\S+\s+[0-9a-f]{64}\s/.test(a) && a.split(/\s+/)[0] === b.split(/\s+/)[0];
        if (sameTag && digestOf(a) > digestOf(b)) [lines[j - 1], lines[j]] = [b, a];
        else break;
      }
    }
    return lines.join('\n');
  }
  const parsed = JSON.parse(docker) as { SignedTags: Row[] }[];
  for (const repo of parsed) {
    const rows = repo.SignedTags;
    for (let i = 1; i < rows.length; i++)
      for (let j = i; j > 0 && rows[j - 1]!.SignedTag === rows[j]!.SignedTag; j--)
        if (rows[j - 1]!.Digest > rows[j]!.Digest) [rows[j - 1], rows[j]] = [rows[j]!, rows[j - 1]!];
  }
  // Docker's json.Indent with four spaces equals JSON.stringify's for this ASCII-only data (checked
  // below on every scenario that has no such rows).
  return JSON.stringify(parsed, null, 4) + '\n';
}

describe('content-trust inspect equals docker trust inspect on every scenario', () => {
  it.each(SCENARIOS)('JSON and --pretty for %s', async (scenario) => {
    for (const pretty of [false, true]) {
      const flags = pretty ? ['--pretty'] : [];
      const mine = await ours('inspect', ...flags, gun[scenario]);
      const docker = await dockerTrustInspect([...flags, gun[scenario]], env);
      expect(docker.code).toBe(0);
      expect(mine.code).toBe(0);
      expect(mine.stderr).toBe(docker.stderr);
      if (scenario === 'digests') expect(mine.stdout).toBe(orderEqualTags(docker.stdout, pretty));
      else {
        expect(mine.stdout).toBe(docker.stdout);
        // The normaliser leaves Docker's bytes alone where there is nothing to reorder.
        expect(orderEqualTags(docker.stdout, pretty)).toBe(docker.stdout);
      }
    }
  });

  it('150 tags in natural order (t1, t2, … t10, … t100), as Docker sorts them', async () => {
    const mine = await ours('inspect', gun.ordering);
    const docker = await dockerTrustInspect([gun.ordering], env);
    expect(mine.stdout).toBe(docker.stdout);
    const tags = (JSON.parse(mine.stdout) as { SignedTags: Row[] }[])[0]!.SignedTags.map((r) => r.SignedTag);
    expect(tags).toEqual(Array.from({ length: ORDERING_COUNT }, (_, i) => orderingTag(i + 1)));
  });

  it('many signers: descending byte order in JSON, natural order in --pretty', async () => {
    const json = await ours('inspect', gun.signers);
    const names = (JSON.parse(json.stdout) as { Signers: { Name: string }[] }[])[0]!.Signers.map(
      (s) => s.Name,
    );
    expect(names).toEqual([...SIGNER_NAMES].sort().reverse());
    const pretty = await ours('inspect', '--pretty', gun.signers);
    expect(pretty.stdout).toMatch(/s1 .*\ns2 .*\ns10 .*\ns-1 /);
  });

  it('a tag with two digests in two released roles gives two rows', async () => {
    const mine = await ours('inspect', `${gun.digests}:dual`);
    const docker = await dockerTrustInspect([`${gun.digests}:dual`], env);
    const rows = (JSON.parse(mine.stdout) as { SignedTags: Row[] }[])[0]!.SignedTags;
    expect(rows.map((r) => r.SignedTag)).toEqual(['dual', 'dual']);
    expect(mine.stdout).toBe(orderEqualTags(docker.stdout, false));
  });

  it('several scenarios in one invocation, with a repository without trust data', async () => {
    const refs = [gun.signers, fx.gun.none, `${gun.nested}:v1`, gun['root-rotated'], gun.empty];
    const mine = await ours('inspect', ...refs);
    const docker = await dockerTrustInspect(refs, env);
    expect(mine.stdout).toBe(docker.stdout);
    expect(mine.stderr).toBe(docker.stderr);
    expect(mine.code).toBe(docker.code);
  });
});

describe('references Docker parses in its own way', () => {
  const hex64 = 'a'.repeat(64);
  const refs = () => [
    [`${gun.latest}@sha256:${'0'.repeat(64)}`],
    [`${fx.hostPort}/cli/x@sha256:abc`],
    ['Cli/x', gun.latest],
    [`${fx.hostPort}/cli/Upper`],
    ['Upper'],
    [hex64],
    [`${gun.latest}:bad tag`],
  ];
  it('inspect: same output, stderr and exit status as docker trust inspect', async () => {
    for (const args of refs()) {
      const [mine, docker] = [await ours('inspect', ...args), await dockerTrustInspect(args, env)];
      expect({ args, ...mine }).toEqual({ args, ...docker });
    }
  });

  it('resolve: the same refusal as docker pull', async () => {
    for (const [ref] of refs().slice(1)) {
      const [mine, docker] = [await ours('resolve', ref!), await dockerTrustedPull(ref!, env)];
      expect(docker.error).toBeTruthy();
      expect({ ref, stderr: mine.stderr, code: mine.code }).toEqual({
        ref,
        stderr: `${docker.error}\n`,
        code: 1,
      });
    }
  });
});

describe('content-trust resolve equals docker pull with content trust', () => {
  const cases: [string, string][] = [
    ['latest tag by default', gun.latest],
    ['tag signed into targets/releases (with other signers)', `${gun.signers}:v1`],
    ['tag in the base targets role', `${gun.signers}:admin`],
    ['tag only in another delegation (targets/ci)', `${gun.signers}:ci-only`],
    ['missing tag', `${gun.signers}:nope`],
    ['two digests in two roles: targets/releases wins', `${gun.digests}:dual`],
    ['releases digest while another signer holds a second one', `${gun.digests}:split`],
    ['tag only in a nested delegation (targets/releases/ci)', `${gun.nested}:ci-built`],
    ['tag only in a path-restricted delegation', `${gun.nested}:qa-2`],
    ['path-restricted delegation plus releases', `${gun.nested}:qa-1`],
    ['target with only a sha512', `${gun['sha512-only']}:v1`],
    ['repository without targets', gun.empty],
    ['root rotated twice', `${gun['root-rotated']}:before`],
    ['server-managed snapshot, rotated targets key', `${gun['server-snapshot']}:v2`],
    ['150th tag', `${gun.ordering}:${orderingTag(150)}`],
    ['removed tag', `${fx.gun.removed}:v1`],
    ['tag below its delegation threshold', `${fx.gun.threshold}:ops-only`],
    ['repository without trust data', `${fx.gun.none}:v1`],
  ];
  it.each(cases)('%s', async (_name, ref) => {
    const [mine, docker] = await Promise.all([ours('resolve', ref), dockerTrustedPull(ref, env)]);
    expect(docker.code).not.toBe(0); // no engine: docker always fails after resolving
    if (docker.pulled) {
      expect(mine.stdout).toBe(`${docker.pulled}\n`);
      expect(mine.stderr).toBe('');
      expect(mine.code).toBe(0);
    } else {
      expect(docker.error).toBeTruthy();
      expect(mine.stderr).toBe(`${docker.error}\n`);
      expect(mine.stdout).toBe('');
      expect(mine.code).toBe(1);
    }
  });

  it('several references at once: one line each, errors on stderr, exit status 1', async () => {
    const refs = [gun.latest, `${gun.signers}:ci-only`, `${gun.digests}:dual`, fx.gun.none];
    const mine = await ours('resolve', ...refs);
    const docker = await Promise.all(refs.map((r) => dockerTrustedPull(r, env)));
    expect(mine.stdout).toBe(docker.flatMap((d) => (d.pulled ? [`${d.pulled}\n`] : [])).join(''));
    expect(mine.stderr).toBe(docker.flatMap((d) => (d.error ? [`${d.error}\n`] : [])).join(''));
    expect(mine.code).toBe(1);
  });

  it('--output json: reference, tag, digest and role, or the error per reference', async () => {
    const refs = [gun.latest, `${gun.signers}:v1`, `${gun.signers}:ci-only`, fx.gun.none];
    const mine = await ours('resolve', '--output', 'json', ...refs);
    expect(mine.code).toBe(1);
    const pulled = await Promise.all(refs.map((r) => dockerTrustedPull(r, env)));
    const digestOf = (i: number) => pulled[i]!.pulled!.split('@')[1];
    expect(JSON.parse(mine.stdout)).toEqual([
      { reference: refs[0], tag: 'latest', digest: digestOf(0), role: 'targets' },
      { reference: refs[1], tag: 'v1', digest: digestOf(1), role: 'targets/releases' },
      { reference: refs[2], tag: 'ci-only', error: pulled[2]!.error },
      { reference: refs[3], tag: 'latest', error: pulled[3]!.error },
    ]);
  });
});
