// Adding and removing role assignments through the portal's BFF, on a Premium registry this file
// creates through ARM (and deletes afterwards), so other suites never see its assignments: who may
// assign (Owner, User Access Administrator, RBAC Administrator at its resource group) and who is refused
// with ARM's reason (Contributor, Reader); the signing rules (classic administrator, admin account);
// duplicates, unknown principals, malformed input and inherited assignments → problems, nothing created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAssignmentListSchema, roleAssignmentSchema, type RoleAssignment } from '@ctp/contracts';
import { armClients, uniqueRegistryName, type ArmClients, createPremiumRegistry } from './support/arm.ts';
import { accessControlPath, portalApi, type PortalApi } from './support/portal-api.ts';
import { eventually, grantedAccess } from './support/registry-http.ts';
import { basicCredentials, REGISTRIES_RG, ROLE, stack, type Stack } from './support/stack.ts';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const ACR_DELETE = 'c2f4ef07-c644-48eb-af81-4b1b4947fb11';

describe('role assignments through the BFF on a registry of this run', () => {
  let s: Stack;
  let arm: ArmClients;
  const name = uniqueRegistryName('ctpiam');
  let registryId = '';
  let loginServer = '';
  let base = '';
  const apis = new Map<string, PortalApi>();
  const as = async (key: string) => {
    if (!apis.has(key)) apis.set(key, await portalApi(s, key));
    return apis.get(key)!;
  };
  const id = (key: string) => s.identity(key).objectId;

  const assignmentsHere = async (): Promise<RoleAssignment[]> => {
    const answer = await (await as('owner')).get(`${base}/role-assignments`);
    expect(answer.status).toBe(200);
    return roleAssignmentListSchema.parse(answer.body).value.filter((a) => !a.inherited);
  };
  const assign = async (
    key: string,
    principalKey: string,
    roleDefinitionId: string,
    description?: string,
  ) => {
    const principal = s.identity(principalKey);
    return (await as(key)).send('POST', `${base}/role-assignments`, {
      roleDefinitionId,
      principalId: principal.objectId,
      principalType: principal.kind === 'user' ? 'User' : 'ServicePrincipal',
      ...(description ? { description } : {}),
    });
  };
  const remove = async (key: string, assignmentName: string) =>
    (await as(key)).send('DELETE', `${base}/role-assignments/${assignmentName}`);

  beforeAll(async () => {
    s = await stack();
    arm = armClients(s, 'owner');
    const registry = await createPremiumRegistry(arm, name, { adminUserEnabled: true });
    registryId = registry.id!;
    loginServer = registry.loginServer!;
    base = accessControlPath(s, name);
    await eventually(`the login server of ${name}`, async () =>
      (await fetch(`https://${loginServer}/v2/`)).status === 401 ? true : undefined,
    );
  });

  afterAll(async () => {
    if (!registryId) return;
    // Leave nothing behind: this run's assignments, then its registry.
    for await (const a of arm.authorization.roleAssignments.listForScope(registryId.slice(1), {
      filter: 'atScope()',
    }))
      if (a.scope?.toLowerCase() === registryId.toLowerCase())
        await arm.authorization.roleAssignments.delete(registryId.slice(1), a.name!).catch(() => undefined);
    await arm.registries.registries
      .delete(REGISTRIES_RG, name, { updateIntervalInMs: 100 })
      .catch(() => undefined);
  });

  it('Owner grants AcrImageSigner; the list, check access and the token service follow; removing it takes it back', async () => {
    const gunScope = `repository:${loginServer}/team/app:push`;
    const pusher = basicCredentials(s, 'pusher'); // AcrPush inherited from registries-rg
    expect(await grantedAccess(loginServer, pusher, [gunScope])).toEqual([]);

    const created = await assign('owner', 'pusher', ROLE.AcrImageSigner, 'stack suite: signer');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const assignment = roleAssignmentSchema.parse(created.body);
    expect(assignment).toMatchObject({
      roleName: 'AcrImageSigner',
      origin: 'thisResource',
      description: 'stack suite: signer',
      principal: { id: id('pusher'), type: 'User', displayName: 'Paula Pusher' },
    });
    expect((await assignmentsHere()).map((a) => a.name)).toContain(assignment.name);
    const check = await (
      await as('owner')
    ).get<{ access: { canSign: boolean } }>(`${base}/check-access?principalId=${id('pusher')}`);
    expect(check.body.access.canSign).toBe(true);
    expect(await grantedAccess(loginServer, pusher, [gunScope])).toEqual([gunScope]);

    const removed = await remove('owner', assignment.name);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect((await assignmentsHere()).map((a) => a.name)).not.toContain(assignment.name);
    const after = await (
      await as('owner')
    ).get<{ access: { canSign: boolean } }>(`${base}/check-access?principalId=${id('pusher')}`);
    expect(after.body.access.canSign).toBe(false);
    expect(await grantedAccess(loginServer, pusher, [gunScope])).toEqual([]);
  });

  it('names assignments deterministically (the same member, role and scope get the same GUID)', async () => {
    const first = roleAssignmentSchema.parse((await assign('owner', 'ci-signer', ACR_DELETE)).body);
    expect((await remove('owner', first.name)).status).toBe(200);
    const second = roleAssignmentSchema.parse((await assign('owner', 'ci-signer', ACR_DELETE)).body);
    expect(second.name).toBe(first.name);
    expect((await remove('owner', second.name)).status).toBe(200);
  });

  it.each(['access-admin', 'rbac-admin'])('%s can add and remove assignments here', async (key) => {
    const created = await assign(key, 'ci-signer', ROLE.AcrPush);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { name: assignmentName } = roleAssignmentSchema.parse(created.body);
    expect((await remove(key, assignmentName)).status).toBe(200);
    expect((await assignmentsHere()).map((a) => a.name)).not.toContain(assignmentName);
  });

  it.each(['contributor', 'reader'])(
    '%s is refused with the reason, and nothing is created or removed',
    async (key) => {
      const before = await assignmentsHere();
      const refused = await assign(key, 'ci-signer', ROLE.AcrPush);
      expect(refused.status).toBe(403);
      expect(refused.contentType).toBe('application/problem+json');
      expect(refused.body).toMatchObject({ code: 'AuthorizationFailed' });
      expect(String((refused.body as { detail: string }).detail)).toMatch(
        /roleAssignments\/write.*Owner, User Access Administrator or Role Based Access Control Administrator/,
      );
      const existing = roleAssignmentSchema.parse((await assign('owner', 'ci-signer', ACR_PULL)).body);
      const notRemoved = await remove(key, existing.name);
      expect(notRemoved).toMatchObject({ status: 403, body: { code: 'AuthorizationFailed' } });
      expect((await assignmentsHere()).map((a) => a.name).sort()).toEqual(
        [...before.map((a) => a.name), existing.name].sort(),
      );
      expect((await remove('owner', existing.name)).status).toBe(200);
    },
  );

  it('refuses AcrImageSigner for Cecil Classic; the admin account’s credentials never get trusted push', async () => {
    const refused = await assign('owner', 'classic-admin', ROLE.AcrImageSigner);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'ClassicAdministratorCannotSign',
      errors: [{ path: 'principalId' }],
    });
    expect(String((refused.body as { detail: string }).detail)).toMatch(/classic subscription administrator/);
    expect((await assignmentsHere()).some((a) => a.principal.id === id('classic-admin'))).toBe(false);

    // The admin account is no Entra identity: the login server lets it push images, never trust data.
    const credentials = await arm.registries.registries.listCredentials(REGISTRIES_RG, name);
    const admin = { username: credentials.username!, password: credentials.passwords![0]!.value! };
    const scopes = ['repository:team/app:push', `repository:${loginServer}/team/app:push`];
    expect(await grantedAccess(loginServer, admin, scopes)).toEqual(['repository:team/app:push']);
  });

  it('refuses a duplicate (RoleAssignmentExists), also of one made outside the portal under another name', async () => {
    const first = await assign('owner', 'puller', ROLE.AcrPush);
    expect(first.status).toBe(201);
    const again = await assign('owner', 'puller', ROLE.AcrPush);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'RoleAssignmentExists' });
    const direct = await arm.authorization.roleAssignments.create(registryId.slice(1), crypto.randomUUID(), {
      roleDefinitionId: `/subscriptions/${s.arm.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ACR_DELETE}`,
      principalId: id('puller'),
      principalType: 'User',
    });
    expect((await assign('owner', 'puller', ACR_DELETE)).body).toMatchObject({
      status: 409,
      code: 'RoleAssignmentExists',
    });
    const here = (await assignmentsHere()).filter((a) => a.principal.id === id('puller'));
    expect(here.map((a) => a.roleName).sort()).toEqual(['AcrDelete', 'AcrPush']);
    for (const a of here) expect((await remove('owner', a.name)).status).toBe(200);
    expect(direct.name).toBeTruthy();
  });

  it('answers unknown principals and roles, malformed GUIDs and bodies with problems; nothing is created', async () => {
    const owner = await as('owner');
    const before = (await assignmentsHere()).map((a) => a.name).sort();
    const post = (body: unknown) => owner.send('POST', `${base}/role-assignments`, body);
    const valid = { roleDefinitionId: ROLE.AcrPush, principalId: id('puller'), principalType: 'User' };

    expect(
      (await post({ ...valid, principalId: '00000000-0000-4000-8000-00000000abcd' })).body,
    ).toMatchObject({
      status: 400,
      code: 'PrincipalNotFound',
    });
    expect(
      (await post({ ...valid, roleDefinitionId: '00000000-0000-4000-8000-00000000abcd' })).body,
    ).toMatchObject({
      status: 400,
      code: 'RoleDefinitionDoesNotExist',
    });
    expect((await post({ ...valid, principalType: 'Group' })).body).toMatchObject({
      status: 400,
      errors: [{ path: 'principalType' }],
    });
    const malformed = await post({ ...valid, principalId: 'pierre', roleDefinitionId: 'AcrPush' });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toBe('application/problem+json');
    expect((malformed.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path).sort()).toEqual([
      'principalId',
      'roleDefinitionId',
    ]);
    for (const body of [
      '{"roleDefinitionId":',
      '[]',
      { roleDefinitionId: ROLE.AcrPush },
      { ...valid, principalType: 'Device' },
    ]) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.contentType).toBe('application/problem+json');
    }
    expect((await owner.send('DELETE', `${base}/role-assignments/not-a-guid`)).status).toBe(400);
    expect(
      (await owner.send('DELETE', `${base}/role-assignments/00000000-0000-4000-8000-00000000abcd`)).body,
    ).toMatchObject({
      status: 404,
      code: 'RoleAssignmentNotFound',
    });
    expect((await assignmentsHere()).map((a) => a.name).sort()).toEqual(before);
  });

  it('refuses to remove an inherited assignment and says where it comes from', async () => {
    const all = roleAssignmentListSchema.parse(
      (await (await as('owner')).get(`${base}/role-assignments`)).body,
    ).value;
    const inherited = all.find((a) => a.principal.id === id('puller') && a.roleName === 'AcrPull')!;
    expect(inherited).toMatchObject({ inherited: true, origin: 'resourceGroup' });
    const refused = await remove('owner', inherited.name);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'InheritedRoleAssignment' });
    expect(String((refused.body as { detail: string }).detail)).toMatch(/resource group registries-rg/);
    const still = roleAssignmentListSchema.parse(
      (await (await as('owner')).get(`${base}/role-assignments`)).body,
    ).value;
    expect(still.map((a) => a.name)).toContain(inherited.name);
  });
});
