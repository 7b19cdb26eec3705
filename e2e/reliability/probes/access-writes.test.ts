// Access, issue 17: every write route of the BFF refuses every seeded identity ARM does not allow to
// make that change. The write routes are read from /api/openapi.json (every method but GET), so a new
// write route without a case here fails this file instead of going unchecked. Who is allowed comes from
// ARM's effective permissions as the BFF reports them (the registry's `capabilities`); allowed callers
// are not sent the write (it would change the shared registry), refused ones are, with a body and an
// ETag that would otherwise succeed, and the registry is checked unchanged afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE, stack, type Stack } from '../../stack/support/stack.ts';
import { call, registryApi } from '../support/portal.ts';
import { portalTokens, remember } from '../support/run-secrets.ts';

const IDENTITIES = [
  'owner',
  'contributor',
  'reader',
  'no-role',
  'classic-admin',
  'pusher',
  'puller',
  'access-admin',
  'rbac-admin',
] as const;

type Capabilities = Record<string, boolean>;

interface WriteCase {
  /** The capability ARM's permissions give for this write. */
  capability: string;
  send(token: string): Promise<{ status: number; code?: string }>;
}

let s: Stack;
let token: (key: string) => Promise<string>;
const capabilities = new Map<string, Capabilities | undefined>();
let writeRoutes: string[] = [];
let assignmentName = '';

/** What the Owner sees, to prove nothing changed. */
async function registryState() {
  const owner = await token('owner');
  const trust = await call(s, `${registryApi(s)}/content-trust`, { token: owner });
  const assignments = await call(s, `${registryApi(s)}/access-control/role-assignments`, { token: owner });
  return {
    trust: (trust.json() as { status: string }).status,
    etag: trust.headers.get('etag'),
    assignments: (assignments.json() as { value: Array<{ name: string }> }).value.map((a) => a.name).sort(),
  };
}

beforeAll(async () => {
  s = await stack();
  token = portalTokens(s);
  const document = (await (await fetch(`${s.portal!.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  writeRoutes = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
  for (const key of IDENTITIES) {
    const answer = await call(s, registryApi(s), { token: await token(key) });
    capabilities.set(
      key,
      answer.status === 200 ? (answer.json() as { capabilities: Capabilities }).capabilities : undefined,
    );
  }
  const owner = await token('owner');
  const list = await call(s, `${registryApi(s)}/access-control/role-assignments`, { token: owner });
  const signer = (
    list.json() as { value: Array<{ name: string; inherited: boolean; principal: { id: string } }> }
  ).value.find((a) => !a.inherited && a.principal.id === s.identity('ci-signer').objectId);
  assignmentName = signer!.name;
});

const base = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/registries/{registryName}';
const cases: Record<string, WriteCase> = {
  [`PUT ${base}/content-trust`]: {
    capability: 'canChangeTrustPolicy',
    async send(t) {
      // A fresh ETag and the typed name: only the permission is missing.
      const current = await call(s, `${registryApi(s)}/content-trust`, { token: await token('owner') });
      const answer = await call(s, `${registryApi(s)}/content-trust`, {
        method: 'PUT',
        token: t,
        headers: { 'if-match': current.headers.get('etag')! },
        body: JSON.stringify({ status: 'disabled', confirmRegistryName: s.premium.name }),
      });
      return { status: answer.status, code: (answer.json() as { code?: string }).code };
    },
  },
  [`POST ${base}/access-control/role-assignments`]: {
    capability: 'canAssignRoles',
    async send(t) {
      const answer = await call(s, `${registryApi(s)}/access-control/role-assignments`, {
        method: 'POST',
        token: t,
        body: JSON.stringify({
          roleDefinitionId: ROLE.AcrImageSigner,
          principalId: s.identity('reader').objectId,
          principalType: 'User',
        }),
      });
      return { status: answer.status, code: (answer.json() as { code?: string }).code };
    },
  },
  [`DELETE ${base}/access-control/role-assignments/{assignmentName}`]: {
    capability: 'canRemoveRoleAssignments',
    async send(t) {
      const answer = await call(s, `${registryApi(s)}/access-control/role-assignments/${assignmentName}`, {
        method: 'DELETE',
        token: t,
      });
      return { status: answer.status, code: (answer.json() as { code?: string }).code };
    },
  },
};

describe('every write route refuses callers without the ARM permission', () => {
  it('has a case for every write route of the OpenAPI document', () => {
    expect(writeRoutes.length).toBeGreaterThan(0);
    expect(writeRoutes.filter((r) => !cases[r])).toEqual([]);
  });

  it('refuses each identity ARM does not allow, and leaves the registry as it was', async () => {
    const before = await registryState();
    const matrix: string[] = [];
    for (const route of writeRoutes) {
      const write = cases[route]!;
      let allowed = 0;
      let refused = 0;
      for (const key of IDENTITIES) {
        const caps = capabilities.get(key);
        if (caps?.[write.capability]) {
          allowed++;
          matrix.push(`${route} ${key}: allowed by ARM (not sent)`);
          continue;
        }
        const answer = await write.send(await token(key));
        matrix.push(`${route} ${key}: ${answer.status} ${answer.code}`);
        expect(answer.status, `${route} as ${key}`).toBe(403);
        expect(answer.code, `${route} as ${key}`).toBe('AuthorizationFailed');
        refused++;
      }
      // Not vacuous: each route has identities on both sides of the permission.
      expect(allowed, route).toBeGreaterThan(0);
      expect(refused, route).toBeGreaterThan(0);
    }
    expect(await registryState()).toEqual(before);
  });

  it('refuses a service principal’s app-only token (no delegated scope) on every write route', async () => {
    const sp = s.identity('ci-signer');
    const response = await fetch(`${s.identityProvider.authority}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sp.appId!,
        client_secret: sp.password,
        scope: 'api://content-trust-bff/.default',
      }),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) return expect(response.status).toBeGreaterThanOrEqual(400); // not even issued
    remember(s, body.access_token);
    for (const route of writeRoutes) {
      const answer = await cases[route]!.send(body.access_token);
      expect(answer.status, route).toBe(401);
    }
  });
});
