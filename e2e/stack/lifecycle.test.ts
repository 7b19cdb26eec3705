// The content-trust lifecycle across both halves of azure-local, driven through the official Azure SDK
// (control plane) and the real notary / docker / content-trust CLIs and the publish tool (data plane):
// create a Premium registry → grant signing rights → publish and sign → refuse signing rights to the
// admin account and the classic administrator → disable content trust (trust data deleted, images kept)
// → enable again and sign with a new root key → delete the registry. The registry is this run's own.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStackConfig } from '@ctp/azure-local/config';
import { publishImage, type PublishResult } from '@ctp/azure-local/tools/publish-image';
import { openTrustStoreProbe } from '@ctp/azure-local/tools/trust-store-probe';
import {
  armClients,
  armFailure,
  roleDefinitionId,
  uniqueRegistryName,
  type ArmClients,
  createPremiumRegistry,
} from './support/arm.ts';
import {
  contentTrustInspect,
  dockerTrustInspect,
  notary,
  notaryListRows,
  type Credentials,
} from './support/cli.ts';
import { catalog, eventually, grantedAccess, headManifest } from './support/registry-http.ts';
import {
  basicCredentials,
  GRAPH_SCOPE,
  REGISTRIES_RG,
  ROLE,
  stack,
  userToken,
  type Stack,
} from './support/stack.ts';

interface DockerInspectEntry {
  Name: string;
  SignedTags: Array<{ SignedTag: string; Digest: string; Signers: string[] }>;
  AdministrativeKeys: Array<{ Name: string; Keys: Array<{ ID: string }> }>;
}

const PASSPHRASE = 'stack-lifecycle-passphrase';

