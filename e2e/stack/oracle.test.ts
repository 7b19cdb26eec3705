// Interoperability oracle on the real, PostgreSQL-backed stack: for every repository of the seeded
// Premium registry, `content-trust inspect` prints exactly what the real `docker trust inspect` prints
// for the same trust server (login server), with the same exit status, whole-repository and IMAGE:TAG.
import { beforeAll, describe, expect, it } from 'vitest';
import { contentTrustInspect, dockerTrustInspect, type CliResult, type Credentials } from './support/cli.ts';
import { catalog, tags } from './support/registry-http.ts';
import { basicCredentials, stack, type Stack } from './support/stack.ts';
import { seedPlanFor } from '@ctp/azure-local/seed-plan';

interface DockerInspectEntry {
  Name: string;
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
}

/** Runs both CLIs on the same arguments, two invocations at a time (the machine has 2 cores). */
async function both(
  s: Stack,
  credentials: Credentials,
  images: string[],
): Promise<{ ours: CliResult; docker: CliResult }> {
  const [ours, docker] = await Promise.all([
    contentTrustInspect(s.caCertificate, credentials, images),
    dockerTrustInspect(s.premium.loginServer, s.caCertificate, credentials, images),
  ]);
  return { ours, docker };
}

function expectSameAsDocker({ ours, docker }: { ours: CliResult; docker: CliResult }): void {
  expect(docker.stderr, 'docker trust inspect must reach the trust server').not.toMatch(
    /certificate|x509|unauthorized|denied/i,
  );
  expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: docker.code, stdout: docker.stdout });
  // The error lines ("no signatures or cannot access …") match too (Docker adds no trailing newline).
  expect(ours.stderr.trim()).toBe(docker.stderr.trim());
}

describe('content-trust inspect vs docker trust inspect on the seeded Premium registry', () => {
  let s: Stack;
  let puller: Credentials;
  let repositories: string[];
  const signedRepositories = new Set<string>();

  beforeAll(async () => {
    s = await stack();
    // AcrPull on the registries' resource group: a pull-capable identity, as in a CI job.
    puller = basicCredentials(s, 'puller');
    repositories = (await catalog(s.premium.loginServer, puller)).sort();
    const plan = seedPlanFor({ sku: 'Premium', trustPolicy: 'enabled' } as Parameters<typeof seedPlanFor>[0]);
    for (const trust of plan.trust) signedRepositories.add(trust.repository);
    // The catalog holds at least what the seed pushed, signed and unsigned repositories alike.
    const seeded = [...new Set(plan.images.map((i) => i.repository))].sort();
    expect(repositories).toEqual(expect.arrayContaining(seeded));
    expect(repositories.some((r) => !signedRepositories.has(r))).toBe(true);
  });

  it('prints the same JSON and exit status for all repositories in one invocation', async () => {
    const result = await both(
      s,
      puller,
      repositories.map((r) => `${s.premium.loginServer}/${r}`),
    );
    expectSameAsDocker(result);
    // Not vacuous: the signed seeded repositories are there with their signed tags; the others are errors.
    const entries = JSON.parse(result.ours.stdout) as DockerInspectEntry[];
    for (const repository of signedRepositories) {
      const entry = entries.find((e) => e.Name === `${s.premium.loginServer}/${repository}`);
      expect(entry?.SignedTags.length, repository).toBeGreaterThan(0);
    }
    expect(result.ours.code).toBe(1);
    expect(result.ours.stderr).toContain(
      `no signatures or cannot access ${s.premium.loginServer}/tools/unsigned`,
    );
  });

  it('prints the same for each repository alone, including one without trust data', async () => {
    for (const repository of repositories) {
      const result = await both(s, puller, [`${s.premium.loginServer}/${repository}`]);
      expectSameAsDocker(result);
      expect(result.ours.code, repository).toBe(signedRepositories.has(repository) ? 0 : 1);
      if (!signedRepositories.has(repository)) expect(result.ours.stdout).toBe('[]\n');
    }
  });

  it('prints the same for IMAGE:TAG forms: every tag of every repository, and a tag that does not exist', async () => {
    for (const repository of repositories) {
      const images = [...(await tags(s.premium.loginServer, puller, repository)), 'no-such-tag'].map(
        (tag) => `${s.premium.loginServer}/${repository}:${tag}`,
      );
      const result = await both(s, puller, images);
      expectSameAsDocker(result);
      if (signedRepositories.has(repository)) {
        const entries = JSON.parse(result.ours.stdout) as DockerInspectEntry[];
        // One entry per image; a tag's entry lists at most that tag.
        expect(entries.map((e) => e.Name)).toEqual(images);
        for (const entry of entries) {
          const tag = entry.Name.slice(entry.Name.lastIndexOf(':') + 1);
          expect(entry.SignedTags.every((t) => t.SignedTag === tag)).toBe(true);
        }
      }
    }
  });
});
