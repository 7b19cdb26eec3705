import { randomUUID } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredential, startTestControlPlane, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';
const RG = 'registries-rg';
const ACR_IMAGE_SIGNER = '6cef56e8-d556-48e5-a04f-b8e64114680f';

describe('official Azure SDK clients against the local ARM', () => {
  let t: TestControlPlane;
  let registries: ContainerRegistryManagementClient;
  let authorization: AuthorizationManagementClient;
  let subscriptionId: string;

  beforeAll(async () => {
    t = await startTestControlPlane();
    const arm = t.cp.describe().arm!;
    subscriptionId = arm.subscriptionId;
    registries = new ContainerRegistryManagementClient(localCredential(t, 'owner'), subscriptionId, {
      endpoint: arm.endpoint,
      credentials: { scopes: [ARM_SCOPE] },
    });
    authorization = new AuthorizationManagementClient(localCredential(t, 'owner'), subscriptionId, {
      endpoint: arm.endpoint,
      credentialScopes: [ARM_SCOPE],
    });
  });
  afterAll(async () => t?.stop());

  it('gets and lists registries', async () => {
    const demo = await registries.registries.get(RG, 'ctpdemo');
    expect(demo.sku.name).toBe('Premium');
    expect(demo.policies?.trustPolicy?.status).toBe('enabled');
    expect(demo.loginServer).toBe(`localhost:${t.ctx.config.portBase + 10}`);
    expect(demo.adminUserEnabled).toBe(true);
    const names: string[] = [];
    for await (const r of registries.registries.list()) names.push(r.name!);
    expect(names.sort()).toEqual(['ctpbasic', 'ctpdemo']);
    const credentials = await registries.registries.listCredentials(RG, 'ctpdemo');
    expect(credentials.username).toBe('ctpdemo');
    expect(credentials.passwords?.map((p) => p.name)).toEqual(['password', 'password2']);
  });

  it('disables content trust through the long-running poller, deleting trust data in the background', async () => {
    t.dataPlane.holdDeletion();
    const poller = registries.registries.update(
      RG,
      'ctpdemo',
      { policies: { trustPolicy: { type: 'Notary', status: 'disabled' } } },
      { updateIntervalInMs: 50 },
    );
    // While the data plane is still deleting, the policy is already off and the registry is Updating.
    await expect.poll(() => t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length).toBe(1);
    const during = await registries.registries.get(RG, 'ctpdemo');
    expect(during.policies?.trustPolicy?.status).toBe('disabled');
    expect(during.provisioningState).toBe('Updating');
    expect(t.cp.listRegistries().find((r) => r.name === 'ctpdemo')?.trustPolicy).toBe('disabled');
    t.dataPlane.releaseDeletion();
    const final = await poller;
    expect(final.provisioningState).toBe('Succeeded');
    expect(final.policies?.trustPolicy?.status).toBe('disabled');

    // Enabling again is synchronous and leaves data alone.
    const enabled = await registries.registries.update(
      RG,
      'ctpdemo',
      { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
      { updateIntervalInMs: 50 },
    );
    expect(enabled.policies?.trustPolicy?.status).toBe('enabled');
    expect(t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData')).toHaveLength(1);
  });

  it('refuses content trust on a Basic registry with an ARM error, state unchanged', async () => {
    const error = await registries.registries
      .update(
        RG,
        'ctpbasic',
        { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
        { updateIntervalInMs: 50 },
      )
      .then(
        () => undefined,
        (e: unknown) => e as { statusCode?: number; code?: string; message: string },
      );
    expect(error?.statusCode).toBe(400);
    expect(error?.code).toBe('ContentTrustNotSupportedForSku');
    expect(error?.message).toMatch(/Premium/);
    expect((await registries.registries.get(RG, 'ctpbasic')).policies?.trustPolicy?.status).toBe('disabled');
  });

  it('answers ContentTrustUnsupported when the registry is configured so (DCT deprecation)', async () => {
    const created = await registries.registries.create(
      RG,
      'ctpnewpremium',
      { location: 'westeurope', sku: { name: 'Premium' } },
      { updateIntervalInMs: 50 },
    );
    expect(created.provisioningState).toBe('Succeeded');
    expect(t.dataPlane.calls).toContainEqual({ op: 'provision', registry: 'ctpnewpremium' });
    t.cp.controls.setContentTrustUnsupported('ctpnewpremium', true);
    const error = await registries.registries
      .update(
        RG,
        'ctpnewpremium',
        { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
        { updateIntervalInMs: 50 },
      )
      .then(
        () => undefined,
        (e: unknown) => e as { statusCode?: number; code?: string; message: string },
      );
    expect(error?.code).toBe('ContentTrustUnsupported');
    expect(error?.message).toMatch(/aka\.ms\/acr\/dctdeprecation/);
    await registries.registries.delete(RG, 'ctpnewpremium', { updateIntervalInMs: 50 });
    expect(t.dataPlane.calls).toContainEqual({ op: 'deprovision', registry: 'ctpnewpremium' });
    await expect(registries.registries.get(RG, 'ctpnewpremium')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
  });

  it('creates, lists and deletes role assignments', async () => {
    const registryId = `/subscriptions/${subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/ctpdemo`;
    const pusher = t.identities.pusher!.objectId;
    const name = randomUUID();
    const created = await authorization.roleAssignments.create(registryId.slice(1), name, {
      roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ACR_IMAGE_SIGNER}`,
      principalId: pusher,
      principalType: 'User',
      description: 'sign releases',
    });
    expect(created.name).toBe(name);
    expect(created.scope).toBe(registryId);

    const atScope: string[] = [];
    for await (const a of authorization.roleAssignments.listForScope(registryId.slice(1), {
      filter: 'atScope()',
    }))
      atScope.push(a.name!);
    expect(atScope).toContain(name);
    const forPrincipal: Array<{ scope?: string; roleDefinitionId?: string }> = [];
    for await (const a of authorization.roleAssignments.listForScope(registryId.slice(1), {
      filter: `principalId eq '${pusher}'`,
    }))
      forPrincipal.push(a);
    // AcrPush inherited from the resource group, AcrImageSigner at the registry.
    expect(forPrincipal.map((a) => a.roleDefinitionId?.split('/').pop()).sort()).toEqual([
      '6cef56e8-d556-48e5-a04f-b8e64114680f',
      '8311e382-0749-4cb8-b61a-304f252e45ec',
    ]);

    const duplicate = await authorization.roleAssignments
      .create(registryId.slice(1), randomUUID(), {
        roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ACR_IMAGE_SIGNER}`,
        principalId: pusher,
      })
      .then(
        () => undefined,
        (e: unknown) => e as { statusCode?: number; code?: string },
      );
    expect(duplicate).toMatchObject({ statusCode: 409, code: 'RoleAssignmentExists' });

    const deleted = await authorization.roleAssignments.delete(registryId.slice(1), name);
    expect(deleted.name).toBe(name);
    const after: string[] = [];
    for await (const a of authorization.roleAssignments.listForScope(registryId.slice(1)))
      after.push(a.name!);
    expect(after).not.toContain(name);

    const definitions: string[] = [];
    for await (const d of authorization.roleDefinitions.list(registryId.slice(1), {
      filter: "roleName eq 'AcrImageSigner'",
    }))
      definitions.push(d.name!);
    expect(definitions).toEqual([ACR_IMAGE_SIGNER]);
  });
});