describe('content-trust lifecycle on a new Premium registry (ARM SDK + data plane)', () => {
  let s: Stack;
  let arm: ArmClients;
  const name = uniqueRegistryName('ctpit');
  let registryId = '';
  let loginServer = '';
  let created = false;
  let deleted = false;
  let signer: Credentials;
  let puller: Credentials;
  const tempDirs: string[] = [];
  /** What this run published: repository → tag → result. */
  const published = new Map<string, PublishResult>();
  let rootKeyBeforeDisable = '';

  const trustDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ctp-stack-lifecycle-trust-'));
    tempDirs.push(dir);
    return dir;
  };
  const publish = async (repository: string, tag: string, sign?: { trustDir: string }) => {
    const result = await publishImage({
      loginServer,
      caFile: s.caCertificate,
      repository,
      tag,
      credentials: signer,
      label: `${name} ${repository}:${tag} ${randomUUID()}`,
      ...(sign ? { sign: { trustDir: sign.trustDir, passphrase: PASSPHRASE } } : {}),
    });
    published.set(`${repository}:${tag}`, result);
    return result;
  };
  const inspectJson = async (images: string[]) => {
    const ours = await contentTrustInspect(
      s.caCertificate,
      puller,
      images.map((i) => `${loginServer}/${i}`),
    );
    const docker = await dockerTrustInspect(
      loginServer,
      s.caCertificate,
      puller,
      images.map((i) => `${loginServer}/${i}`),
    );
    return { ours, docker };
  };

  beforeAll(async () => {
    s = await stack();
    arm = armClients(s, 'owner');
    signer = basicCredentials(s, 'ci-signer');
    // AcrPull on registries-rg: inherited by every registry created there.
    puller = basicCredentials(s, 'puller');
  });

  afterAll(async () => {
    // Cleanup even when a step failed: the registry is this run's own.
    if (created && !deleted) {
      await arm.registries.registries
        .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
        .catch(() => undefined);
    }
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  });

  it('creates a Premium registry with content trust through ARM; its login server answers', async () => {
    const registry = await createPremiumRegistry(arm, name, { adminUserEnabled: true });
    created = true;
    expect(registry.provisioningState).toBe('Succeeded');
    expect(registry.policies?.trustPolicy?.status).toBe('enabled');
    registryId = registry.id!;
    loginServer = registry.loginServer!;
    expect(loginServer).toMatch(/^localhost:\d+$/);
    expect(s.registries.map((r) => r.loginServer)).not.toContain(loginServer);

    // The login server challenges for its own token service (polled: the data plane starts it behind ARM).
    const challenge = await eventually(`the login server of ${name} to answer`, async () => {
      const response = await fetch(`https://${loginServer}/v2/`);
      return response.status === 401 ? response.headers.get('www-authenticate') : undefined;
    });
    expect(challenge).toBe(`Bearer realm="https://${loginServer}/oauth2/token",service="${loginServer}"`);
    expect(await catalog(loginServer, puller)).toEqual([]);
  });

  it('grants AcrPush and AcrImageSigner to ci-signer at the registry scope; the token service follows', async () => {
    const ciSigner = s.identity('ci-signer');
    const gun = `${loginServer}/team/app`;
    const scopes = ['repository:team/app:pull,push', `repository:${gun}:pull,push`];
    // ci-signer's seeded roles are on ctpdemo only: nothing here yet.
    expect(await grantedAccess(loginServer, signer, scopes)).toEqual([]);

    for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner]) {
      const assignment = await arm.authorization.roleAssignments.create(registryId.slice(1), randomUUID(), {
        roleDefinitionId: roleDefinitionId(s, role),
        principalId: ciSigner.objectId,
        principalType: 'ServicePrincipal',
        description: `stack suite: ${name}`,
      });
      expect(assignment.scope).toBe(registryId);
    }
    const atScope: string[] = [];
    for await (const a of arm.authorization.roleAssignments.listForScope(registryId.slice(1), {
      filter: `principalId eq '${ciSigner.objectId}'`,
    })) {
      atScope.push(a.roleDefinitionId!.split('/').pop()!);
    }
    expect(atScope.sort()).toEqual([ROLE.AcrImageSigner, ROLE.AcrPush].sort());
    expect(await grantedAccess(loginServer, signer, scopes)).toEqual([
      'repository:team/app:pull,push',
      `repository:${gun}:pull,push`,
    ]);
  });

  it('publishes and signs as ci-signer; notary, content-trust and docker trust inspect see it signed', async () => {
    const keys = await trustDir();
    const app = await publish('team/app', 'v1', { trustDir: keys });
    await publish('team/app', 'v2', { trustDir: keys });
    await publish('team/tools', '1.0', { trustDir: keys });
    await publish('team/unsigned', '1.0');
    expect(app.signed).toBe(true);

    const listed = await notary({ loginServer, caFile: s.caCertificate, credentials: puller }, [
      'list',
      `${loginServer}/team/app`,
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(notaryListRows(listed.stdout).map((r) => [r.name, `sha256:${r.digest}`, r.role])).toEqual([
      ['v1', app.digest, 'targets'],
      ['v2', published.get('team/app:v2')!.digest, 'targets'],
    ]);

    const { ours, docker } = await inspectJson(['team/app', 'team/tools', 'team/unsigned']);
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: docker.code, stdout: docker.stdout });
    expect(ours.code).toBe(1); // team/unsigned has no trust data
    const entries = JSON.parse(ours.stdout) as DockerInspectEntry[];
    expect(entries.map((e) => e.Name)).toEqual([`${loginServer}/team/app`, `${loginServer}/team/tools`]);
    expect(entries[0]!.SignedTags).toEqual([
      { SignedTag: 'v1', Digest: app.digest.replace('sha256:', ''), Signers: ['Repo Admin'] },
      {
        SignedTag: 'v2',
        Digest: published.get('team/app:v2')!.digest.replace('sha256:', ''),
        Signers: ['Repo Admin'],
      },
    ]);
    rootKeyBeforeDisable = entries[0]!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys[0]!.ID;
    expect(rootKeyBeforeDisable).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses AcrImageSigner for the registry's admin account and the classic administrator, naming the rule", async () => {
    // The admin account's directory object, as the portal's member picker finds it (Graph).
    const graphToken = await userToken(s, 'owner', GRAPH_SCOPE);
    const filter = encodeURIComponent(`displayName eq '${name} (admin account)'`);
    const found = await fetch(`${s.graph.endpoint}/v1.0/servicePrincipals?$filter=${filter}`, {
      headers: { authorization: `Bearer ${graphToken}` },
    });
    expect(found.status).toBe(200);
    const admins = ((await found.json()) as { value: Array<{ id: string }> }).value;
    expect(admins).toHaveLength(1);

    const refusals = [
      {
        principalId: admins[0]!.id,
        rule: /Rule: Azure Container Registry never grants trusted push to a registry's admin account/,
      },
      {
        principalId: s.identity('classic-admin').objectId,
        rule: /Rule: Azure Container Registry never grants trusted push to classic subscription administrators/,
      },
    ];
    for (const { principalId, rule } of refusals) {
      const failure = await armFailure(
        arm.authorization.roleAssignments.create(registryId.slice(1), randomUUID(), {
          roleDefinitionId: roleDefinitionId(s, ROLE.AcrImageSigner),
          principalId,
        }),
      );
      expect(failure).toMatchObject({ statusCode: 400, code: 'TrustedPushNotAllowedForPrincipal' });
      expect(failure!.message).toMatch(rule);
      expect(failure!.message).toMatch(/AcrImageSigner/);
    }
    const assigned: string[] = [];
    for await (const a of arm.authorization.roleAssignments.listForScope(registryId.slice(1)))
      assigned.push(a.principalId!);
    expect(assigned).not.toContain(admins[0]!.id);
    expect(assigned).not.toContain(s.identity('classic-admin').objectId);

    // The data plane agrees: the admin account may push images, never trust data.
    const credentials = await arm.registries.registries.listCredentials(REGISTRIES_RG, name);
    const admin = { username: credentials.username!, password: credentials.passwords![0]!.value! };
    expect(
      await grantedAccess(loginServer, admin, [
        'repository:team/app:push',
        `repository:${loginServer}/team/app:push`,
      ]),
    ).toEqual(['repository:team/app:push']);
  });

  it('disabling content trust (SDK poller) deletes the trust data of every repository and keeps every image', async () => {
    const repositories = await catalog(loginServer, puller);
    expect(repositories.sort()).toEqual(['team/app', 'team/tools', 'team/unsigned']);
    // notary-server's own tables, not the login server (which hides every trust path once the policy is off).
    const store = await openTrustStoreProbe({ ...loadStackConfig(process.env), dataDir: s.dataDir });
    try {
      const before = await store.liveFiles(`${loginServer}/`);
      expect(Object.keys(before)).toEqual([`${loginServer}/team/app`, `${loginServer}/team/tools`]);

      const updated = await arm.registries.registries.update(
        REGISTRIES_RG,
        name,
        { policies: { trustPolicy: { type: 'Notary', status: 'disabled' } } },
        { updateIntervalInMs: 100 },
      );
      expect(updated.provisioningState).toBe('Succeeded');
      expect(updated.policies?.trustPolicy?.status).toBe('disabled');
      // Right after the operation: no GUN of the registry has a TUF file left on the trust server.
      expect(await store.liveFiles(`${loginServer}/`)).toEqual({});
    } finally {
      await store.close();
    }

    for (const repository of repositories) {
      const listed = await notary({ loginServer, caFile: s.caCertificate, credentials: puller }, [
        'list',
        `${loginServer}/${repository}`,
      ]);
      expect(listed.code).toBe(1);
      // notary prints its fatal errors on stdout.
      expect(listed.stdout).toContain(`does not have trust data for ${loginServer}/${repository}`);
    }
    const { ours, docker } = await inspectJson(repositories);
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: docker.code, stdout: docker.stdout });
    expect(ours.stdout).toBe('[]\n');
    expect(ours.stderr.trim().split('\n')).toEqual(
      repositories.map((r) => `no signatures or cannot access ${loginServer}/${r}`),
    );

    for (const [image, result] of published) {
      const [repository, tag] = image.split(':') as [string, string];
      expect(await headManifest(loginServer, puller, repository, tag), image).toEqual({
        status: 200,
        digest: result.digest,
      });
    }
  });

  it('enabling again brings no old trust data back; signing works again with a new root key', async () => {
    const enabled = await arm.registries.registries.update(
      REGISTRIES_RG,
      name,
      { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
      { updateIntervalInMs: 100 },
    );
    expect(enabled.policies?.trustPolicy?.status).toBe('enabled');
    // Served again, and still empty: the data was deleted, not hidden behind the policy.
    const before = await notary({ loginServer, caFile: s.caCertificate, credentials: puller }, [
      'list',
      `${loginServer}/team/app`,
    ]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(`does not have trust data for ${loginServer}/team/app`);

    // A fresh trust dir: new root and repository keys for the GUN (the old keys signed deleted data).
    const v3 = await publish('team/app', 'v3', { trustDir: await trustDir() });
    const { ours, docker } = await inspectJson(['team/app']);
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: docker.code, stdout: docker.stdout });
    expect(ours.code).toBe(0);
    const [entry] = JSON.parse(ours.stdout) as DockerInspectEntry[];
    expect(entry!.SignedTags).toEqual([
      { SignedTag: 'v3', Digest: v3.digest.replace('sha256:', ''), Signers: ['Repo Admin'] },
    ]);
    const rootKey = entry!.AdministrativeKeys.find((k) => k.Name === 'Root')!.Keys[0]!.ID;
    expect(rootKey).toMatch(/^[0-9a-f]{64}$/);
    expect(rootKey).not.toBe(rootKeyBeforeDisable);
  });

  it('deletes the registry through ARM: gone from ARM, its assignments removed, its login server stops', async () => {
    await arm.registries.registries.delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 });
    deleted = true;
    expect(await armFailure(arm.registries.registries.get(REGISTRIES_RG, name))).toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    const names: string[] = [];
    for await (const r of arm.registries.registries.list()) names.push(r.name!);
    expect(names).not.toContain(name);
    const remaining: string[] = [];
    for await (const a of arm.authorization.roleAssignments.listForScope(
      `subscriptions/${s.arm.subscriptionId}`,
    )) {
      remaining.push(a.scope!);
    }
    expect(remaining.filter((scope) => scope.toLowerCase() === registryId.toLowerCase())).toEqual([]);
    await eventually(`the login server of ${name} to stop`, async () =>
      fetch(`https://${loginServer}/v2/`).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
  });
});
