// The BFF's registry routes against the running stack, called with real portal tokens of the seeded
// identities: what each person sees and may do is what ARM (and the login server) decide, malformed
// resource ids never reach ARM, and every refusal is one problem+json with a code and the request id.
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { describe, expect, it } from 'vitest';
import { armClients, armFailure } from './support/arm.ts';
import { bffGet, portalLog, tokenBook, type BffAnswer } from './support/bff.ts';
import { grantedAccess } from './support/registry-http.ts';
import { ARM_SCOPE, basicCredentials, REGISTRIES_RG, stack, userCredential } from './support/stack.ts';

const s = await stack();
const tokens = tokenBook(s);
const sub = s.arm.subscriptionId;
const FOREIGN_SUBSCRIPTION = '11111111-2222-4333-8444-555555555555';
const registryPath = (name: string, rg = REGISTRIES_RG, subscription = sub) =>
  `/api/subscriptions/${subscription}/resourceGroups/${rg}/registries/${name}`;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: Array<{ path: string; message: string }>;
}
interface RegistryAnswer {
  name: string;
  sku: string;
  loginServer: string;
  contentTrust: string;
  resourceGroup: string;
  subscriptionId: string;
  capabilities: Record<string, boolean>;
}
interface ListAnswer {
  value: RegistryAnswer[];
  subscriptions: Array<{ subscriptionId: string }>;
  failures: unknown[];
}

/** A problem+json answer whose `instance` names the request id the BFF sent in `x-request-id`. */
function expectProblem(answer: BffAnswer, status: number, code?: string): Problem {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const problem = answer.body as unknown as Problem;
  expect(problem.status).toBe(status);
  expect(problem.title.length).toBeGreaterThan(0);
  const requestId = answer.headers.get('x-request-id');
  expect(requestId).toMatch(/^[\w-]{8,}$/);
  expect(problem.instance).toBe(`urn:request:${requestId}`);
  if (code) expect(problem.code).toBe(code);
  return problem;
}

/** Registry names ARM itself lists for a person (the SDK as a script would call it). */
async function armRegistryNames(key: string): Promise<string[]> {
  const names: string[] = [];
  for await (const r of armClients(s, key).registries.registries.list()) names.push(r.name!);
  return names.sort();
}

describe('GET /api/registries per identity', () => {
  it.each(['owner', 'reader'])('%s sees both seeded registries with their ARM facts', async (key) => {
    const answer = await bffGet<ListAnswer>(s, '/api/registries', await tokens.portal(key));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const seeded = s.registries.filter((r) => ['ctpdemo', 'ctpbasic'].includes(r.name));
    expect(seeded).toHaveLength(2);
    for (const r of seeded) {
      expect(answer.body.value.find((v) => v.name === r.name)).toMatchObject({
        sku: r.sku,
        loginServer: r.loginServer,
        contentTrust: r.trustPolicy === 'enabled' ? 'enabled' : 'disabled',
        resourceGroup: REGISTRIES_RG,
        subscriptionId: sub,
      });
    }
    expect(answer.body.subscriptions.map((x) => x.subscriptionId)).toContain(sub);
    expect(answer.body.failures).toEqual([]);
  });

  it('no-role sees no registry and no subscription, so the SPA can say why the list is empty', async () => {
    const answer = await bffGet<ListAnswer>(s, '/api/registries', await tokens.portal('no-role'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ value: [], subscriptions: [], failures: [] });
  });

  it.each(['puller', 'pusher'])('%s sees exactly what ARM lists for them', async (key) => {
    const answer = await bffGet<ListAnswer>(s, '/api/registries', await tokens.portal(key));
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((r) => r.name).sort()).toEqual(await armRegistryNames(key));
    // AcrPull/AcrPush carry no registries/read: ARM lists none, but the subscription is visible.
    expect(answer.body.subscriptions.map((x) => x.subscriptionId)).toContain(sub);
  });

  it('a subscription filter on a foreign subscription passes ARM’s refusal through', async () => {
    const answer = await bffGet(
      s,
      `/api/registries?subscriptionId=${FOREIGN_SUBSCRIPTION}`,
      await tokens.portal('owner'),
    );
    const direct = await armFailure(
      (async () => {
        const client = new ContainerRegistryManagementClient(
          userCredential(s, 'owner'),
          FOREIGN_SUBSCRIPTION,
          {
            endpoint: s.arm.endpoint,
            credentials: { scopes: [ARM_SCOPE] },
          },
        );
        for await (const r of client.registries.list()) void r;
      })(),
    );
    expect(direct?.code).toBeTruthy();
    const problem = expectProblem(answer, direct!.statusCode!, direct!.code);
    expect(problem.detail).toContain(FOREIGN_SUBSCRIPTION);
  });
});

