// Oracle: `content-trust inspect` prints what `docker trust inspect` prints for the same trust server
// (trust data made by the real notary CLI; Docker CLI 28 without an engine).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { providedFixture } from '../../notary/test/support/fixture.ts';
import { REPOS } from '../../notary/test/support/repositories.ts';
import { contentTrust, dockerConfig, dockerTrustInspect, type RunResult } from './docker.ts';

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
  });

  it('several images at once, including one without trust data: same output, stderr and exit status', async () => {
    const [ours, docker] = await both([fx.gun.base, fx.gun.none, `${fx.gun['two-signers']}:v1`]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(1);
    expect(ours.code).toBe(docker.code);
    expect(docker.stderr).toContain(ours.stderr.trim());
  });

  it.each(['two-signers', 'base', 'paths', 'threshold'] as const)('--pretty layout for %s', async (repo) => {
    const [ours, docker] = await both(['--pretty', fx.gun[repo]]);
    expect(ours.stdout).toBe(docker.stdout);
    expect(ours.code).toBe(docker.code);
  });

  it('--pretty for a tag that is not signed and for two images', async () => {
    const [ours, docker] = await both(['--pretty', `${fx.gun.base}:nope`, fx.gun.releases]);
    expect(ours.stdout).toBe(docker.stdout);
  });

  it('the workspace bin runs through node + tsx with the same output', async () => {
    const bin = fileURLToPath(new URL('../bin/content-trust.js', import.meta.url));
    const run = await new Promise<RunResult>((resolve) =>
      execFile(
        process.execPath,
        [bin, 'inspect', '--server', fx.url, '--ca', fx.caCert, fx.gun.releases],
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
      ),
    );
    const docker = await dockerTrustInspect([fx.gun.releases], { DOCKER_CONFIG, server: fx.url });
    expect(run.stdout).toBe(docker.stdout);
    expect(run.code).toBe(0);
  });
});
