import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armRequest, startTestControlPlane, type Loose, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';
const ROLE = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
};

type Outcome = 'allow' | 403;
const who = [
  'owner',
  'contributor',
  'reader',
  'no-role',
  'classic-admin',
  'pusher',
  'puller',
  'ci-signer',
  'access-admin',
  'rbac-admin',
] as const;

// Expected outcome per seeded identity for each ARM operation on the Premium registry ctpdemo.
const matrix: Record<string, Record<(typeof who)[number], Outcome>> = {
  'read registry': {
    owner: 'allow',
    contributor: 'allow',
    reader: 'allow',
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 'allow',
    'rbac-admin': 'allow',
  },
  'change trust policy': {
    owner: 'allow',
    contributor: 'allow',
    reader: 403,
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 403,
    'rbac-admin': 403,
  },
  'list admin credentials': {
    owner: 'allow',
    contributor: 'allow',
    reader: 403,
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 403,
    'rbac-admin': 403,
  },
  'list role assignments': {
    owner: 'allow',
    contributor: 'allow',
    reader: 'allow',
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 'allow',
    'rbac-admin': 'allow',
  },
  'create role assignment': {
    owner: 'allow',
    contributor: 403,
    reader: 403,
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 'allow',
    'rbac-admin': 'allow',
  },
  'delete role assignment': {
    owner: 'allow',
    contributor: 403,
    reader: 403,
    'no-role': 403,
    'classic-admin': 'allow',
    pusher: 403,
    puller: 403,
    'ci-signer': 403,
    'access-admin': 'allow',
    'rbac-admin': 'allow',
  },
};

