// `content-trust inspect --status` on the seeded Premium registry reports the DESIGN.md statuses the
// seed set up (signed, signed-digest-mismatch for the tag re-pushed after signing, unsigned), checked
// against the digests the registry serves now (HEAD through the login server) and the signed digests
// the real Docker CLI reads from the trust server.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedPlanFor, type SeedPlan } from '@ctp/azure-local/seed-plan';
import { contentTrustInspect, dockerTrustInspect, type Credentials } from './support/cli.ts';
import { headManifest, tags } from './support/registry-http.ts';
import { basicCredentials, stack, type Stack } from './support/stack.ts';

interface StatusEntry {
  Name: string;
  GUN: string;
  Verification: { result: string; roles?: Array<{ name: string; status: string }> };
  Tags: Array<{
    tag: string;
    status: string;
    registryDigest?: string;
    signedDigest?: string;
    signedIn?: string;
    signers?: string[];
  }>;
}

interface DockerInspectEntry {
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
}

/** The status DESIGN.md gives each seeded tag of a repository, derived from the seed plan. */
function expectedStatuses(plan: SeedPlan, repository: string): Map<string, string> {
  const signed = new Set(plan.trust.find((t) => t.repository === repository)?.signed.map((t) => t.tag) ?? []);
  const repushed = new Set(
    plan.repushedAfterSigning.filter((i) => i.repository === repository).map((i) => i.tag),
  );
  const expected = new Map<string, string>();
  for (const image of plan.images.filter((i) => i.repository === repository)) {
    expected.set(
      image.tag,
      repushed.has(image.tag) ? 'signed-digest-mismatch' : signed.has(image.tag) ? 'signed' : 'unsigned',
    );
  }
  return expected;
}

describe('content-trust inspect --status on the seeded Premium registry', () => {
  let s: Stack;
  let puller: Credentials;
  let plan: SeedPlan;
  let loginServer: string;

  beforeAll(async () => {
    s = await stack();
    puller = basicCredentials(s, 'puller');
    loginServer = s.premium.loginServer;
    plan = seedPlanFor({ sku: 'Premium', trustPolicy: 'enabled' } as Parameters<typeof seedPlanFor>[0]);
  });

  it('reports hello-world as the seed left it: signed, signed-digest-mismatch and unsigned tags', async () => {
    const expected = expectedStatuses(plan, 'hello-world');
    // The seed plan covers all three statuses, so this test cannot pass on a degenerate seed.
    expect(new Set(expected.values())).toEqual(new Set(['signed', 'signed-digest-mismatch', 'unsigned']));

    const result = await contentTrustInspect(s.caCertificate, puller, [
      '--status',
      `${loginServer}/hello-world`,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [entry] = JSON.parse(result.stdout) as StatusEntry[];
    expect(entry!.GUN).toBe(`${loginServer}/hello-world`);
    expect(entry!.Verification.result).toBe('verified');
    expect(entry!.Verification.roles?.every((r) => r.status === 'verified')).toBe(true);

    // Every tag the registry has now, none missing, each with the status the seed set up.
    const registryTags = await tags(loginServer, puller, 'hello-world');
    expect(entry!.Tags.map((t) => t.tag).sort()).toEqual([...registryTags].sort());
    expect(
      Object.fromEntries(entry!.Tags.filter((t) => expected.has(t.tag)).map((t) => [t.tag, t.status])),
    ).toEqual(Object.fromEntries(expected));

    // Cross-checks: registry digests by HEAD through the login server; signed digests as Docker reads them.
    const docker = await dockerTrustInspect(loginServer, s.caCertificate, puller, [
      `${loginServer}/hello-world`,
    ]);
    expect(docker.code, docker.stderr).toBe(0);
    const [dockerEntry] = JSON.parse(docker.stdout) as DockerInspectEntry[];
    const dockerSigned = new Map(dockerEntry!.SignedTags.map((t) => [t.SignedTag, `sha256:${t.Digest}`]));
    for (const row of entry!.Tags) {
      const served = await headManifest(loginServer, puller, 'hello-world', row.tag);
      expect(served.status, row.tag).toBe(200);
      expect(row.registryDigest, row.tag).toBe(served.digest);
      expect(row.signedDigest, row.tag).toBe(dockerSigned.get(row.tag));
      if (row.status === 'signed') expect(row.signedDigest).toBe(served.digest);
      if (row.status === 'signed-digest-mismatch') {
        expect(row.signedDigest).not.toBe(served.digest);
        // The signed digest is still in the registry: a trusted pull gets the signed image, not the latest push.
        expect((await headManifest(loginServer, puller, 'hello-world', row.signedDigest!)).status).toBe(200);
      }
      if (row.status === 'unsigned') expect(row.signedDigest).toBeUndefined();
    }
  });

  it('reports every seeded repository, IMAGE:TAG narrowing to that tag, and no trust data as a failure', async () => {
    const repositories = [...new Set(plan.images.map((i) => i.repository))];
    const images = [...repositories.map((r) => `${loginServer}/${r}`), `${loginServer}/hello-world:latest`];
    const result = await contentTrustInspect(s.caCertificate, puller, ['--status', ...images]);
    const entries = JSON.parse(result.stdout) as StatusEntry[];
    expect(entries.map((e) => e.Name)).toEqual(images);
    for (const repository of repositories) {
      const entry = entries.find((e) => e.Name === `${loginServer}/${repository}`)!;
      const hasTrust = plan.trust.some((t) => t.repository === repository);
      expect(entry.Verification.result, repository).toBe(hasTrust ? 'verified' : 'no-trust-data');
      expect(Object.fromEntries(entry.Tags.map((t) => [t.tag, t.status]))).toMatchObject(
        Object.fromEntries(expectedStatuses(plan, repository)),
      );
    }
    // A repository without trust data makes the run fail, as docker trust inspect does.
    expect(result.code).toBe(1);
    const latest = entries.at(-1)!;
    expect(latest.Tags.map((t) => [t.tag, t.status])).toEqual([['latest', 'signed-digest-mismatch']]);
  });
});
