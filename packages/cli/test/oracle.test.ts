// Oracle: `content-trust inspect` prints what `docker trust inspect` prints for the same trust server
// (trust data made by the real notary CLI; Docker CLI 28 without an engine).
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { REPOS } from '../../notary/test/support/repositories.ts';
import {
  contentTrust,
  contentTrustProcess,
  dockerConfig,
  dockerTrustInspect,
  type RunResult,
} from './docker.ts';

const fx = providedFixture();
const DOCKER_CONFIG = dockerConfig(fx.hostPort, fx.caCert);
afterAll(() => rmSync(DOCKER_CONFIG, { recursive: true, force: true }));

async function both(args: string[]): Promise<[RunResult, RunResult]> {
  const ours = await contentTrust(['inspect', '--server', fx.url, '--ca', fx.caCert, ...args]);
  const docker = await dockerTrustInspect(args, { DOCKER_CONFIG, server: fx.url });
  return [ours, docker];
}

describe('content-trust inspect equals docker trust inspect', () => {
  it.each(REPOS)('JSON for repository %s', async (repo) => {
    const [ours, docker] = await both([fx.gun[repo]]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(docker.code);
    expect(ours.stderr).toBe(docker.stderr);
    if (repo !== 'none') expect(JSON.parse(ours.stdout)).toHaveLength(1); // the comparison is not vacuous
  });

  it.each([
    ['base', 'v1'],
    ['base', 'not-signed'],
    ['releases', 'v1'],
    ['two-signers', 'v2'],
    ['two-signers', 'alice-only'],
    ['threshold', 'ops-only'],
    ['paths', 'qa-1'],
    ['removed', 'v1'],
  ] as const)('JSON for %s:%s', async (repo, tag) => {
    const [ours, docker] = await both([`${fx.gun[repo]}:${tag}`]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(docker.code);
    expect(ours.stderr).toBe(docker.stderr);
  });

  it('several images at once, including one without trust data: same output, stderr and exit status', async () => {
    const [ours, docker] = await both([fx.gun.base, fx.gun.none, `${fx.gun['two-signers']}:v1`]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(1);
    expect(ours.code).toBe(docker.code);
    // Byte for byte, and not vacuously: Docker names the image it could not inspect.
    expect(ours.stderr).toBe(docker.stderr);
    expect(ours.stderr).toBe(`no signatures or cannot access ${fx.gun.none}\n`);
  });

  it.each(['two-signers', 'base', 'paths', 'threshold'] as const)('--pretty layout for %s', async (repo) => {
    const [ours, docker] = await both(['--pretty', fx.gun[repo]]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(docker.code);
  });

  it('--pretty for a tag that is not signed and for two images: same output, stderr and exit status', async () => {
    const [ours, docker] = await both(['--pretty', `${fx.gun.base}:nope`, fx.gun.releases]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.stdout).toContain(`\nNo signatures for ${fx.gun.base}:nope\n`);
    expect(ours.code).toBe(docker.code);
    expect(ours.code).toBe(0);
    expect(ours.stderr).toBe(docker.stderr);
  });

  it("--pretty stops at an image without trust data, with Docker's message and exit status", async () => {
    const [ours, docker] = await both(['--pretty', fx.gun.base, fx.gun.none, fx.gun.releases]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(docker.code);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toBe(docker.stderr);
    expect(ours.stderr).toBe(`no signatures or cannot access ${fx.gun.none}\n`);
  });

  it('the built CLI over many images at once: the same output, stderr and exit status', async () => {
    // Every fixture repository, some by tag, one without trust data.
    const images = [
      ...REPOS.map((r) => fx.gun[r]),
      `${fx.gun.base}:v1`,
      `${fx.gun['two-signers']}:alice-only`,
    ];
    const args = ['inspect', '--server', fx.url, '--ca', fx.caCert, ...images];
    const run = await contentTrustProcess(args);
    const docker = await dockerTrustInspect(images, { DOCKER_CONFIG, server: fx.url });
    expect(run.stdout).toBe(docker.stdout);
    expect(run.stderr).toBe(docker.stderr);
    expect(run.stderr).toBe(`no signatures or cannot access ${fx.gun.none}\n`);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toHaveLength(images.length - 1);
  });

  it('the built CLI resolves many references as the in-process one does', async () => {
    const refs = [...REPOS.map((r) => `${fx.gun[r]}:v1`), `${fx.gun.releases}:v2`, `${fx.gun.paths}:qa-1`];
    const args = ['resolve', '--output', 'json', '--server', fx.url, '--ca', fx.caCert, ...refs];
    const [built, inProcess] = [await contentTrustProcess(args), await contentTrust(args)];
    expect(built.stdout).toBe(inProcess.stdout);
    expect(built.code).toBe(inProcess.code);
    const answers = JSON.parse(built.stdout) as Array<{ digest?: string; error?: string }>;
    expect(answers).toHaveLength(refs.length);
    expect(answers.filter((a) => a.digest).length).toBeGreaterThan(2); // not vacuous: some resolve
  });

  it('the workspace bin runs the built CLI with the same output', async () => {
    const run = await contentTrustProcess([
      'inspect',
      '--server',
      fx.url,
      '--ca',
      fx.caCert,
      fx.gun.releases,
    ]);
    const docker = await dockerTrustInspect([fx.gun.releases], { DOCKER_CONFIG, server: fx.url });
    expect(run.stdout).toBe(docker.stdout);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
