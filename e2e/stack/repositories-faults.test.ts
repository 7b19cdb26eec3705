// Faults and caching of the Repositories scan on a Premium registry of this run's own (created through
// ARM, deleted afterwards): closing the scan's stream stops upstream work (requests counted in the real
// registry's and notary-server's own request logs), a rescan after one repository's trust data changed
// re-verifies only that repository, CSV cells a spreadsheet would run are neutralized, and a trust
// server that is gone makes every repository `unknown` with the reason while the scan still completes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepositorySummary, ScanEvent } from '@ctp/contracts';
import { publishImage } from '@ctp/azure-local/tools/publish-image';
import {
  importSignerKey,
  notary,
  signTargets,
  type NotaryCliOptions,
} from '../../apps/azure-local/src/data-plane/client/notary-cli.ts';
import { armClients, createSigningRegistry, uniqueRegistryName, type ArmClients } from './support/arm.ts';
import type { Credentials } from './support/cli.ts';
import { PortalApi, repositoriesPath, type RegistryRef } from './support/portal-api.ts';
import { basicCredentials, REGISTRIES_RG, stack, type Stack } from './support/stack.ts';
import { requestUris, settledUris } from './support/upstream-logs.ts';

const PASSPHRASE = 'stack-repositories-passphrase';
const SIGNED = ['team/a', 'team/b', 'team/c'];
const UNSIGNED = Array.from({ length: 24 }, (_, i) => `bulk/u${String(i).padStart(2, '0')}`);
const ALL = [...SIGNED, ...UNSIGNED].sort();

/** Repositories a list of registry request URIs touched (/v2/<repo>/tags/list or manifests). */
function touched(uris: string[]): Set<string> {
  const repos = new Set<string>();
  for (const uri of uris) {
    const m = /^\/v2\/(.+?)\/(?:tags\/list|manifests\/)/.exec(uri);
    if (m && !m[1]!.includes('/_trust')) repos.add(m[1]!);
  }
  return repos;
}