describe('GET one registry: capabilities per identity, as ARM’s effective permissions say', () => {
  const WRITE_CAPABILITIES = ['canChangeTrustPolicy', 'canAssignRoles', 'canRemoveRoleAssignments'];
  const expected: Record<string, Record<string, boolean>> = {
    owner: { canChangeTrustPolicy: true, canAssignRoles: true, canRemoveRoleAssignments: true },
    'classic-admin': { canChangeTrustPolicy: true, canAssignRoles: true, canRemoveRoleAssignments: true },
    contributor: { canChangeTrustPolicy: true, canAssignRoles: false, canRemoveRoleAssignments: false },
    reader: { canChangeTrustPolicy: false, canAssignRoles: false, canRemoveRoleAssignments: false },
    'access-admin': { canChangeTrustPolicy: false, canAssignRoles: true, canRemoveRoleAssignments: true },
    'rbac-admin': { canChangeTrustPolicy: false, canAssignRoles: true, canRemoveRoleAssignments: true },
  };

  it.each(Object.keys(expected))('%s', async (key) => {
    const answer = await bffGet<RegistryAnswer>(s, registryPath('ctpdemo'), await tokens.portal(key));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ name: 'ctpdemo', sku: 'Premium', contentTrust: 'enabled' });
    const { capabilities } = answer.body;
    expect(Object.fromEntries(WRITE_CAPABILITIES.map((c) => [c, capabilities[c]]))).toEqual(expected[key]);
    // Whoever can read the registry can read its role assignments (`*/read`).
    expect(capabilities.canReadRoleAssignments).toBe(true);
    // Pull and push as the login server actually grants them to the same person.
    const granted = await grantedAccess(s.premium.loginServer, basicCredentials(s, key), [
      'repository:hello-world:pull,push',
    ]);
    const actions = granted.join(' ');
    expect(capabilities.canPull).toBe(/\bpull\b/.test(actions));
    expect(capabilities.canPush).toBe(/\bpush\b/.test(actions));
  });

  it.each([
    ['puller', { pull: true, push: false }],
    ['pusher', { pull: true, push: true }],
  ])(
    '%s cannot read the registry resource: ARM’s AuthorizationFailed, while its permissions and the login server agree on pull/push',
    async (key, rights) => {
      const answer = await bffGet(s, registryPath('ctpdemo'), await tokens.portal(key));
      const problem = expectProblem(answer, 403, 'AuthorizationFailed');
      expect(problem.detail).toContain('Microsoft.ContainerRegistry/registries/read');

      const permissions: Array<{ actions?: string[] }> = [];
      for await (const p of armClients(s, key).authorization.permissions.listForResource(
        REGISTRIES_RG,
        'Microsoft.ContainerRegistry',
        '',
        'registries',
        'ctpdemo',
      ))
        permissions.push(p);
      const actions = permissions.flatMap((p) => p.actions ?? []);
      expect(actions.includes('Microsoft.ContainerRegistry/registries/pull/read')).toBe(rights.pull);
      expect(actions.includes('Microsoft.ContainerRegistry/registries/push/write')).toBe(rights.push);
      const granted = (
        await grantedAccess(s.premium.loginServer, basicCredentials(s, key), [
          'repository:hello-world:pull,push',
        ])
      ).join(' ');
      expect(/\bpull\b/.test(granted)).toBe(rights.pull);
      expect(/\bpush\b/.test(granted)).toBe(rights.push);
    },
  );

  it('no-role gets ARM’s AuthorizationFailed with ARM’s own message, as a problem with its code', async () => {
    const answer = await bffGet(s, registryPath('ctpdemo'), await tokens.portal('no-role'));
    const problem = expectProblem(answer, 403, 'AuthorizationFailed');
    const direct = await armFailure(
      armClients(s, 'no-role').registries.registries.get(REGISTRIES_RG, 'ctpdemo'),
    );
    expect(direct).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(problem.detail).toBe(direct!.message);
  });

  it('a foreign subscription: ARM’s refusal passed through', async () => {
    const answer = await bffGet(
      s,
      registryPath('ctpdemo', REGISTRIES_RG, FOREIGN_SUBSCRIPTION),
      await tokens.portal('owner'),
    );
    expect(answer.status).toBeGreaterThanOrEqual(403);
    const problem = expectProblem(answer, answer.status);
    expect(['AuthorizationFailed', 'SubscriptionNotFound']).toContain(problem.code);
    expect(problem.detail).toContain(FOREIGN_SUBSCRIPTION);
  });

  it.each([
    ['a registry', registryPath('nosuchregistry'), 'ResourceNotFound'],
    ['a resource group', registryPath('ctpdemo', 'nosuch-rg'), 'ResourceGroupNotFound'],
  ])('a missing %s: 404 with ARM’s code', async (_label, apiPath, code) => {
    expectProblem(await bffGet(s, apiPath, await tokens.portal('owner')), 404, code);
  });
});

