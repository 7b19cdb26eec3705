import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestControlPlane, type Loose, type TestControlPlane } from './harness.ts';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

describe('local Microsoft Graph for the member picker', () => {
  let t: TestControlPlane;
  let graph: string;
  let token: string;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(path.startsWith('https://') ? path : `${graph}${path}`, {
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    return { status: response.status, body: (await response.json()) as Loose };
  };

  beforeAll(async () => {
    t = await startTestControlPlane();
    graph = t.cp.describe().graph!.endpoint;
    token = await t.userToken('owner', GRAPH_SCOPE);
  });
  afterAll(async () => t?.stop());

  it('returns the signed-in user at /me', async () => {
    const me = await get('/v1.0/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: t.identities.owner!.objectId,
      displayName: 'Olivia Owner',
      userPrincipalName: t.identities.owner!.userPrincipalName,
    });
  });

  it('needs ConsistencyLevel: eventual for $search, then matches words of the display name', async () => {
    const refused = await get('/v1.0/users?$search="displayName:rita"');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('Request_UnsupportedQuery');
    expect(refused.body.error.message).toContain('ConsistencyLevel: eventual');

    const query = `$search=${encodeURIComponent('"displayName:read" OR "userPrincipalName:pierre"')}&$select=id,displayName&$count=true`;
    const found = await get(`/v1.0/users?${query}`, { ConsistencyLevel: 'eventual' });
    expect(found.status).toBe(200);
    expect(found.body.value.map((u: { displayName: string }) => u.displayName).sort()).toEqual([
      'Pierre Puller',
      'Rita Reader',
    ]);
    expect(Object.keys(found.body.value[0]).sort()).toEqual(['displayName', 'id']);
    expect(found.body['@odata.count']).toBe(2);

    const sps = await get(`/v1.0/servicePrincipals?$search=${encodeURIComponent('"displayName:signer"')}`, {
      ConsistencyLevel: 'eventual',
    });
    expect(sps.body.value.map((s: { appId: string }) => s.appId)).toEqual([t.identities['ci-signer']!.appId]);
    const groups = await get(`/v1.0/groups?$search=${encodeURIComponent('"displayName:operators"')}`, {
      ConsistencyLevel: 'eventual',
    });
    expect(groups.body.value.map((g: { displayName: string }) => g.displayName)).toEqual([
      'Registry Operators',
    ]);
  });

  it('filters with startswith and pages with @odata.nextLink', async () => {
    const filtered = await get(`/v1.0/users?$filter=${encodeURIComponent("startswith(displayName,'p')")}`);
    expect(filtered.body.value.map((u: { displayName: string }) => u.displayName)).toEqual([
      'Paula Pusher',
      'Pierre Puller',
    ]);

    const seen: string[] = [];
    let page = await get('/v1.0/users?$top=3&$select=displayName');
    for (;;) {
      expect(page.body.value.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.value.map((u: { displayName: string }) => u.displayName));
      if (!page.body['@odata.nextLink']) break;
      expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
      page = await get(page.body['@odata.nextLink']);
    }
    const users = t.cp.describe().identities.filter((i) => i.kind === 'user').length;
    expect(seen).toHaveLength(users);
    expect(new Set(seen).size).toBe(users);

    const badTop = await get('/v1.0/users?$top=5000');
    expect(badTop.status).toBe(400);
    const badFilter = await get(`/v1.0/users?$filter=${encodeURIComponent('contains(displayName,"a")')}`);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it("lists a group's direct members with $select, $top and @odata.nextLink paging", async () => {
    const groups = await get(
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Registry Operators'")}`,
    );
    const groupId = groups.body.value[0].id as string;

    const all = await get(`/v1.0/groups/${groupId}/members`);
    expect(all.status).toBe(200);
    expect(all.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
    expect(all.body.value.map((m: Loose) => [m['@odata.type'], m.id, m.displayName])).toEqual([
      ['#microsoft.graph.user', t.identities.pusher!.objectId, 'Paula Pusher'],
      ['#microsoft.graph.user', t.identities.puller!.objectId, 'Pierre Puller'],
    ]);
    expect(all.body['@odata.nextLink']).toBeUndefined();

    const pages: Loose[][] = [];
    let page = await get(`/v1.0/groups/${groupId}/members?$select=displayName,userPrincipalName&$top=1`);
    for (;;) {
      expect(page.status).toBe(200);
      pages.push(page.body.value);
      const next = page.body['@odata.nextLink'] as string | undefined;
      if (!next) break;
      expect(next).toMatch(/\$select=displayName,userPrincipalName&\$top=1&\$skiptoken=/);
      page = await get(next);
    }
    expect(pages.map((p) => p.length)).toEqual([1, 1]);
    expect(pages.flat()).toEqual([
      {
        '@odata.type': '#microsoft.graph.user',
        id: t.identities.pusher!.objectId,
        displayName: 'Paula Pusher',
        userPrincipalName: t.identities.pusher!.userPrincipalName,
      },
      {
        '@odata.type': '#microsoft.graph.user',
        id: t.identities.puller!.objectId,
        displayName: 'Pierre Puller',
        userPrincipalName: t.identities.puller!.userPrincipalName,
      },
    ]);

    const counted = await get(`/v1.0/groups/${groupId}/members?$count=true&$top=1`, {
      ConsistencyLevel: 'eventual',
    });
    expect(counted.body['@odata.count']).toBe(2);
    const badTop = await get(`/v1.0/groups/${groupId}/members?$top=0`);
    expect(badTop.status).toBe(400);

    const signers = await get(
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Release Signers'")}`,
    );
    expect((await get(`/v1.0/groups/${signers.body.value[0].id}/members`)).body.value).toEqual([]);
    const notAGroup = await get(`/v1.0/groups/${t.identities.owner!.objectId}/members`);
    expect(notAGroup.status).toBe(404);
    expect(notAGroup.body.error.code).toBe('Request_ResourceNotFound');
    const unknown = await get('/v1.0/groups/00000000-0000-0000-0000-000000000001/members');
    expect(unknown.status).toBe(404);
  });

  it('resolves ids with directoryObjects/getByIds, skipping unknown ids', async () => {
    const ids = [
      t.identities.owner!.objectId,
      t.identities['ci-signer']!.objectId,
      '00000000-0000-0000-0000-000000000001',
    ];
    const response = await fetch(`${graph}/v1.0/directoryObjects/getByIds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids, types: ['user', 'group', 'servicePrincipal'] }),
    });
    const body = (await response.json()) as { value: Array<{ '@odata.type': string; id: string }> };
    expect(body.value.map((o) => [o['@odata.type'], o.id])).toEqual([
      ['#microsoft.graph.user', ids[0]],
      ['#microsoft.graph.servicePrincipal', ids[1]],
    ]);
  });

  it('refuses ARM-audience tokens and missing tokens with Graph errors', async () => {
    const armToken = await t.userToken('owner', 'https://management.azure.com/.default');
    const wrong = await fetch(`${graph}/v1.0/users`, { headers: { authorization: `Bearer ${armToken}` } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationToken',
    );
    const none = await fetch(`${graph}/v1.0/users`);
    expect(none.status).toBe(401);
  });
});