describe('Repositories scan on a registry of its own: cancel, cache, faults', () => {
  let s: Stack;
  let arm: ArmClients;
  let api: PortalApi;
  let signer: Credentials;
  const name = uniqueRegistryName('ctprepo');
  let ref: RegistryRef;
  let loginServer = '';
  let created = false;
  let trustDir = '';
  let keysDir = '';

  const scan = () => api.lines<ScanEvent>(repositoriesPath(ref, 'scan'));
  const summaries = (events: ScanEvent[]) =>
    new Map(
      events.flatMap((e): [string, RepositorySummary][] =>
        e.type === 'repository' ? [[e.repository.repository, e.repository]] : [],
      ),
    );
  const notaryOptions = (): NotaryCliOptions => ({
    loginServer,
    caFile: s.caCertificate,
    trustDir,
    credentials: signer,
    passphrase: PASSPHRASE,
  });

  beforeAll(async () => {
    s = await stack();
    arm = armClients(s, 'owner');
    api = await PortalApi.as(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    trustDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-repos-trust-'));
    keysDir = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-repos-keys-'));
    const registry = await createSigningRegistry(s, arm, name);
    created = true;
    loginServer = registry.loginServer!;
    ref = { subscriptionId: s.arm.subscriptionId, resourceGroup: REGISTRIES_RG, registryName: name };
    for (const repository of SIGNED)
      await publishImage({
        loginServer,
        caFile: s.caCertificate,
        repository,
        tag: 'v1',
        credentials: signer,
        label: `${name} ${repository} v1`,
        sign: { trustDir, passphrase: PASSPHRASE },
      });
    for (const repository of UNSIGNED)
      await publishImage({
        loginServer,
        caFile: s.caCertificate,
        repository,
        tag: '1.0',
        credentials: signer,
        label: `${name} ${repository}`,
      });
  });

  afterAll(async () => {
    if (created)
      await arm.registries.registries
        .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
        .catch(() => undefined);
    for (const dir of [trustDir, keysDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stops upstream work when the client closes the scan stream', async () => {
    const before = await requestUris(s, 'registry', name);
    const lines = await api.lines<ScanEvent>(
      repositoriesPath(ref, 'scan'),
      (line) => line.type !== 'repository',
    );
    expect(lines.map((l) => l.type)).toEqual(['start', 'repository']);
    const after = (await settledUris(s, 'registry', name)).slice(before.length);
    const cancelled = touched(after);
    // At most the repositories in flight when the client left (4 at once), never the whole registry.
    expect(cancelled.size).toBeGreaterThan(0);
    expect(cancelled.size).toBeLessThanOrEqual(8);

    // Not vacuous: a scan read to its end touches every repository the cancelled one left alone.
    const mark = (await requestUris(s, 'registry', name)).length;
    const events = await scan();
    expect(events.at(-1)).toMatchObject({ type: 'done', done: ALL.length, total: ALL.length, failed: 0 });
    const full = touched((await requestUris(s, 'registry', name)).slice(mark));
    for (const repository of ALL)
      if (!cancelled.has(repository)) expect(full, repository).toContain(repository);
  });

  it('re-verifies only the repository whose trust data changed', async () => {
    const first = summaries(await scan());
    expect(first.get('team/a')).toMatchObject({ trust: 'verified', counts: { signed: 1 } });
    // team/a gets a second signed tag: its timestamp (and snapshot and targets) change.
    await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository: 'team/a',
      tag: 'v2',
      credentials: signer,
      label: `${name} team/a v2`,
      sign: { trustDir, passphrase: PASSPHRASE },
    });
    const mark = (await requestUris(s, 'notary-server', name)).length;
    const second = summaries(await scan());
    const trustRequests = (await requestUris(s, 'notary-server', name)).slice(mark);

    expect(second.get('team/a')).toMatchObject({ trust: 'verified', counts: { signed: 2 }, tags: 2 });
    expect(second.get('team/a')!.verifiedAt).not.toBe(first.get('team/a')!.verifiedAt);
    for (const repository of ['team/b', 'team/c']) {
      expect(second.get(repository)!.verifiedAt, repository).toBe(first.get(repository)!.verifiedAt);
      expect(second.get(repository)!.timestampSha256).toBe(first.get(repository)!.timestampSha256);
    }
    // Unchanged verified GUNs cost one timestamp request each (a first 401 challenge may repeat it);
    // no unchanged GUN fetched a snapshot, targets or delegation file; team/a fetched its new ones.
    const files = (repository: string) =>
      trustRequests
        .filter((u) => u.startsWith(`/v2/${loginServer}/${repository}/_trust/tuf/`))
        .map((u) => u.slice(`/v2/${loginServer}/${repository}/_trust/tuf/`.length));
    for (const repository of ['team/b', 'team/c'])
      expect([...new Set(files(repository))], repository).toEqual(['timestamp.json']);
    for (const repository of ALL.filter((r) => r !== 'team/a'))
      expect(
        files(repository).filter((f) => /^(snapshot|targets)/.test(f)),
        repository,
      ).toEqual([]);
    expect(files('team/a')).toEqual(
      expect.arrayContaining([
        'timestamp.json',
        expect.stringMatching(/^snapshot\./),
        expect.stringMatching(/^targets\./),
      ]),
    );
  });

  it('neutralizes CSV cells a spreadsheet would run as formulas', async () => {
    // A real delegation whose name starts with "-" (Notary allows it): its signer name leads a CSV cell.
    const keyName = '-cmd';
    const signerKey = await new Promise<{ key: string; cert: string }>((resolve, reject) => {
      const key = path.join(keysDir, 'cmd.key');
      const cert = path.join(keysDir, 'cmd.crt');
      execFile(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '30',
          '-subj',
          `/CN=${keyName}`,
        ],
        (error) => (error ? reject(error) : resolve({ key, cert })),
      );
    });
    const gun = `${loginServer}/team/b`;
    const options = notaryOptions();
    await importSignerKey(options, { name: 'cmd', ...signerKey }, 'targets/-cmd');
    await notary(options, ['delegation', 'add', gun, 'targets/-cmd', signerKey.cert, '--all-paths']);
    await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository: 'team/b',
      tag: 'formula',
      credentials: signer,
      label: `${name} formula`,
    });
    const digest = (
      await api.lines<{ type: string; tags?: Array<{ tag: string; digest?: string }> }>(
        repositoriesPath(ref, 'tags?repository=team/b'),
      )
    )
      .flatMap((e) => e.tags ?? [])
      .find((t) => t.tag === 'formula')!.digest!;
    await signTargets(options, gun, [{ tag: 'formula', digest, size: 1, role: 'targets/-cmd' }]);

    const csv = await (await api.fetch(repositoriesPath(ref, 'report?format=csv&repository=team/b'))).text();
    const row = csv.split('\r\n').find((l) => l.startsWith('team/b,formula,'))!;
    // Signed only by targets/-cmd: not pullable with content trust, its signer still named — as text.
    expect(row.split(',').slice(0, 3)).toEqual(['team/b', 'formula', 'unsigned']);
    expect(row.split(',')[5]).toBe("'-cmd");
    // No cell of the whole report starts with a formula character (the header and rows split on CRLF).
    const cells = csv.split('\r\n').flatMap((l) => l.split(','));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('reports every repository unknown with the reason when the trust server is gone; the scan completes', async () => {
    // The registry is this run's own: its notary-server is ended for good (the registry is deleted next).
    await endForGood(`notary-server-${name}`);
    const events = await scan();
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', done: ALL.length, total: ALL.length, failed: ALL.length });
    for (const summary of summaries(events).values()) {
      expect(summary.trust, summary.repository).toBe('unknown');
      expect(summary.reason).toMatch(/timestamp/);
      expect(summary.counts.unknown).toBe(summary.tags);
    }
    // The seeded registry's own trust server is untouched: its scan completes verified meanwhile.
    const seeded = await api.lines<ScanEvent>(
      repositoriesPath({ ...ref, registryName: s.premium.name }, 'scan'),
    );
    expect(seeded.at(-1)).toMatchObject({ type: 'done', failed: 0 });
    // Retrying one repository alone answers (unknown again, with the reason), never a 500.
    const retry = await api.json<RepositorySummary>(repositoriesPath(ref, 'summary?repository=team/a'));
    expect(retry).toMatchObject({ repository: 'team/a', trust: 'unknown' });
  });
});

interface SupervisedProcess {
  name: string;
  state: string;
  pid?: number;
}

/** The stack's supervised processes, from its health route (ARM endpoint). */
async function supervised(name: string): Promise<SupervisedProcess | undefined> {
  const s = await stack();
  const health = (await (await fetch(`${s.arm.endpoint}/health`)).json()) as {
    processes: SupervisedProcess[];
  };
  return health.processes.find((p) => p.name === name);
}

/**
 * Ends a supervised process for good: the supervisor restarts a crashed process (issue 8), so it is
 * killed at each restart until the supervisor gives up on it (its restart policy), as after a real
 * crash loop.
 */
async function endForGood(name: string): Promise<void> {
  for (;;) {
    const current = await supervised(name);
    if (!current || current.state === 'failed') return;
    if (current.state === 'running' && current.pid) process.kill(current.pid, 'SIGKILL');
    await expect
      .poll(
        async () => {
          const next = await supervised(name);
          return !next || next.state === 'failed' || (next.state === 'running' && next.pid !== current.pid);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
  }
}
