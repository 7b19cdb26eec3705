// The Access control (IAM) blade's read side through the portal's BFF, on the seeded Premium registry:
// assignments at and above the registry with their origins, principals resolved through Graph, the
// wizard's roles and member search, signers, and check access — whose "can sign" must be exactly what
// the registry's token service grants (trusted push on a GUN). Nothing here changes state.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkAccessSchema,
  principalListSchema,
  roleAssignmentListSchema,
  roleDefinitionListSchema,
  signerListSchema,
  type CheckAccess,
} from '@ctp/contracts';
import { accessControlPath, portalApi, type PortalApi } from './support/portal-api.ts';
import { grantedAccess } from './support/registry-http.ts';
import { basicCredentials, ROLE, stack, type Stack } from './support/stack.ts';

const SEEDED_KEYS = [
  'owner',
  'contributor',
  'reader',
  'classic-admin',
  'pusher',
  'puller',
  'access-admin',
  'rbac-admin',
  'ci-signer',
];

describe('access control (IAM) of ctpdemo through the BFF', () => {
  let s: Stack;
  let owner: PortalApi;
  let base: string;
  const id = (key: string) => s.identity(key).objectId;

  beforeAll(async () => {
    s = await stack();
    owner = await portalApi(s, 'owner');
    base = accessControlPath(s, s.premium.name);
  });

  it('lists assignments at the registry and inherited ones with their origin, principals resolved through Graph', async () => {
    const answer = await owner.get(`${base}/role-assignments`);
    expect(answer.status).toBe(200);
    const list = roleAssignmentListSchema.parse(answer.body);
    expect(list.scope.toLowerCase()).toContain(`/registries/${s.premium.name}`);
    const row = (key: string, roleName: string) =>
      list.value.find((a) => a.principal.id === id(key) && a.roleName === roleName);

    expect(row('ci-signer', 'AcrImageSigner')).toMatchObject({
      origin: 'thisResource',
      inherited: false,
      roleDefinitionId: ROLE.AcrImageSigner,
      principal: {
        type: 'ServicePrincipal',
        found: true,
        displayName: 'ci-signer',
        appId: s.identity('ci-signer').appId,
      },
    });
    expect(row('puller', 'AcrPull')).toMatchObject({
      origin: 'resourceGroup',
      originName: 'registries-rg',
      inherited: true,
      principal: { type: 'User', found: true, userPrincipalName: s.identity('puller').userPrincipalName },
    });
    expect(row('owner', 'Owner')).toMatchObject({ origin: 'subscription', inherited: true });
    expect(row('owner', 'Owner')!.originName).not.toBe(s.arm.subscriptionId); // the subscription's name
    expect(row('rbac-admin', 'Role Based Access Control Administrator')).toMatchObject({
      origin: 'resourceGroup',
    });
    // Every seeded principal exists, so none is "Identity not found"; no assignment below the registry.
    expect(list.value.every((a) => a.principal.found)).toBe(true);
    expect(list.value.every((a) => list.scope.toLowerCase().startsWith(a.scope.toLowerCase()))).toBe(true);
  });

  it('offers job-function and privileged roles, Container Registry roles first, with permissions', async () => {
    const answer = await owner.get(`${base}/role-definitions`);
    expect(answer.status).toBe(200);
    const roles = roleDefinitionListSchema.parse(answer.body).value;
    expect(roles.slice(0, 6).map((r) => r.roleName)).toEqual([
      'AcrPull',
      'AcrPush',
      'AcrDelete',
      'AcrImageSigner',
      'AcrQuarantineReader',
      'AcrQuarantineWriter',
    ]);
    expect(
      roles
        .filter((r) => r.category === 'privileged')
        .map((r) => r.roleName)
        .sort(),
    ).toEqual([
      'Contributor',
      'Owner',
      'Role Based Access Control Administrator',
      'User Access Administrator',
    ]);
    const signer = roles.find((r) => r.name === ROLE.AcrImageSigner)!;
    expect(signer.permissions[0]!.dataActions).toContain(
      'Microsoft.ContainerRegistry/registries/trustedCollections/write',
    );
    // Computed from actions, not names: Owner's `*` carries no data action, so it does not sign.
    expect(signer.grants).toMatchObject({ canSign: true, canPush: false });
    expect(roles.find((r) => r.roleName === 'Owner')!.grants).toMatchObject({
      canSign: false,
      canAssignRoles: true,
    });
    expect(roles.find((r) => r.roleName === 'Contributor')!.grants).toMatchObject({
      canChangeTrustPolicy: true,
      canAssignRoles: false,
    });
  });

  it('searches members in Graph by name, UPN and appId, marks classic administrators, never offers the admin account', async () => {
    const search = async (query: string) => {
      const answer = await owner.get(`${base}/principals?${new URLSearchParams(query)}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return principalListSchema.parse(answer.body).value;
    };
    expect((await search('search=pau')).map((p) => p.displayName)).toEqual(['Paula Pusher']);
    expect((await search('search=rita.reader@')).map((p) => p.id)).toEqual([id('reader')]);
    expect(await search(`search=${s.identity('ci-signer').appId}`)).toMatchObject([
      { id: id('ci-signer'), type: 'ServicePrincipal' },
    ]);
    expect(await search('search=cecil')).toMatchObject([
      { id: id('classic-admin'), classicAdministrator: true },
    ]);
    expect((await search('search=release&kind=group')).map((p) => [p.displayName, p.type])).toEqual([
      ['Release Signers', 'Group'],
    ]);
    // Graph of the local tenant lists a pseudo principal for each admin account; the picker drops it.
    const everyServicePrincipal = await search('kind=servicePrincipal');
    expect(everyServicePrincipal.map((p) => p.displayName)).toContain('ci-signer');
    expect(everyServicePrincipal.some((p) => /admin account/.test(p.displayName ?? ''))).toBe(false);
    expect(await search(`search=${s.premium.name}`)).toEqual([]);
    // Quotes cannot break out of Graph's $search clause.
    expect(await search('search=" OR "displayName:')).toEqual([]);
  });

  it('lists the signers with the assignments that give them trusted push', async () => {
    const answer = await owner.get(`${base}/signers`);
    expect(answer.status).toBe(200);
    const signers = signerListSchema.parse(answer.body).value;
    const ci = signers.find((x) => x.principal.id === id('ci-signer'));
    expect(ci).toMatchObject({ canPush: true });
    expect(ci!.assignments.map((a) => a.roleName)).toEqual(['AcrImageSigner']);
    // Owner, Contributor and the classic administrator push, but hold no trusted-push data action.
    for (const key of ['owner', 'contributor', 'classic-admin', 'pusher'])
      expect(signers.map((x) => x.principal.id)).not.toContain(id(key));
  });

  it('check access: every role held here (direct and inherited) and what it allows', async () => {
    const check = async (key: string) => {
      const answer = await owner.get(`${base}/check-access?principalId=${id(key)}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return checkAccessSchema.parse(answer.body);
    };
    const pusher = await check('pusher');
    expect(pusher.assignments.map((a) => [a.roleName, a.origin])).toEqual([['AcrPush', 'resourceGroup']]);
    expect(pusher.access).toEqual({
      canPull: true,
      canPush: true,
      canSign: false,
      canChangeTrustPolicy: false,
      canAssignRoles: false,
    });
    expect((await check('access-admin')).access).toMatchObject({
      canAssignRoles: true,
      canChangeTrustPolicy: false,
    });
    expect((await check('contributor')).access).toMatchObject({
      canAssignRoles: false,
      canChangeTrustPolicy: true,
    });
    const cecil = await check('classic-admin');
    expect(cecil.principal.classicAdministrator).toBe(true);
    expect(cecil.access.canSign).toBe(false);
    expect(cecil.signingBlockedReason).toMatch(/classic/i);
  });

  it("check access says 'can sign' exactly when the login server grants trusted push on a GUN", async () => {
    const loginServer = s.premium.loginServer;
    const gunScope = `repository:${loginServer}/hello-world:push`;
    const verdicts: Array<[string, boolean, boolean]> = [];
    for (const key of SEEDED_KEYS) {
      const answer = await owner.get<CheckAccess>(`${base}/check-access?principalId=${id(key)}`);
      expect(answer.status).toBe(200);
      const granted = await grantedAccess(loginServer, basicCredentials(s, key), [gunScope]);
      verdicts.push([key, answer.body.access.canSign, granted.includes(gunScope)]);
    }
    for (const [key, canSign, tokenServiceGrants] of verdicts)
      expect({ key, canSign }).toEqual({ key, canSign: tokenServiceGrants });
    // The seed has exactly one signer on ctpdemo, so both sides were exercised.
    expect(verdicts.filter(([, canSign]) => canSign).map(([key]) => key)).toEqual(['ci-signer']);
  });

  it('answers malformed queries and unknown principals with problems', async () => {
    const malformed = await owner.get(`${base}/check-access?principalId=not-a-guid`);
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toBe('application/problem+json');
    expect(malformed.body).toMatchObject({ code: 'InvalidRequest', errors: [{ path: 'principalId' }] });
    const unknown = await owner.get(`${base}/check-access?principalId=00000000-0000-4000-8000-000000000001`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'PrincipalNotFound' } });
  });
});
