// The Repositories API on the seeded registries: every repository's tag statuses from the portal's scan
// and tag listing equal what `content-trust inspect --status` reports and agree with the real
// `docker trust inspect`; the "content-trust client" column equals the real `DOCKER_CONTENT_TRUST=1
// docker pull` for every seeded tag; a Basic registry without trust has only unsigned tags; the keys
// view and the CSV/JSON reports carry the same statuses.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegistryKeys, ScanEvent, TagEvent, TagRow, TrustDetails } from '@ctp/contracts';
import { seedPlanFor } from '@ctp/azure-local/seed-plan';
import { contentTrustInspect, dockerTrustInspect, type Credentials } from './support/cli.ts';
import { dockerTrustedPull } from './support/docker-pull.ts';
import { PortalApi, repositoriesPath, type RegistryRef } from './support/portal-api.ts';
import { basicCredentials, REGISTRIES_RG, stack, type Stack } from './support/stack.ts';

interface StatusEntry {
  Name: string;
  Tags: Array<{
    tag: string;
    status: string;
    registryDigest?: string;
    signedDigest?: string;
    signers?: string[];
  }>;
}
interface DockerInspectEntry {
  Name: string;
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
  AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
  Signers: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
}

describe('Repositories API on the seeded registries', () => {
  let s: Stack;
  let api: PortalApi;
  let puller: Credentials;
  let premium: RegistryRef;
  let basic: RegistryRef;
  let loginServer: string;
  let scan: ScanEvent[];
  const tagsOf = new Map<string, TagRow[]>();
  const repositories = [
    ...new Set(
      seedPlanFor({ sku: 'Premium', trustPolicy: 'enabled' } as never).images.map((i) => i.repository),
    ),
  ].sort();

  const ref = (name: string): RegistryRef => ({
    subscriptionId: s.arm.subscriptionId,
    resourceGroup: REGISTRIES_RG,
    registryName: name,
  });

  beforeAll(async () => {
    s = await stack();
    api = await PortalApi.as(s, 'owner');
    puller = basicCredentials(s, 'puller');
    premium = ref(s.premium.name);
    basic = ref(s.registries.find((r) => r.sku === 'Basic')!.name);
    loginServer = s.premium.loginServer;
    scan = await api.lines<ScanEvent>(repositoriesPath(premium, 'scan'));
    for (const repository of repositories) {
      const events = await api.lines<TagEvent>(repositoriesPath(premium, `tags?repository=${repository}`));
      tagsOf.set(
        repository,
        events.flatMap((e) => (e.type === 'tags' ? e.tags : [])),
      );
    }
  });

  it('streams start, one line per repository with progress, and done with the totals', () => {
    expect(scan[0]).toEqual({ type: 'start', total: expect.any(Number), loginServer });
    const total = (scan[0] as { total: number }).total;
    const lines = scan.filter((e) => e.type === 'repository');
    expect(lines.map((l) => l.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(lines.map((l) => l.repository.repository)).toEqual(expect.arrayContaining(repositories));
    const done = scan.at(-1)!;
    expect(done.type).toBe('done');
    if (done.type !== 'done') return;
    const summed = lines.reduce((n, l) => n + l.repository.counts.signed, 0);
    expect(done.totals.signed).toBe(summed);
    expect(done.failed).toBe(0);
  });

  it('gives every seeded tag the status content-trust inspect --status gives it, with the same digests', async () => {
    const result = await contentTrustInspect(s.caCertificate, puller, [
      '--status',
      ...repositories.map((r) => `${loginServer}/${r}`),
    ]);
    const entries = JSON.parse(result.stdout) as StatusEntry[];
    const statuses = new Set<string>();
    for (const repository of repositories) {
      const cli = entries.find((e) => e.Name === `${loginServer}/${repository}`)!;
      const rows = tagsOf.get(repository)!;
      expect(rows.map((r) => [r.tag, r.status, r.digest, r.signedDigest])).toEqual(
        cli.Tags.map((t) => [t.tag, t.status, t.registryDigest, t.signedDigest]),
      );
      rows.forEach((r) => statuses.add(r.status));
      const summary = scan.find((e) => e.type === 'repository' && e.repository.repository === repository);
      expect(summary?.type === 'repository' && summary.repository.tags).toBe(rows.length);
      for (const status of ['signed', 'signed-digest-mismatch', 'unsigned'] as const)
        expect(
          summary?.type === 'repository' && summary.repository.counts[status],
          `${repository} ${status}`,
        ).toBe(rows.filter((r) => r.status === status).length);
    }
    // The seed covers these statuses, so the comparison cannot pass on a degenerate seed.
    expect([...statuses].sort()).toEqual(['signed', 'signed-digest-mismatch', 'unsigned']);
  });

  it('agrees with docker trust inspect: signed digests and signers of every signed tag', async () => {
    const signed = repositories.filter((r) => tagsOf.get(r)!.some((t) => t.signedDigest));
    expect(signed).toEqual(['hello-world', 'payments/api']);
    const docker = await dockerTrustInspect(
      loginServer,
      s.caCertificate,
      puller,
      signed.map((r) => `${loginServer}/${r}`),
    );
    expect(docker.code, docker.stderr).toBe(0);
    const entries = JSON.parse(docker.stdout) as DockerInspectEntry[];
    for (const repository of signed) {
      const entry = entries.find((e) => e.Name === `${loginServer}/${repository}`)!;
      const fromDocker = entry.SignedTags.map((t) => [t.SignedTag, `sha256:${t.Digest}`, t.Signers]);
      const ours = tagsOf
        .get(repository)!
        .filter((t) => t.signedDigest)
        .map((t) => [t.tag, t.signedDigest, t.signers]);
      expect(ours).toEqual(fromDocker);
    }
    // Two signers on payments/api 1.0, as the seed signed it.
    expect(
      tagsOf
        .get('payments/api')!
        .find((t) => t.tag === '1.0')!
        .signers.sort(),
    ).toEqual(['alice', 'ci']);
  });

  it('says what DOCKER_CONTENT_TRUST=1 docker pull does, for every seeded tag', async () => {
    let pulled = 0;
    for (const repository of repositories) {
      for (const row of tagsOf.get(repository)!) {
        const docker = await dockerTrustedPull(
          loginServer,
          s.caCertificate,
          puller,
          `${loginServer}/${repository}:${row.tag}`,
        );
        if (docker.kind === 'signed') {
          pulled++;
          expect(row.pull, `${repository}:${row.tag}`).toMatchObject({
            kind: 'signed',
            digest: docker.digest,
          });
        } else {
          expect(row.pull.kind, `${repository}:${row.tag}: ${docker.output}`).toBe('refused');
          if (row.pull.kind === 'refused')
            expect(docker.output).toContain(row.pull.message.split(' for ')[0]!);
        }
      }
    }
    expect(pulled).toBeGreaterThan(0);
  });

  it('reports a Basic registry without content trust as unsigned everywhere', async () => {
    const events = await api.lines<ScanEvent>(repositoriesPath(basic, 'scan'));
    const lines = events.filter((e) => e.type === 'repository');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.repository.trust).toBe('no-trust-data');
      expect(line.repository.counts.unsigned).toBe(line.repository.tags);
      expect(line.repository.tags).toBeGreaterThan(0);
    }
  });

  it('lists the keys of the registry: root and repository keys per repository, the ci key on both', async () => {
    const keys = await api.json<RegistryKeys>(repositoriesPath(premium, 'keys'));
    const docker = await dockerTrustInspect(
      loginServer,
      s.caCertificate,
      puller,
      ['hello-world', 'payments/api'].map((r) => `${loginServer}/${r}`),
    );
    const entries = JSON.parse(docker.stdout) as DockerInspectEntry[];
    for (const entry of entries) {
      const repository = entry.Name.slice(loginServer.length + 1);
      for (const admin of entry.AdministrativeKeys) {
        const role = admin.Name === 'Root' ? 'root' : 'targets';
        for (const { ID } of admin.Keys)
          expect(keys.keys.find((k) => k.id === ID && k.role === role)?.repositories).toContain(repository);
      }
      for (const signer of entry.Signers)
        for (const { ID } of signer.Keys)
          expect(keys.keys.find((k) => k.id === ID && k.role === 'delegation')).toMatchObject({
            signers: expect.arrayContaining([signer.Name]),
            repositories: expect.arrayContaining([repository]),
          });
    }
    const ci = keys.keys.find((k) => k.signers.includes('ci'))!;
    expect(ci.repositories).toEqual(['hello-world', 'payments/api']);
    expect(keys.unsigned).toContain('tools/unsigned');
  });

  it('shows the trust details of a repository: every role, delegation paths, the server-held timestamp key', async () => {
    const details = await api.json<TrustDetails>(repositoriesPath(premium, 'trust?repository=payments/api'));
    expect(details.trust).toBe('verified');
    expect(details.roles.map((r) => r.name)).toEqual([
      'root',
      'targets',
      'snapshot',
      'timestamp',
      'targets/releases',
      'targets/ci',
      'targets/alice',
    ]);
    const timestamp = details.roles.find((r) => r.name === 'timestamp')!;
    expect(timestamp).toMatchObject({ keyHolder: 'server', renewedByServer: true, threshold: 1 });
    expect(details.roles.find((r) => r.name === 'targets/alice')).toMatchObject({
      paths: [''],
      kind: 'delegation',
    });
    for (const role of details.roles) expect(Date.parse(role.expires!)).toBeGreaterThan(Date.now());
  });

  it('downloads CSV and JSON reports with one row per tag and the same statuses', async () => {
    const csv = await api.fetch(repositoriesPath(premium, 'report?format=csv'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="ctpdemo-tags-.*\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'repository,tag,status,digest,signedDigest,signers,role,lastPushed,contentTrustPull,reason',
    );
    const expected = repositories.flatMap((r) => tagsOf.get(r)!.map((t) => `${r},${t.tag},${t.status}`));
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(
      expect.arrayContaining(expected),
    );
    const json = await api.json<{ rows: Array<{ repository: string; tag: string; status: string }> }>(
      repositoriesPath(premium, 'report?format=json&repository=hello-world'),
    );
    expect(json.rows.map((r) => [r.tag, r.status])).toEqual(
      tagsOf.get('hello-world')!.map((t) => [t.tag, t.status]),
    );
  });

  it('refuses a malformed repository name with one problem listing the field', async () => {
    const response = await api.fetch(repositoriesPath(premium, 'tags?repository=Not..Valid'));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(['repository']);
  });
});
