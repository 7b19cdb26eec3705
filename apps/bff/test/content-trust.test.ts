// The content-trust service's pure parts: the ETag derived from ARM's registry, If-Match matching,
// the operation id taken only from the registry's own Azure-AsyncOperation URL, and the trust-policy
// changes read from activity-log events (shapes as the Azure SDK deserializes them).
import type { EventData } from '@azure/arm-monitor';
import { describe, expect, it } from 'vitest';
import { etagMatches, registryEtag } from '../src/services/content-trust.ts';
import { trustChangesOf } from '../src/services/content-trust-changes.ts';
import { operationFromHeader } from '../src/services/content-trust-operations.ts';

const id =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/demo1';

describe('registryEtag / etagMatches', () => {
  const base: Parameters<typeof registryEtag>[0] = {
    id,
    sku: { name: 'Premium' },
    provisioningState: 'Succeeded',
    policies: { trustPolicy: { type: 'Notary', status: 'enabled' } },
    systemData: { lastModifiedAt: new Date('2026-01-01T00:00:00Z') },
  };

  it('changes with the trust policy, the SKU, the provisioning state and ARM’s last change', () => {
    const etag = registryEtag(base);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(registryEtag({ ...base })).toBe(etag);
    expect(registryEtag({ ...base, policies: { trustPolicy: { status: 'disabled' } } })).not.toBe(etag);
    expect(registryEtag({ ...base, sku: { name: 'Standard' } })).not.toBe(etag);
    expect(registryEtag({ ...base, provisioningState: 'Updating' })).not.toBe(etag);
    expect(
      registryEtag({ ...base, systemData: { lastModifiedAt: new Date('2026-01-02T00:00:00Z') } }),
    ).not.toBe(etag);
  });

  it('matches If-Match lists, weak tags and *, nothing else', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"ABC"', '"abc"')).toBe(false);
    expect(etagMatches('abc', '"abc"')).toBe(false);
  });
});

describe('operationFromHeader', () => {
  it('takes the operation name from the registry’s own operationStatuses URL only', () => {
    const ok = `https://management.azure.com${id}/operationStatuses/registries-6f0c9c42-2d7c-4d9a-8f43-5a8f0f2c1d11?api-version=2025-11-01`;
    expect(operationFromHeader(ok, id)).toBe('registries-6f0c9c42-2d7c-4d9a-8f43-5a8f0f2c1d11');
    expect(operationFromHeader(ok.replace('demo1', 'other1'), id)).toBeUndefined();
    expect(
      operationFromHeader(`https://management.azure.com${id}/operationStatuses/a/../../x`, id),
    ).toBeUndefined();
    expect(operationFromHeader('not a url', id)).toBeUndefined();
  });
});

describe('trustChangesOf', () => {
  const event = (e: Partial<Record<string, unknown>>): EventData =>
    ({
      operationName: { value: 'Microsoft.ContainerRegistry/registries/write' },
      caller: 'olivia@contoso',
      correlationId: 'c1',
      eventTimestamp: new Date('2026-01-01T10:00:00Z'),
      status: { value: 'Succeeded' },
      properties: { httpMethod: 'PATCH' },
      ...e,
    }) as EventData;
  const body = (status: string) => JSON.stringify({ properties: { policies: { trustPolicy: { status } } } });

  it('reads enable and disable from the request body; a disable ends with its operation', () => {
    const changes = trustChangesOf([
      event({ properties: { httpMethod: 'PATCH', requestbody: body('enabled') }, correlationId: 'a' }),
      event({
        properties: { httpMethod: 'PATCH', requestbody: body('disabled') },
        correlationId: 'b',
        status: { value: 'Accepted' },
        eventTimestamp: new Date('2026-01-02T10:00:00Z'),
      }),
      event({
        properties: { httpMethod: 'LRO' },
        correlationId: 'b',
        status: { value: 'Failed' },
        eventTimestamp: new Date('2026-01-02T10:01:00Z'),
      }),
      // Other registry writes and other operations are not trust changes.
      event({ properties: { httpMethod: 'PATCH', requestbody: JSON.stringify({ tags: { a: 'b' } }) } }),
      event({
        operationName: { value: 'Microsoft.Authorization/roleAssignments/write' },
        properties: { requestbody: body('enabled') },
      }),
    ]);
    expect(changes.map((c) => [c.change, c.result, c.correlationId])).toEqual([
      ['disabled', 'Failed', 'b'],
      ['enabled', 'Succeeded', 'a'],
    ]);
  });

  it('keeps a refusal’s error, and an accepted disable without an end as in progress', () => {
    const [refused, running] = trustChangesOf([
      event({
        properties: {
          httpMethod: 'PATCH',
          requestbody: body('disabled'),
          statusMessage: JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no' } }),
        },
        status: { value: 'Failed' },
        eventTimestamp: new Date('2026-01-03T00:00:00Z'),
      }),
      event({
        properties: { httpMethod: 'PATCH', requestbody: body('disabled') },
        status: { value: 'Accepted' },
        correlationId: 'z',
      }),
    ]);
    expect(refused).toMatchObject({
      result: 'Failed',
      error: { code: 'AuthorizationFailed', message: 'no' },
    });
    expect(running).toMatchObject({ result: 'InProgress', change: 'disabled' });
  });
});
