import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postChunked } from '../support/chunked-body.ts';
import { startTestControlPlane, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';

describe('bad input gets ARM-shaped errors and changes nothing', () => {
  let t: TestControlPlane;
  let arm: string;
  let sub: string;
  let registryId: string;
  let token: string;

  const raw = (
    method: string,
    path: string,
    init: { body?: string; query?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${arm}${path}${init.query ?? ''}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      body: init.body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json().catch(() => undefined)) as {
        error: { code: string; message: string; target?: string };
      },
    }));
  const snapshot = async () => ({
    registry: await raw('GET', registryId, { query: '?api-version=2025-11-01' }).then((r) => r.body),
    basic: await raw('GET', registryId.replace('ctpdemo', 'ctpbasic'), {
      query: '?api-version=2025-11-01',
    }).then((r) => r.body),
    assignments: await raw('GET', `${registryId}/providers/Microsoft.Authorization/roleAssignments`, {
      query: '?api-version=2022-04-01',
    }).then((r) => r.body),
  });
  const rdId = (guid: string) =>
    `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

  beforeAll(async () => {
    t = await startTestControlPlane();
    arm = t.cp.describe().arm!.endpoint;
    sub = t.cp.describe().arm!.subscriptionId;
    registryId = t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.resourceId;
    token = await t.userToken('owner', ARM_SCOPE);
  });
  afterAll(async () => t?.stop());

  const cases: Array<{
    name: string;
    method: string;
    path: () => string;
    query?: string;
    body?: () => string;
    headers?: Record<string, string>;
    status: number;
    code: string;
    target?: string;
    message?: RegExp;
  }> = [
    {
      name: 'missing api-version',
      method: 'GET',
      path: () => registryId,
      status: 400,
      code: 'MissingApiVersionParameter',
    },
    {
      name: 'unknown api-version',
      method: 'GET',
      path: () => registryId,
      query: '?api-version=2099-01-01',
      status: 400,
      code: 'NoRegisteredProviderFound',
      message: /2025-11-01/,
    },
    {
      name: 'malformed api-version',
      method: 'GET',
      path: () => registryId,
      query: '?api-version=latest',
      status: 400,
      code: 'InvalidApiVersionParameter',
    },
    {
      name: 'malformed role assignment GUID',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/not-a-guid`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: {
            roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
            principalId: t.identities.reader!.objectId,
          },
        }),
      status: 400,
      code: 'InvalidRoleAssignmentId',
    },
    {
      name: 'malformed principal id',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: {
            roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
            principalId: 'olivia',
          },
        }),
      status: 400,
      code: 'InvalidPrincipalId',
    },
    {
      name: 'unknown principal',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: {
            roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
            principalId: randomUUID(),
          },
        }),
      status: 400,
      code: 'PrincipalNotFound',
    },
    {
      name: 'malformed role definition id',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: { roleDefinitionId: 'AcrPull', principalId: t.identities.reader!.objectId },
        }),
      status: 400,
      code: 'InvalidRoleDefinitionId',
    },
    {
      name: 'unknown role definition',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: { roleDefinitionId: rdId(randomUUID()), principalId: t.identities.reader!.objectId },
        }),
      status: 400,
      code: 'RoleDefinitionDoesNotExist',
    },
    {
      name: 'principal type that does not match',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: {
            roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'),
            principalId: t.identities.reader!.objectId,
            principalType: 'ServicePrincipal',
          },
        }),
      status: 400,
      code: 'UnmatchedPrincipalType',
    },
    {
      name: 'principalId of the wrong type',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: { roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'), principalId: 42 },
        }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'properties.principalId',
    },
    {
      name: 'boolean as string',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ properties: { adminUserEnabled: 'yes' } }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'properties.adminUserEnabled',
      message: /Error converting value "yes"/,
    },
    {
      name: 'unknown trust status',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () =>
        JSON.stringify({ properties: { policies: { trustPolicy: { type: 'Notary', status: 'on' } } } }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'properties.policies.trustPolicy.status',
    },
    {
      name: 'properties as an array',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ properties: [] }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'properties',
    },
    {
      name: 'unknown SKU',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ sku: { name: 'Platinum' } }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'sku.name',
    },
    {
      name: 'invalid JSON',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => '{"properties": {',
      status: 400,
      code: 'InvalidRequestContent',
    },
    {
      name: 'oversized body',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ tags: { big: 'x'.repeat(5 * 1024 * 1024) } }),
      status: 413,
      code: 'RequestEntityTooLarge',
      message: /maximum permitted size/,
    },
    {
      // Issue 8: answered 500 "Maximum call stack size exceeded" and echoed the whole value back.
      name: 'JSON nested 100,000 levels deep',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => `{"properties":{"adminUserEnabled":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      status: 400,
      code: 'InvalidRequestContent',
      message: /nests deeper than 64 levels/,
    },
    {
      name: 'a large value of the wrong type (not echoed back)',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ properties: { adminUserEnabled: ['x'.repeat(1024 * 1024)] } }),
      status: 400,
      code: 'InvalidRequestContent',
      target: 'properties.adminUserEnabled',
      message: /Error converting value an array/,
    },
    {
      name: 'invalid JSON with a long tail (not echoed back)',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => `{"properties": ${'x'.repeat(100_000)}`,
      status: 400,
      code: 'InvalidRequestContent',
      message: /^(?!.*xxxx).*while parsing value/, // V8's own message would quote the x's
    },
    {
      name: 'a text/plain body',
      method: 'PATCH',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ properties: { adminUserEnabled: true } }),
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 'UnsupportedMediaType',
      message: /'text\/plain' is not supported/,
    },
    {
      name: 'a role definition of another subscription',
      method: 'PUT',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments/${randomUUID()}`,
      query: '?api-version=2022-04-01',
      body: () =>
        JSON.stringify({
          properties: {
            roleDefinitionId: `/subscriptions/${randomUUID()}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
            principalId: t.identities.reader!.objectId,
          },
        }),
      status: 400,
      code: 'InvalidRoleDefinitionId',
      target: 'properties.roleDefinitionId',
      message: /does not contain the role assignment scope/,
    },
    {
      name: 'enabling trust without Premium',
      method: 'PATCH',
      path: () => registryId.replace('ctpdemo', 'ctpbasic'),
      query: '?api-version=2025-11-01',
      body: () => JSON.stringify({ properties: { policies: { trustPolicy: { status: 'enabled' } } } }),
      status: 400,
      code: 'ContentTrustNotSupportedForSku',
    },
    {
      name: 'unknown registry',
      method: 'GET',
      path: () => registryId.replace('ctpdemo', 'nosuchregistry'),
      query: '?api-version=2025-11-01',
      status: 404,
      code: 'ResourceNotFound',
    },
    {
      name: 'unknown resource group',
      method: 'GET',
      path: () => registryId.replace('registries-rg', 'nope-rg'),
      query: '?api-version=2025-11-01',
      status: 404,
      code: 'ResourceGroupNotFound',
    },
    {
      name: 'missing token',
      method: 'GET',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      headers: { authorization: '' },
      status: 401,
      code: 'AuthenticationFailed',
    },
    {
      name: 'garbage token',
      method: 'GET',
      path: () => registryId,
      query: '?api-version=2025-11-01',
      headers: { authorization: 'Bearer abc.def.ghi' },
      status: 401,
      code: 'InvalidAuthenticationToken',
    },
    {
      name: 'unknown role assignment filter',
      method: 'GET',
      path: () => `${registryId}/providers/Microsoft.Authorization/roleAssignments`,
      query: `?api-version=2022-04-01&$filter=${encodeURIComponent("roleName eq 'x'")}`,
      status: 400,
      code: 'UnsupportedQuery',
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}, state unchanged`, async () => {
      const before = await snapshot();
      const result = await raw(c.method, c.path(), { query: c.query, body: c.body?.(), headers: c.headers });
      expect(result.status).toBe(c.status);
      expect(Object.keys(result.body)).toEqual(['error']);
      expect(result.body.error.code).toBe(c.code);
      expect(result.body.error.message.length).toBeGreaterThan(10);
      expect(result.body.error.message.length).toBeLessThan(1000); // bodies are never echoed back
      if (c.target) expect(result.body.error.target).toBe(c.target);
      if (c.message) expect(result.body.error.message).toMatch(c.message);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('stops reading a chunked body at 4 MB and answers 413, state unchanged', async () => {
    const before = await snapshot();
    const answer = await postChunked(
      `${arm}${registryId}?api-version=2025-11-01`,
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      64 * 1024 * 1024,
      '{"tags":{"big":"',
      'PATCH',
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'RequestEntityTooLarge' } });
    expect(answer.sentWhenAnswered).toBeLessThan(answer.totalBytes);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts disabling trust without Premium as a no-op: no deletion, nothing changed', async () => {
    const basicId = registryId.replace('ctpdemo', 'ctpbasic');
    const deletions = () => t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length;
    const before = await snapshot();
    const deletionsBefore = deletions();
    const result = await raw('PATCH', basicId, {
      query: '?api-version=2025-11-01',
      body: JSON.stringify({ properties: { policies: { trustPolicy: { status: 'disabled' } } } }),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      name: 'ctpbasic',
      properties: { provisioningState: 'Succeeded', policies: { trustPolicy: { status: 'disabled' } } },
    });
    expect(deletions()).toBe(deletionsBefore);
    const after = await snapshot();
    expect(after.registry).toEqual(before.registry);
    expect(after.basic).toMatchObject({ properties: { policies: { trustPolicy: { status: 'disabled' } } } });
  });

  it('rejects a token for another audience (Graph) at ARM', async () => {
    const graphToken = await t.userToken('owner', 'https://graph.microsoft.com/.default');
    const response = await fetch(`${arm}${registryId}?api-version=2025-11-01`, {
      headers: { authorization: `Bearer ${graphToken}` },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationToken',
    );
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
  });

  it('reuses a role assignment name only for the same assignment', async () => {
    const name = randomUUID();
    const path = `${registryId}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const body = (principalId: string) =>
      JSON.stringify({
        properties: { roleDefinitionId: rdId('7f951dda-4ed3-4680-a7ca-43fe172d538d'), principalId },
      });
    expect(
      (
        await raw('PUT', path, {
          query: '?api-version=2022-04-01',
          body: body(t.identities['no-role']!.objectId),
        })
      ).status,
    ).toBe(201);
    const changed = await raw('PUT', path, {
      query: '?api-version=2022-04-01',
      body: body(t.identities.reader!.objectId),
    });
    expect(changed.status).toBe(400);
    expect(changed.body.error.code).toBe('RoleAssignmentUpdateNotPermitted');
    expect((await raw('DELETE', path, { query: '?api-version=2022-04-01' })).status).toBe(200);
    expect(
      (
        await fetch(`${arm}${path}?api-version=2022-04-01`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
  });
});
