// The content-trust blade's BFF routes on this run's own Premium registry (created through ARM, deleted
// at the end, so no other file's data is touched): the guarded disable (typed name, If-Match), ARM's
// refusals kept, the impact counted from the trust server, the export verified offline by
// `content-trust inspect --archive`, the long-running disable polled to its end, enable again, and
// the activity log's record of who did it.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTrustChangesSchema,
  contentTrustImpactSchema,
  contentTrustOperationSchema,
  contentTrustStatusSchema,
  contentTrustUpdateResultSchema,
  trustExportManifestSchema,
  type ContentTrustOperation,
  type ContentTrustStatus,
  type TrustExportManifest,
} from '@ctp/contracts';
import { publishImage, type PublishResult } from '@ctp/azure-local/tools/publish-image';
import { armClients, createSigningRegistry, uniqueRegistryName, type ArmClients } from './support/arm.ts';
import { contentTrustInspect, notary, withTempDir, type Credentials } from './support/cli.ts';
import { asProblem, bffAs, trustFileServed, trustPath, type BffCall } from './support/content-trust.ts';
import { eventually, headManifest } from './support/registry-http.ts';
import { ARM_SCOPE, basicCredentials, REGISTRIES_RG, stack, userToken, type Stack } from './support/stack.ts';

const PASSPHRASE = 'stack-content-trust-passphrase';