describe('RBAC on every ARM call', () => {
  let t: TestControlPlane;
  let arm: string;
  let sub: string;
  let registryId: string;
  const tokens = new Map<string, string>();

  const call = (key: string, method: string, path: string, body?: unknown) =>
    armRequest(
      arm,
      tokens.get(key)!,
      method,
      `${path}${path.includes('?') ? '&' : '?'}api-version=${path.includes('Microsoft.Authorization') ? '2022-04-01' : '2025-11-01'}`,
      body,
    );
  const assignmentPath = (name: string) =>
    `${registryId}/providers/Microsoft.Authorization/roleAssignments/${name}`;
  const assignmentBody = (role: string, principalId: string) => ({
    properties: {
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
    },
  });

  beforeAll(async () => {
    t = await startTestControlPlane();
    arm = t.cp.describe().arm!.endpoint;
    sub = t.cp.describe().arm!.subscriptionId;
    registryId = t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.resourceId;
    for (const key of who) {
      tokens.set(
        key,
        key === 'ci-signer' ? await t.appToken(key, ARM_SCOPE) : await t.userToken(key, ARM_SCOPE),
      );
    }
  });
  afterAll(async () => t?.stop());

  const trustPolicyOf = () => t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.trustPolicy;
  const setTrust = (key: string, status: 'enabled' | 'disabled') =>
    call(key, 'PATCH', registryId, {
      properties: { policies: { trustPolicy: { type: 'Notary', status } } },
    });
  const assignmentStatus = async (name: string) => (await call('owner', 'GET', assignmentPath(name))).status;

  // Each operation asserts its effect: an allowed write changed the state (and is undone), a denied one
  // left it as it was; an allowed read returned the registry's data.
  const operations: Record<
    string,
    (key: string, allowed: boolean) => Promise<{ status: number; body?: Loose }>
  > = {
    'read registry': async (key, allowed) => {
      const result = await call(key, 'GET', registryId);
      if (allowed) expect(result.body).toMatchObject({ id: registryId, name: 'ctpdemo' });
      return result;
    },
    'change trust policy': async (key, allowed) => {
      // ctpdemo starts enabled, so the change is a disable (which deletes trust data behind an LRO).
      expect(trustPolicyOf()).toBe('enabled');
      const deletionsBefore = t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length;
      const result = await setTrust(key, 'disabled');
      if (!allowed) {
        expect(trustPolicyOf()).toBe('enabled');
        return result;
      }
      expect(trustPolicyOf()).toBe('disabled');
      const statusUrl = result.headers.get('azure-asyncoperation');
      expect(statusUrl).toBeTruthy();
      await expect.poll(async () => (await call('owner', 'GET', statusUrl!)).body?.status).toBe('Succeeded');
      expect(t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length).toBe(deletionsBefore + 1);
      expect((await setTrust('owner', 'enabled')).status).toBe(200);
      expect(trustPolicyOf()).toBe('enabled');
      return result;
    },
    'list admin credentials': async (key, allowed) => {
      const result = await call(key, 'POST', `${registryId}/listCredentials`);
      if (allowed) {
        expect(result.body?.username).toBe('ctpdemo');
        expect(result.body?.passwords).toHaveLength(2);
      }
      return result;
    },
    'list role assignments': async (key, allowed) => {
      const result = await call(
        key,
        'GET',
        `${registryId}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`,
      );
      if (allowed) {
        const assignments = result.body?.value as Array<{ properties: { principalId: string } }>;
        expect(assignments.map((a) => a.properties.principalId)).toContain(
          t.identities['ci-signer']!.objectId,
        );
      }
      return result;
    },
    'create role assignment': async (key, allowed) => {
      const name = randomUUID();
      const result = await call(
        key,
        'PUT',
        assignmentPath(name),
        assignmentBody(ROLE.AcrPull, t.identities['no-role']!.objectId),
      );
      if (!allowed) {
        expect(await assignmentStatus(name)).toBe(404);
        return result;
      }
      expect(result.status).toBe(201);
      expect(await assignmentStatus(name)).toBe(200);
      expect((await call('owner', 'DELETE', assignmentPath(name))).status).toBe(200);
      return result;
    },
    'delete role assignment': async (key, allowed) => {
      const name = randomUUID();
      expect(
        (
          await call(
            'owner',
            'PUT',
            assignmentPath(name),
            assignmentBody(ROLE.AcrPull, t.identities['no-role']!.objectId),
          )
        ).status,
      ).toBe(201);
      const result = await call(key, 'DELETE', assignmentPath(name));
      if (allowed) expect(await assignmentStatus(name)).toBe(404);
      else {
        expect(await assignmentStatus(name)).toBe(200);
        await call('owner', 'DELETE', assignmentPath(name));
      }
      return result;
    },
  };

  for (const [operation, expected] of Object.entries(matrix)) {
    for (const key of who) {
      it(`${operation} as ${key}: ${expected[key]}`, async () => {
        const allowed = expected[key] === 'allow';
        const result = await operations[operation]!(key, allowed);
        if (allowed) {
          expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
        } else {
          expect(result.status).toBe(403);
          expect(result.body?.error.code).toBe('AuthorizationFailed');
          expect(result.body?.error.message).toContain(`over scope '`);
          expect(result.body?.error.message).toContain(`with object id '${t.identities[key]!.objectId}'`);
          expect(result.body?.error.message).toMatch(
            /perform action 'Microsoft\.(ContainerRegistry|Authorization)\/[^']+'/,
          );
        }
      });
    }
  }

  it('names the denied action and scope in the 403', async () => {
    const result = await operations['change trust policy']!('reader', false);
    expect(result.body?.error.message).toBe(
      `The client '${t.identities.reader!.userPrincipalName}' with object id '${t.identities.reader!.objectId}' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/write' over scope '${registryId}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  });

  it('lists only what the caller may read', async () => {
    const visible = async (key: string) =>
      (
        (await call(key, 'GET', `/subscriptions/${sub}/providers/Microsoft.ContainerRegistry/registries`))
          .body?.value as Array<{ name: string }>
      )
        .map((r) => r.name)
        .sort();
    expect(await visible('reader')).toEqual(['ctpbasic', 'ctpdemo']);
    expect(await visible('no-role')).toEqual([]);
    const subs = await fetch(`${arm}/subscriptions?api-version=2022-12-01`, {
      headers: { authorization: `Bearer ${tokens.get('no-role')}` },
    });
    expect(((await subs.json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('refuses AcrImageSigner for the registry admin account and classic administrators, naming the rule', async () => {
    const admin = (
      await fetch(
        `${t.cp.describe().graph!.endpoint}/v1.0/servicePrincipals?$filter=startswith(displayName,'ctpdemo')`,
        {
          headers: {
            authorization: `Bearer ${await t.userToken('owner', 'https://graph.microsoft.com/.default')}`,
          },
        },
      ).then((r) => r.json() as Promise<{ value: Array<{ id: string; displayName: string }> }>)
    ).value.find((sp) => sp.displayName === 'ctpdemo (admin account)')!;
    expect(admin).toBeDefined();
    const before = (
      await call('owner', 'GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments`)
    ).body?.value.length;

    const toAdmin = await call(
      'owner',
      'PUT',
      assignmentPath(randomUUID()),
      assignmentBody(ROLE.AcrImageSigner, admin.id),
    );
    expect(toAdmin.status).toBe(400);
    expect(toAdmin.body?.error.code).toBe('TrustedPushNotAllowedForPrincipal');
    expect(toAdmin.body?.error.message).toMatch(/never grants trusted push to a registry's admin account/);

    for (const caller of ['owner', 'classic-admin']) {
      const toClassic = await call(
        caller,
        'PUT',
        assignmentPath(randomUUID()),
        assignmentBody(ROLE.AcrImageSigner, t.identities['classic-admin']!.objectId),
      );
      expect(toClassic.status).toBe(400);
      expect(toClassic.body?.error.code).toBe('TrustedPushNotAllowedForPrincipal');
      expect(toClassic.body?.error.message).toMatch(
        /never grants trusted push to classic subscription administrators/,
      );
    }
    // Other roles are fine for them; only trusted push is refused.
    const pushName = randomUUID();
    expect(
      (
        await call(
          'owner',
          'PUT',
          assignmentPath(pushName),
          assignmentBody(ROLE.AcrPush, t.identities['classic-admin']!.objectId),
        )
      ).status,
    ).toBe(201);
    expect((await call('owner', 'DELETE', assignmentPath(pushName))).status).toBe(200);
    expect(
      (await call('owner', 'GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments`)).body
        ?.value.length,
    ).toBe(before);
  });

  it('exposes effective permissions through the port, inherited down the scope tree', () => {
    const signer = t.cp.permissionsAt(t.identities['ci-signer']!.objectId, registryId);
    expect(signer.actions).toEqual(
      expect.arrayContaining([
        'Microsoft.ContainerRegistry/registries/push/write',
        'Microsoft.ContainerRegistry/registries/sign/write',
      ]),
    );
    expect(signer.dataActions).toContain('Microsoft.ContainerRegistry/registries/trustedCollections/write');
    const pusher = t.cp.permissionsAt(t.identities.pusher!.objectId, registryId);
    expect(pusher.actions).toContain('Microsoft.ContainerRegistry/registries/push/write');
    expect(pusher.actions).not.toContain('Microsoft.ContainerRegistry/registries/sign/write');
    const contributor = t.cp.permissionsAt(t.identities.contributor!.objectId, registryId);
    expect(contributor.actions).toContain('Microsoft.ContainerRegistry/registries/write');
    expect(contributor.actions).not.toContain('Microsoft.Authorization/roleAssignments/write');
    expect(t.cp.permissionsAt(t.identities['no-role']!.objectId, registryId)).toEqual({
      actions: [],
      dataActions: [],
    });
    expect(t.cp.isClassicAdministrator(t.identities['classic-admin']!.objectId)).toBe(true);
    expect(t.cp.isClassicAdministrator(t.identities.owner!.objectId)).toBe(false);
  });
});
