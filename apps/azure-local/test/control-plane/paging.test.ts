import { randomUUID } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../../src/control-plane/arm/paging.ts';
import { ROLE_IDS } from '../../src/control-plane/rbac/role-definitions.ts';
import { localCredential, startTestControlPlane, type Loose, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';
const RG = 'registries-rg';

describe('ARM list paging (nextLink + $skipToken) through the official SDKs', () => {
  let t: TestControlPlane;
  let arm: string;
  let subscriptionId: string;
  let registryScope: string; // without the leading slash (arm-authorization's scope convention)
  let authorization: AuthorizationManagementClient;
  let registries: ContainerRegistryManagementClient;
  const created: string[] = [];
  let subject: string; // the principal given two of the new assignments

  const rawGet = async (url: string) => {
    const token = await t.userToken('owner', ARM_SCOPE);
    const response = await fetch(url.startsWith('https://') ? url : `${arm}${url}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as Loose };
  };
  const allAssignments = async (filter?: string) => {
    const names: string[] = [];
    const pageSizes: number[] = [];
    for await (const page of authorization.roleAssignments
      .listForScope(registryScope, filter ? { filter } : {})
      .byPage()) {
      pageSizes.push(page.length);
      names.push(...page.map((a) => a.name!));
    }
    return { names, pageSizes };
  };

  beforeAll(async () => {
    t = await startTestControlPlane();
    ({ endpoint: arm, subscriptionId } = t.cp.describe().arm!);
    registryScope = t.cp
      .listRegistries()
      .find((r) => r.name === 'ctpdemo')!
      .resourceId.slice(1);
    authorization = new AuthorizationManagementClient(localCredential(t, 'owner'), subscriptionId, {
      endpoint: arm,
      credentialScopes: [ARM_SCOPE],
    });
    registries = new ContainerRegistryManagementClient(localCredential(t, 'owner'), subscriptionId, {
      endpoint: arm,
      credentials: { scopes: [ARM_SCOPE] },
    });
    // Eight new assignments at the registry: four principals x two roles nobody is seeded with there.
    const principals = ['no-role', 'reader', 'contributor', 'access-admin'].map(
      (key) => t.identities[key]!.objectId,
    );
    subject = principals[0]!;
    for (const principalId of principals) {
      for (const role of [ROLE_IDS.AcrDelete, ROLE_IDS.AcrQuarantineReader]) {
        const name = randomUUID();
        await authorization.roleAssignments.create(registryScope, name, {
          roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          principalId,
          principalType: 'User',
        });
        created.push(name);
      }
    }
  });
  afterEach(() => t.cp.controls.setArmPageSize(undefined));
  afterAll(async () => t?.stop());

  it('serves every role assignment once across pages the SDK follows', async () => {
    const unpaged = await allAssignments();
    expect(unpaged.pageSizes).toHaveLength(1); // everything fits the default page of 100
    expect(unpaged.names).toEqual(expect.arrayContaining(created));
    expect(unpaged.names.length).toBeGreaterThan(9);

    expect(t.cp.controls.setArmPageSize(3)).toBe(3);
    const paged = await allAssignments();
    expect(paged.pageSizes.length).toBe(Math.ceil(unpaged.names.length / 3));
    expect(paged.pageSizes.every((size) => size <= 3)).toBe(true);
    expect(new Set(paged.names).size).toBe(paged.names.length);
    expect(paged.names).toEqual(unpaged.names);
  });

  it('keeps $filter and api-version in nextLink, so filtered lists stay filtered on later pages', async () => {
    t.cp.controls.setArmPageSize(1);
    const filter = `principalId eq '${subject}'`;
    const first = await rawGet(
      `/${registryScope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(filter)}`,
    );
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(1);
    const nextLink = new URL(first.body.nextLink as string);
    expect(nextLink.origin).toBe(arm);
    expect(nextLink.searchParams.get('api-version')).toBe('2022-04-01');
    expect(nextLink.searchParams.get('$filter')).toBe(filter);
    expect(nextLink.searchParams.get('$skipToken')).toBeTruthy();

    const viaSdk = await allAssignments(filter);
    expect(viaSdk.pageSizes).toEqual([1, 1]);
    const mine = created.slice(0, 2); // the subject's two assignments
    expect(viaSdk.names.sort()).toEqual([...mine].sort());

    const atScope = await allAssignments('atScope()');
    t.cp.controls.setArmPageSize(undefined);
    expect(atScope.names).toEqual((await allAssignments('atScope()')).names);
  });

  it('refuses a $skipToken it did not issue', async () => {
    const forged = await rawGet(
      `/${registryScope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$skipToken=not-a-token`,
    );
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('InvalidSkipToken');
  });

  it('pages registry lists by subscription and by resource group', async () => {
    t.cp.controls.setArmPageSize(1);
    const bySubscription: string[] = [];
    let pages = 0;
    for await (const page of registries.registries.list().byPage()) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(1);
      bySubscription.push(...page.map((r) => r.name!));
    }
    expect(pages).toBe(2);
    expect(bySubscription.sort()).toEqual(['ctpbasic', 'ctpdemo']);

    const byGroup: string[] = [];
    for await (const r of registries.registries.listByResourceGroup(RG)) byGroup.push(r.name!);
    expect(byGroup.sort()).toEqual(['ctpbasic', 'ctpdemo']);

    const first = await rawGet(
      `/subscriptions/${subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries?api-version=2025-11-01`,
    );
    expect(first.body.value).toHaveLength(1);
    expect(first.body.nextLink).toMatch(/api-version=2025-11-01&\$skipToken=/);
    const second = await rawGet(first.body.nextLink as string);
    expect(second.body.value).toHaveLength(1);
    expect(second.body.nextLink).toBeUndefined();
    expect(second.body.value[0].name).not.toBe(first.body.value[0].name);
  });

  it('validates the page size switch', () => {
    expect(() => t.cp.controls.setArmPageSize(0)).toThrow(/positive integer/);
    expect(t.cp.controls.setArmPageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
  });
});