describe('content trust blade (BFF) on a new Premium registry', () => {
  let s: Stack;
  let arm: ArmClients;
  const name = uniqueRegistryName('ctptrust');
  let loginServer = '';
  let created = false;
  let signer: Credentials;
  let puller: Credentials;
  const as: Record<string, BffCall> = {};
  const published: PublishResult[] = [];
  const tempDirs: string[] = [];
  let exported: { manifest: TrustExportManifest; file: string } | undefined;
  let liveInspect: { json: string; pretty: string } | undefined;
  const p = (tail = '') => trustPath(s, REGISTRIES_RG, name, tail);

  const status = async (key = 'owner') => {
    const answer = await as[key]!<ContentTrustStatus>('GET', p());
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return contentTrustStatusSchema.parse(answer.body);
  };
  /** What the trust server holds for this run's signed repositories, read straight from it. */
  const timestampsServed = async () => ({
    'team/app': await trustFileServed(loginServer, puller, 'team/app', 'timestamp'),
    'team/tools': await trustFileServed(loginServer, puller, 'team/tools', 'timestamp'),
    'team/unsigned': await trustFileServed(loginServer, puller, 'team/unsigned', 'timestamp'),
  });
  const untilDone = (answerId: string) =>
    eventually(`the operation ${answerId} to end`, async () => {
      const answer = await as.owner!<ContentTrustOperation>('GET', p(`/operations/${answerId}`));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const op = contentTrustOperationSchema.parse(answer.body);
      return op.status === 'InProgress' ? undefined : op;
    });

  beforeAll(async () => {
    s = await stack();
    arm = armClients(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    puller = basicCredentials(s, 'puller');
    for (const key of ['owner', 'contributor', 'reader', 'pusher', 'no-role']) as[key] = await bffAs(s, key);

    const registry = await createSigningRegistry(s, arm, name);
    created = true;
    loginServer = registry.loginServer!;
    const keys = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-trust-keys-'));
    tempDirs.push(keys);
    const publish = async (repository: string, tag: string, sign: boolean) =>
      published.push(
        await publishImage({
          loginServer,
          caFile: s.caCertificate,
          repository,
          tag,
          credentials: signer,
          label: `${name} ${repository}:${tag} ${randomUUID()}`,
          ...(sign ? { sign: { trustDir: keys, passphrase: PASSPHRASE } } : {}),
        }),
      );
    await publish('team/app', 'v1', true);
    await publish('team/app', 'v2', true);
    await publish('team/tools', '1.0', true);
    await publish('team/unsigned', '1.0', false);
    await publish('team/unsigned', '2.0', false);
  });

  afterAll(async () => {
    if (created)
      await arm.registries.registries
        .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
        .catch(() => undefined);
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  });

  it('shows the status with an ETag, Premium support, capabilities and the deprecation dates', async () => {
    const answer = await as.owner!<ContentTrustStatus>('GET', p());
    expect(answer.status).toBe(200);
    const owner = contentTrustStatusSchema.parse(answer.body);
    expect(answer.headers.get('etag')).toBe(owner.etag);
    expect(owner).toMatchObject({
      registryName: name,
      loginServer,
      sku: 'Premium',
      trustPolicy: { type: 'Notary', status: 'enabled' },
      skuSupport: { supported: true },
      capabilities: { canChangeTrustPolicy: true },
      deprecation: { noNewEnablementFrom: '2026-05-31', removedOn: '2028-03-31' },
    });
    const reader = await status('reader');
    expect(reader.capabilities.canChangeTrustPolicy).toBe(false);
    expect(reader.capabilities.reason).toContain('Microsoft.ContainerRegistry/registries/write');
    expect(reader.etag).toBe(owner.etag);
  });

  it('counts the impact from the trust server: 3 signed tags in 2 repositories, 5 images stay', async () => {
    const answer = await as.owner!('GET', p('/impact'));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const impact = contentTrustImpactSchema.parse(answer.body);
    expect(impact.totals).toEqual({
      signedTags: 3,
      repositoriesWithTrustData: 2,
      repositories: 3,
      imagesKept: 5,
      unknown: 0,
    });
    expect(
      impact.repositories.map((r) => [r.repository, r.trustData, r.signedTags, r.tags, r.roles]),
    ).toEqual([
      ['team/app', 'present', 2, 2, ['root', 'snapshot', 'targets', 'timestamp']],
      ['team/tools', 'present', 1, 1, ['root', 'snapshot', 'targets', 'timestamp']],
      ['team/unsigned', 'none', 0, 2, []],
    ]);
  });

  it('refuses a disable without the typed name, with a wrong one, without or with a stale If-Match; nothing is deleted', async () => {
    const { etag } = await status();
    const disable = (body: unknown, headers: Record<string, string> = { 'if-match': etag }) =>
      as.owner!('PUT', p(), { body, headers });

    const none = await disable({ status: 'disabled' });
    expect(none.status).toBe(400);
    expect(asProblem(none.body)).toMatchObject({
      code: 'ConfirmationRequired',
      errors: [{ path: 'confirmRegistryName' }],
    });
    for (const wrong of [name.toUpperCase(), ` ${name}`, `${name} `, name.slice(0, -1)]) {
      const answer = await disable({ status: 'disabled', confirmRegistryName: wrong });
      expect(answer.status, wrong).toBe(400);
      expect(asProblem(answer.body).code).toBe('ConfirmationRequired');
    }
    const noIfMatch = await disable({ status: 'disabled', confirmRegistryName: name }, {});
    expect(noIfMatch.status).toBe(428);
    expect(asProblem(noIfMatch.body).code).toBe('PreconditionRequired');
    const stale = await disable(
      { status: 'disabled', confirmRegistryName: name },
      { 'if-match': '"not-the-current-state"' },
    );
    expect(stale.status).toBe(412);
    expect(asProblem(stale.body)).toMatchObject({ code: 'PreconditionFailed' });
    expect(asProblem(stale.body).detail).toContain('Nothing was changed');

    expect((await status()).trustPolicy.status).toBe('enabled');
    expect(await timestampsServed()).toEqual({
      'team/app': true,
      'team/tools': true,
      'team/unsigned': false,
    });
  });

  it('refuses Reader, Pusher and Nora with ARM’s reason, even with the typed name and a fresh ETag', async () => {
    const { etag } = await status();
    for (const key of ['reader', 'pusher', 'no-role']) {
      const answer = await as[key]!('PUT', p(), {
        body: { status: 'disabled', confirmRegistryName: name },
        headers: { 'if-match': etag },
      });
      expect(answer.status, key).toBe(403);
      const problem = asProblem(answer.body);
      expect(problem.code, key).toBe('AuthorizationFailed');
      expect(problem.detail, key).toMatch(
        /does not have authorization to perform action 'Microsoft\.ContainerRegistry\/registries\/(read|write)'/,
      );
    }
    expect(await timestampsServed()).toEqual({
      'team/app': true,
      'team/tools': true,
      'team/unsigned': false,
    });
  });

  it('exports every GUN’s TUF metadata with a manifest; inspect --archive prints what inspect printed live', async () => {
    const answer = await as.owner!('GET', p('/export'), { binary: true });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/zip');
    expect(answer.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${name}-trust-data-\\d{8}T\\d{6}Z\\.zip"$`),
    );
    const entries = unzipSync(answer.bytes!);
    const manifest = trustExportManifestSchema.parse(JSON.parse(strFromU8(entries['manifest.json']!)));
    expect(manifest.guns.map((g) => [g.gun, g.result])).toEqual([
      [`${loginServer}/team/app`, 'verified'],
      [`${loginServer}/team/tools`, 'verified'],
    ]);
    const roles = (gun: string) =>
      manifest.files
        .filter((f) => f.gun === `${loginServer}/${gun}`)
        .map((f) => f.role)
        .sort();
    expect(roles('team/app')).toEqual(['root', 'snapshot', 'targets', 'timestamp']);
    expect(roles('team/tools')).toEqual(['root', 'snapshot', 'targets', 'timestamp']);
    for (const f of manifest.files) {
      expect(entries[f.path]?.length, f.path).toBe(f.length);
      expect(f.version, f.path).toBeGreaterThan(0);
    }
    // Every role the archive holds is served by the trust server now (and must be gone after the disable).
    for (const f of manifest.files)
      expect(await trustFileServed(loginServer, puller, f.gun.slice(loginServer.length + 1), f.role)).toBe(
        true,
      );

    const dir = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-trust-export-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'export.zip');
    await writeFile(file, answer.bytes!);
    exported = { manifest, file };

    const images = [`${loginServer}/team/app`, `${loginServer}/team/tools`];
    const liveJson = await contentTrustInspect(s.caCertificate, puller, images);
    const livePretty = await contentTrustInspect(s.caCertificate, puller, ['--pretty', images[0]!]);
    expect(liveJson.code, liveJson.stderr).toBe(0);
    expect(livePretty.code, livePretty.stderr).toBe(0);
    expect(JSON.parse(liveJson.stdout)).toHaveLength(2);
    liveInspect = { json: liveJson.stdout, pretty: livePretty.stdout };
    const fromArchive = await contentTrustInspect(s.caCertificate, puller, ['--archive', file, ...images]);
    expect(fromArchive.code, fromArchive.stderr).toBe(0);
    expect(fromArchive.stdout).toBe(liveInspect.json);
  });

  it('Contributor disables with the typed name and a fresh If-Match: 202, progress to the end, trust data gone, images kept', async () => {
    const contributor = await as.contributor!('GET', p());
    const etag = contentTrustStatusSchema.parse(contributor.body).etag;
    const answer = await as.contributor!('PUT', p(), {
      body: { status: 'disabled', confirmRegistryName: name },
      headers: { 'if-match': etag },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    const result = contentTrustUpdateResultSchema.parse(answer.body);
    expect(result.status.trustPolicy.status).toBe('disabled');
    expect(result.operation?.status).toBe('InProgress');
    expect(answer.headers.get('location')).toBe(`/api${p(`/operations/${result.operation!.id}`)}`);
    const done = await untilDone(result.operation!.id);
    expect(done.status).toBe('Succeeded');
    // The deletion walks every repository's GUN (three), whether or not it held trust data.
    expect(done.progress).toMatchObject({ phase: 'done', done: 3, total: 3 });

    const after = await status();
    expect(after).toMatchObject({ trustPolicy: { status: 'disabled' }, provisioningState: 'Succeeded' });
    expect(after.etag).not.toBe(etag);
    // Exactly what the export held is gone: every GUN and role of its manifest.
    for (const f of exported!.manifest.files)
      expect(await trustFileServed(loginServer, puller, f.gun.slice(loginServer.length + 1), f.role)).toBe(
        false,
      );
    const list = await withTempDir('notary-trust', (trustDir) =>
      notary({ loginServer, caFile: s.caCertificate, trustDir, credentials: puller }, [
        'list',
        `${loginServer}/team/app`,
      ]),
    );
    expect(list.code).not.toBe(0);
    expect(`${list.stdout}${list.stderr}`).toMatch(/does not have trust data|No valid trust data/);
    for (const image of published) {
      const head = await headManifest(loginServer, puller, image.repository, image.tag);
      expect(head, `${image.repository}:${image.tag}`).toEqual({ status: 200, digest: image.digest });
    }
    // The archive still verifies offline, to what inspect printed before the disable.
    const fromArchive = await contentTrustInspect(s.caCertificate, puller, [
      '--archive',
      exported!.file,
      `${loginServer}/team/app`,
      `${loginServer}/team/tools`,
    ]);
    expect(fromArchive.stdout).toBe(liveInspect!.json);
    const prettyArchive = await contentTrustInspect(s.caCertificate, puller, [
      '--archive',
      exported!.file,
      '--pretty',
      `${loginServer}/team/app`,
    ]);
    expect(prettyArchive.stdout).toBe(liveInspect!.pretty);
  });

  it('Owner enables again without confirmation; Owner disables and Contributor enables', async () => {
    const enable = async (key: string) => {
      const answer = await as[key]!('PUT', p(), { body: { status: 'enabled' } });
      expect([200, 202], JSON.stringify(answer.body)).toContain(answer.status);
      const result = contentTrustUpdateResultSchema.parse(answer.body);
      if (result.operation) expect((await untilDone(result.operation.id)).status).toBe('Succeeded');
      expect((await status()).trustPolicy.status).toBe('enabled');
    };
    await enable('owner');
    const { etag } = await status();
    const disabled = await as.owner!('PUT', p(), {
      body: { status: 'disabled', confirmRegistryName: name },
      headers: { 'if-match': etag },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(202);
    const op = contentTrustUpdateResultSchema.parse(disabled.body).operation!;
    expect((await untilDone(op.id)).status).toBe('Succeeded');
    await enable('contributor');
  });

  it('lists who enabled and disabled content trust, newest first, from the ARM activity log', async () => {
    const answer = await as.owner!('GET', p('/changes'));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const changes = contentTrustChangesSchema.parse(answer.body).value;
    const owner = s.identity('owner').userPrincipalName;
    const contributor = s.identity('contributor').userPrincipalName;
    const reader = s.identity('reader').userPrincipalName;
    const succeeded = changes.filter((c) => c.result === 'Succeeded').map((c) => [c.caller, c.change]);
    expect(succeeded).toEqual([
      [contributor, 'enabled'],
      [owner, 'disabled'],
      [owner, 'enabled'],
      [contributor, 'disabled'],
      [owner, 'enabled'], // the registry's creation with content trust on
    ]);
    // Refused attempts are in the log too, with ARM's reason.
    expect(changes.find((c) => c.caller === reader)).toMatchObject({
      change: 'disabled',
      result: 'Failed',
      error: { code: 'AuthorizationFailed' },
    });
  });

  it('explains ContentTrustUnsupported (Azure’s deprecation) when ARM refuses to enable', async () => {
    const { etag } = await status();
    const off = await as.owner!('PUT', p(), {
      body: { status: 'disabled', confirmRegistryName: name },
      headers: { 'if-match': etag },
    });
    const op = contentTrustUpdateResultSchema.parse(off.body).operation;
    if (op) await untilDone(op.id);
    const switchUnsupported = async (value: boolean) => {
      const response = await fetch(
        `${s.arm.endpoint}/_azure-local/subscriptions/${s.arm.subscriptionId}/resourceGroups/${REGISTRIES_RG}/providers/Microsoft.ContainerRegistry/registries/${name}/contentTrustUnsupported`,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${await userToken(s, 'owner', ARM_SCOPE)}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ value }),
        },
      );
      expect(response.status, await response.text()).toBe(200);
    };
    await switchUnsupported(true);
    const refused = await as.owner!('PUT', p(), { body: { status: 'enabled' } });
    expect(refused.status).toBe(400);
    const problem = asProblem(refused.body);
    expect(problem.code).toBe('ContentTrustUnsupported');
    expect(problem.detail).toContain('https://aka.ms/acr/dctdeprecation');
    expect(problem.detail).toContain('Notary Project (Notation)');
    expect((await status()).trustPolicy.status).toBe('disabled');
    await switchUnsupported(false);
  });
});
