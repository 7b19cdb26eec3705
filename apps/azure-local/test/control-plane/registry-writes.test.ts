import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armRequest, startTestControlPlane, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';
const API = 'api-version=2025-11-01';
const DEFAULT_POLICIES = {
  quarantinePolicy: { status: 'disabled' },
  trustPolicy: { type: 'Notary', status: 'disabled' },
  retentionPolicy: { days: 7, status: 'disabled' },
  exportPolicy: { status: 'enabled' },
  azureADAuthenticationAsArmPolicy: { status: 'enabled' },
};

describe('registry PUT (create-or-replace) and PATCH rules', () => {
  let t: TestControlPlane;
  let basicId: string;
  let demoId: string;
  const call = async (method: string, url: string, body?: unknown) =>
    armRequest(t.cp.describe().arm!.endpoint, await t.userToken('owner', ARM_SCOPE), method, url, body);
  const get = async (id: string) => (await call('GET', `${id}?${API}`)).body!;
  const deletions = () => t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length;

  beforeAll(async () => {
    t = await startTestControlPlane();
    basicId = t.cp.listRegistries().find((r) => r.name === 'ctpbasic')!.resourceId;
    demoId = t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.resourceId;
  });
  afterAll(async () => t?.stop());

  describe('PUT on an existing registry replaces it', () => {
    it('puts properties the body omits back to their defaults (a PATCH keeps them)', async () => {
      const patched = await call('PATCH', `${basicId}?${API}`, {
        tags: { team: 'platform' },
        properties: {
          adminUserEnabled: true,
          policies: {
            quarantinePolicy: { status: 'enabled' },
            retentionPolicy: { days: 30, status: 'enabled' },
            exportPolicy: { status: 'disabled' },
          },
        },
      });
      expect(patched.status).toBe(200);
      // A PATCH that names one property leaves the others as they are.
      const tagsOnly = await call('PATCH', `${basicId}?${API}`, { tags: { team: 'platform', env: 'dev' } });
      expect(tagsOnly.body?.properties).toMatchObject({
        adminUserEnabled: true,
        policies: { quarantinePolicy: { status: 'enabled' }, retentionPolicy: { days: 30 } },
      });

      const replaced = await call('PUT', `${basicId}?${API}`, {
        location: 'westeurope',
        sku: { name: 'Basic' },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.headers.get('azure-asyncoperation')).toBeNull();
      for (const registry of [replaced.body!, await get(basicId)]) {
        expect(registry.tags).toEqual({});
        expect(registry.sku.name).toBe('Basic');
        expect(registry.properties.adminUserEnabled).toBe(false);
        expect(registry.properties.policies).toMatchObject(DEFAULT_POLICIES);
      }
      expect(t.cp.listRegistries().find((r) => r.name === 'ctpbasic')?.adminUserEnabled).toBe(false);

      const withAdmin = await call('PUT', `${basicId}?${API}`, {
        location: 'West Europe', // ARM location names compare without case and spaces
        sku: { name: 'Basic' },
        properties: { adminUserEnabled: true },
      });
      expect(withAdmin.status).toBe(200);
      expect(withAdmin.body?.properties.adminUserEnabled).toBe(true);
    });

    it('requires sku and refuses to move the registry to another location, leaving it unchanged', async () => {
      const before = await get(basicId);
      const noSku = await call('PUT', `${basicId}?${API}`, { location: 'westeurope' });
      expect(noSku.status).toBe(400);
      expect(noSku.body?.error).toMatchObject({ code: 'InvalidRequestContent', target: 'sku' });

      const moved = await call('PUT', `${basicId}?${API}`, {
        location: 'eastus',
        sku: { name: 'Basic' },
        properties: { adminUserEnabled: false },
      });
      expect(moved.status).toBe(409);
      expect(moved.body?.error.code).toBe('InvalidResourceLocation');
      expect(moved.body?.error.message).toBe(
        "The resource 'ctpbasic' already exists in location 'westeurope' in resource group 'registries-rg'. A resource with the same name cannot be created in location 'eastus'. Please select a new resource name.",
      );
      const after = await get(basicId);
      expect(after.location).toBe('westeurope');
      expect(after.properties.adminUserEnabled).toBe(before.properties.adminUserEnabled);
    });

    it('turns content trust off when the body omits it, deleting trust data behind the same LRO as PATCH', async () => {
      const before = deletions();
      t.dataPlane.holdDeletion();
      const accepted = await call('PUT', `${demoId}?${API}`, {
        location: 'westeurope',
        sku: { name: 'Premium' },
      });
      expect(accepted.status).toBe(201);
      expect(accepted.body?.properties.provisioningState).toBe('Updating');
      expect(accepted.body?.properties.policies.trustPolicy.status).toBe('disabled');
      const statusUrl = accepted.headers.get('azure-asyncoperation')!;
      expect(statusUrl).toMatch(/\/operationStatuses\/registries-[0-9a-f-]{36}\?api-version=2025-11-01$/);
      await expect.poll(deletions).toBe(before + 1);
      expect((await call('GET', statusUrl)).body).toMatchObject({
        status: 'InProgress',
        properties: { progress: { phase: 'deleting-trust-data' } },
      });
      expect(t.cp.listRegistries().find((r) => r.name === 'ctpdemo')?.trustPolicy).toBe('disabled');

      t.dataPlane.releaseDeletion();
      await expect.poll(async () => (await call('GET', statusUrl)).body?.status).toBe('Succeeded');
      expect((await call('GET', statusUrl)).body?.properties.progress).toMatchObject({
        phase: 'done',
        gunsDeleted: 2,
      });
      expect((await get(demoId)).properties.provisioningState).toBe('Succeeded');

      // A PUT that names content trust enabled keeps it on, without another deletion; so does a
      // replace that repeats it.
      const enable = {
        location: 'westeurope',
        sku: { name: 'Premium' },
        properties: { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
      };
      expect((await call('PUT', `${demoId}?${API}`, enable)).status).toBe(200);
      const again = await call('PUT', `${demoId}?${API}`, enable);
      expect(again.status).toBe(200);
      expect(again.body?.properties.policies.trustPolicy.status).toBe('enabled');
      expect(deletions()).toBe(before + 1);
    });
  });

  describe('SKU upgrade and a Premium-only property in one request', () => {
    const upgradeAndEnable = {
      sku: { name: 'Premium' },
      properties: { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } },
    };

    it('refuses them together in one PATCH (or PUT) naming the two-step fix, state unchanged', async () => {
      const changes: string[] = [];
      t.cp.onRegistryChange((change) => void changes.push(`${change.type}:${change.registry.name}`));
      const before = await get(basicId);
      const refused = await call('PATCH', `${basicId}?${API}`, upgradeAndEnable);
      expect(refused.status).toBe(400);
      expect(refused.body?.error.code).toBe('PremiumPropertiesRequirePremiumSku');
      expect(refused.body?.error.message).toContain('Send two requests');
      expect(refused.body?.error.message).toContain('{"sku":{"name":"Premium"}}');
      const viaPut = await call('PUT', `${basicId}?${API}`, { location: 'westeurope', ...upgradeAndEnable });
      expect(viaPut.body?.error.code).toBe('PremiumPropertiesRequirePremiumSku');

      const after = await get(basicId);
      expect(after.sku.name).toBe('Basic');
      expect(after.properties.policies.trustPolicy.status).toBe('disabled');
      expect(after.systemData.lastModifiedAt).toBe(before.systemData.lastModifiedAt);
      expect(t.cp.listRegistries().find((r) => r.name === 'ctpbasic')).toMatchObject({
        sku: 'Basic',
        trustPolicy: 'disabled',
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(changes).toEqual([]);
    });

    it('accepts the same change as two PATCHes: the SKU first, then content trust', async () => {
      const upgraded = await call('PATCH', `${basicId}?${API}`, { sku: { name: 'Premium' } });
      expect(upgraded.status).toBe(200);
      expect(upgraded.body?.sku).toEqual({ name: 'Premium', tier: 'Premium' });
      const enabled = await call('PATCH', `${basicId}?${API}`, {
        properties: upgradeAndEnable.properties,
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body?.properties.policies.trustPolicy.status).toBe('enabled');
      expect(t.cp.listRegistries().find((r) => r.name === 'ctpbasic')).toMatchObject({
        sku: 'Premium',
        trustPolicy: 'enabled',
      });
    });
  });
});
