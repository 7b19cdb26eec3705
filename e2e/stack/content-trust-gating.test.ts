// The content-trust blade's BFF routes on the seeded registries, read-only or refused (nothing changes):
// the Basic registry is gated with the Premium problem, the OpenAPI document lists the routes, and an
// operation id that is not ARM's is refused before anything is called.
import { describe, expect, it } from 'vitest';
import { contentTrustStatusSchema } from '@ctp/contracts';
import { asProblem, bffAs, trustPath } from './support/content-trust.ts';
import { REGISTRIES_RG, stack } from './support/stack.ts';

const s = await stack();
const basic = s.registries.find((r) => r.sku === 'Basic');

describe('content trust blade (BFF) gating on the seeded registries', () => {
  it.skipIf(!basic)(
    'shows a Basic registry as unsupported with what to do, and refuses to enable it',
    async () => {
      const owner = await bffAs(s, 'owner');
      const path = trustPath(s, REGISTRIES_RG, basic!.name);
      const answer = await owner('GET', path);
      expect(answer.status).toBe(200);
      const status = contentTrustStatusSchema.parse(answer.body);
      expect(status).toMatchObject({
        sku: 'Basic',
        trustPolicy: { status: 'disabled' },
        skuSupport: { supported: false },
        capabilities: { canChangeTrustPolicy: true },
      });
      expect(status.skuSupport.reason).toContain('Premium');
      expect(status.skuSupport.action).toContain(`az acr update --name ${basic!.name} --sku Premium`);

      const refused = await owner('PUT', path, {
        body: { status: 'enabled' },
        headers: { 'if-match': status.etag },
      });
      expect(refused.status).toBe(400);
      const problem = asProblem(refused.body);
      expect(problem.code).toBe('ContentTrustRequiresPremium');
      expect(problem.detail).toContain('Upgrade');
      const again = contentTrustStatusSchema.parse((await owner('GET', path)).body);
      expect(again.trustPolicy.status).toBe('disabled');
      expect(again.etag).toBe(status.etag);
    },
  );

  it('refuses a body that is not the contract, and an operation id that is not ARM’s', async () => {
    const owner = await bffAs(s, 'owner');
    const path = trustPath(s, REGISTRIES_RG, s.premium.name);
    const bad = await owner('PUT', path, { body: { status: 'off' } });
    expect(bad.status).toBe(400);
    expect(asProblem(bad.body)).toMatchObject({ code: 'InvalidRequest', errors: [{ path: 'status' }] });
    const op = await owner(
      'GET',
      trustPath(s, REGISTRIES_RG, s.premium.name, '/operations/..%2F..%2Fsecrets'),
    );
    expect(op.status).toBe(400);
    expect(contentTrustStatusSchema.parse((await owner('GET', path)).body).trustPolicy.status).toBe(
      'enabled',
    );
  });

  it('documents the routes in the OpenAPI document', async () => {
    const response = await fetch(`${s.portal!.url}/api/openapi.json`);
    const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const base =
      '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/registries/{registryName}/content-trust';
    expect(Object.keys(doc.paths[base] ?? {}).sort()).toEqual(['get', 'put']);
    for (const tail of ['/impact', '/export', '/changes', '/operations/{operationId}'])
      expect(Object.keys(doc.paths[`${base}${tail}`] ?? {}), tail).toEqual(['get']);
  });
});