describe('malformed resource ids: 400 with errors[], and nothing reaches ARM', () => {
  const malformed: Array<[string, string, string]> = [
    [
      'a subscription id that is no GUID',
      `/api/subscriptions/not-a-guid/resourceGroups/${REGISTRIES_RG}/registries/ctpdemo`,
      'subscriptionId',
    ],
    ['a registry name with a hyphen', registryPath('ctp-demo'), 'registryName'],
    ['a registry name too short', registryPath('ctp'), 'registryName'],
    ['a resource group that climbs (..%2F)', registryPath('ctpdemo', '..%2F..%2Fproviders'), 'resourceGroup'],
    ['an encoded slash in the registry name', registryPath('ctp%2Fdemo'), 'registryName'],
    [
      'an encoded slash in the subscription',
      `/api/subscriptions/${sub}%2F..%2F..%2Fsubscriptions%2F${FOREIGN_SUBSCRIPTION}/resourceGroups/${REGISTRIES_RG}/registries/ctpdemo`,
      'subscriptionId',
    ],
    ['a NUL byte in the resource group', registryPath('ctpdemo', `${REGISTRIES_RG}%00`), 'resourceGroup'],
    ['a resource group of 91 characters', registryPath('ctpdemo', 'r'.repeat(91)), 'resourceGroup'],
    ['a subscription filter that is no GUID', '/api/registries?subscriptionId=..%2F..%2F', 'subscriptionId'],
  ];

  /**
   * ARM's read counter for one principal: the emulator's throttle reports `x-ms-ratelimit-remaining-*-reads`
   * per principal; with a huge bucket that never refills (and throttling left off, so no other test is
   * refused), the drop between two direct reads is exactly the number of reads ARM served in between.
   */
  async function withArmReadCounter(run: (reads: () => Promise<number>) => Promise<void>) {
    const owner = await tokens.arm('owner');
    const throttling = (body: unknown) =>
      fetch(`${s.arm.endpoint}/_azure-local/throttling`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => {
        expect(r.status, await r.clone().text()).toBe(200);
        return (await r.json()) as Record<string, unknown>;
      });
    const before = await throttling({ enabled: false });
    await throttling({ enabled: false, reads: { capacity: 1_000_000_000, refillPerSecond: 0 } });
    try {
      const contributor = await tokens.arm('contributor');
      const remaining = async () => {
        const r = await fetch(
          `${s.arm.endpoint}/subscriptions/${sub}/resourcegroups/${REGISTRIES_RG}?api-version=2022-09-01`,
          {
            headers: { authorization: `Bearer ${contributor}` },
          },
        );
        expect(r.status).toBe(200);
        return Number(r.headers.get('x-ms-ratelimit-remaining-subscription-reads'));
      };
      await run(remaining);
    } finally {
      await throttling({ enabled: false, reads: before.reads });
    }
  }

  it('every malformed id is refused before any ARM call (and a valid one is counted, so the counter works)', async () => {
    const token = await tokens.portal('contributor');
    await withArmReadCounter(async (remaining) => {
      const start = await remaining();
      for (const [label, apiPath, field] of malformed) {
        const answer = await bffGet(s, apiPath, token);
        const problem = expectProblem(answer, 400, 'InvalidRequest');
        expect(
          problem.errors?.map((e) => e.path),
          label,
        ).toContain(field);
        expect(problem.errors!.every((e) => e.message.length > 0)).toBe(true);
      }
      // A literal `..` segment is resolved by the URL parser before it leaves the client: what arrives
      // names no route, and is a 404 problem without an ARM call either.
      const climbing = await bffGet(s, registryPath('ctpdemo', '..'), token);
      expect(expectProblem(climbing, 404).detail).toContain(`/api/subscriptions/${sub}/registries/ctpdemo`);
      const afterMalformed = await remaining();
      // Only the counter's own read happened in between.
      expect(start - afterMalformed).toBe(1);

      expect((await bffGet(s, registryPath('ctpdemo'), token)).status).toBe(200);
      const afterValid = await remaining();
      expect(afterMalformed - afterValid).toBeGreaterThan(1);
    });
  });
});

describe('sessions and request ids', () => {
  it.each([
    ['no token at all', undefined],
    ['a garbage token', 'garbage'],
    ['a real token with a forged signature', 'forged'],
    ['a real token for another audience (ARM)', 'arm'],
  ])('%s: 401 with code SessionExpired and a Bearer challenge', async (_label, kind) => {
    let token: string | undefined;
    if (kind === 'garbage') token = 'not.a.jwt';
    if (kind === 'arm') token = await tokens.arm('reader');
    if (kind === 'forged') {
      const [header, payload, signature] = (await tokens.portal('reader')).split('.');
      token = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    }
    const answer = await bffGet(s, '/api/registries', token);
    expectProblem(answer, 401, 'SessionExpired');
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('keeps every token out of the portal’s log', async () => {
    // Calls that succeed, fail upstream and fail validation, so every log path ran with these tokens.
    await bffGet(s, '/api/registries', await tokens.portal('owner'));
    await bffGet(s, registryPath('ctpdemo'), await tokens.portal('no-role'));
    await bffGet(s, registryPath('ctp-demo'), await tokens.portal('reader'));
    const all = await tokens.all();
    expect(all.length).toBeGreaterThan(3);
    const log = portalLog(s);
    expect(log).toMatch(/"msg":"request"/); // the access log is there and is what we search
    for (const token of all) {
      expect(log.includes(token)).toBe(false);
      expect(log.includes(token.split('.')[2]!)).toBe(false); // not even the signature
    }
    // Nor any other JWT (the on-behalf-of ARM and Graph tokens never leave the BFF).
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
