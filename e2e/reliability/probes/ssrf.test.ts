// SSRF, issue 17: the BFF may call only its configured upstreams (identity provider, ARM, Graph) and the
// login servers ARM returned for the caller's registries. Every parameter that ends up in an upstream
// URL (path segments, query values, request headers that proxies trust, body fields) is aimed at a
// canary listener on loopback, in the shapes URL parsers disagree on; the canary must never be called,
// and every answer must be a client error or an ordinary answer, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack, type Stack } from '../../stack/support/stack.ts';
import { startCanary, type Canary } from '../support/canary.ts';
import { call, registryApi } from '../support/portal.ts';
import { tokenOf } from '../support/run-secrets.ts';

let s: Stack;
let canary: Canary;
let owner: string;

beforeAll(async () => {
  s = await stack();
  canary = await startCanary();
  owner = await tokenOf(s, 'owner');
});
afterAll(() => canary?.close());

/** Ways of writing "the canary" that URL parsers, proxies and string concatenation disagree on. */
function targets(port: number): string[] {
  const host = `127.0.0.1:${port}`;
  return [
    host,
    `localhost:${port}`,
    `https://${host}/`,
    `//${host}`,
    `@${host}`,
    `x@${host}`,
    `${host}/v2/x`,
    `..%2F..%2F..%2F${host}`,
    `%2F%2F${host}`,
    `%252F%252F${host}`,
    `a%23@${host}`,
    `a%3F@${host}`,
    `[::ffff:127.0.0.1]:${port}`,
    `2130706433:${port}`,
    `a\\@${host}`,
  ];
}

const enc = encodeURIComponent;

describe('the BFF calls no host but its upstreams and ARM’s login servers', () => {
  it('through path segments, query values, headers and bodies', async () => {
    const tried: Array<{ what: string; status: number }> = [];
    const attempt = async (what: string, path: string, init: Parameters<typeof call>[2] = {}) => {
      const answer = await call(s, path, { token: owner, ...init });
      tried.push({ what, status: answer.status });
    };
    const sub = s.arm.subscriptionId;
    for (const t of targets(canary.port)) {
      // Path segments (each also raw, where the router would see it).
      await attempt(
        `subscription ${t}`,
        `/api/subscriptions/${enc(t)}/resourceGroups/registries-rg/registries/${s.premium.name}`,
      );
      await attempt(
        `resource group ${t}`,
        `/api/subscriptions/${sub}/resourceGroups/${enc(t)}/registries/${s.premium.name}`,
      );
      await attempt(
        `registry ${t}`,
        `/api/subscriptions/${sub}/resourceGroups/registries-rg/registries/${enc(t)}`,
      );
      await attempt(
        `registry raw ${t}`,
        `/api/subscriptions/${sub}/resourceGroups/registries-rg/registries/${t}/repositories/scan`,
      );
      await attempt(`operation ${t}`, `${registryApi(s)}/content-trust/operations/${enc(t)}`);
      await attempt(`assignment ${t}`, `${registryApi(s)}/access-control/role-assignments/${enc(t)}`, {
        method: 'DELETE',
      });
      // Query values.
      for (const route of ['summary', 'tags', 'trust', 'report'])
        await attempt(
          `repository (${route}) ${t}`,
          `${registryApi(s)}/repositories/${route}?repository=${enc(t)}`,
        );
      await attempt(`registries filter ${t}`, `/api/registries?subscriptionId=${enc(t)}`);
      await attempt(`principal search ${t}`, `${registryApi(s)}/access-control/principals?search=${enc(t)}`);
      await attempt(
        `principal kind ${t}`,
        `${registryApi(s)}/access-control/principals?search=a&kind=${enc(t)}`,
      );
      await attempt(
        `check access ${t}`,
        `${registryApi(s)}/access-control/check-access?principalId=${enc(t)}`,
      );
      // Headers a proxy-aware server might build URLs from.
      for (const header of [
        'x-forwarded-host',
        'x-forwarded-for',
        'forwarded',
        'x-original-url',
        'x-rewrite-url',
        'x-ms-arm-endpoint',
      ])
        await attempt(
          `header ${header} ${t}`,
          `${registryApi(s)}/repositories/summary?repository=hello-world`,
          {
            headers: { [header]: header === 'forwarded' ? `host=${t}` : t },
          },
        );
      await attempt(`if-match ${t}`, `${registryApi(s)}/content-trust`, {
        method: 'PUT',
        headers: { 'if-match': t },
        body: JSON.stringify({ status: 'enabled' }),
      });
      // Body fields.
      await attempt(`role assignment body ${t}`, `${registryApi(s)}/access-control/role-assignments`, {
        method: 'POST',
        body: JSON.stringify({ roleDefinitionId: t, principalId: t, principalType: 'User', description: t }),
      });
    }
    // The Host header itself (undici sends the one given).
    await attempt('host header', `${registryApi(s)}/repositories/summary?repository=hello-world`, {
      headers: { host: `127.0.0.1:${canary.port}` },
    });

    expect(canary.hits(), 'connections the BFF made to the canary').toBe(0);
    expect(tried.filter((t) => t.status >= 500)).toEqual([]);
    expect(tried.length).toBeGreaterThan(300);
  });

  it('the canary does count connections (not vacuous)', async () => {
    const before = canary.hits();
    await fetch(`http://127.0.0.1:${canary.port}/`).catch(() => undefined);
    expect(canary.hits()).toBe(before + 1);
  });
});
