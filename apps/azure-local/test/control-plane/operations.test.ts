import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armRequest, startTestControlPlane, type TestControlPlane } from './harness.ts';

const ARM_SCOPE = 'https://management.azure.com/.default';

describe('ARM long-running operations, persistence, throttling and activity log', () => {
  let t: TestControlPlane;
  let arm: string;
  let registryId: string;
  const call = async (key: string, method: string, url: string, body?: unknown) => {
    const token = key === 'ci-signer' ? await t.appToken(key, ARM_SCOPE) : await t.userToken(key, ARM_SCOPE);
    return armRequest(arm, token, method, url, body);
  };
  const disable = { properties: { policies: { trustPolicy: { type: 'Notary', status: 'disabled' } } } };
  const enable = { properties: { policies: { trustPolicy: { type: 'Notary', status: 'enabled' } } } };

  beforeAll(async () => {
    t = await startTestControlPlane();
    arm = t.cp.describe().arm!.endpoint;
    registryId = t.cp.listRegistries().find((r) => r.name === 'ctpdemo')!.resourceId;
  });
  afterAll(async () => t?.stop());

  it('answers a disable with 201 + Azure-AsyncOperation and reports deletion progress until it succeeds', async () => {
    const changes: string[] = [];
    t.cp.onRegistryChange(
      (change) => void changes.push(`${change.type}:${change.registry.name}:${change.registry.trustPolicy}`),
    );
    t.dataPlane.holdDeletion();
    const accepted = await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, disable);
    expect(accepted.status).toBe(201);
    expect(accepted.body?.properties.provisioningState).toBe('Updating');
    const statusUrl = accepted.headers.get('azure-asyncoperation')!;
    expect(statusUrl).toMatch(
      new RegExp(`^${arm}${registryId}/operationStatuses/registries-[0-9a-f-]{36}\\?api-version=2025-11-01$`),
    );
    const running = await call('reader', 'GET', statusUrl);
    expect(running.body).toMatchObject({
      status: 'InProgress',
      properties: { progress: { done: 0, total: 2, repositoriesWithTrustData: 2, signedTags: 3 } },
    });
    expect(changes).toContain('updated:ctpdemo:disabled');

    // Enabling while the deletion runs is refused; nothing changes.
    const early = await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, enable);
    expect(early.status).toBe(409);

    t.dataPlane.releaseDeletion();
    await expect.poll(async () => (await call('reader', 'GET', statusUrl)).body?.status).toBe('Succeeded');
    const done = await call('reader', 'GET', statusUrl);
    expect(done.body?.properties.progress).toMatchObject({ phase: 'done', gunsDeleted: 2 });
    expect(
      (await call('reader', 'GET', `${registryId}?api-version=2025-11-01`)).body?.properties
        .provisioningState,
    ).toBe('Succeeded');
  });

  it('reports a failed deletion as a failed operation, and a second disable retries it', async () => {
    expect((await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, enable)).status).toBe(200);
    t.dataPlane.failNextDeletion = new Error('trust server unreachable');
    const accepted = await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, disable);
    const statusUrl = accepted.headers.get('azure-asyncoperation')!;
    await expect.poll(async () => (await call('owner', 'GET', statusUrl)).body?.status).toBe('Failed');
    expect((await call('owner', 'GET', statusUrl)).body?.error.message).toContain('trust server unreachable');
    const retry = await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, disable);
    expect(retry.status).toBe(201);
    await expect
      .poll(async () => (await call('owner', 'GET', retry.headers.get('azure-asyncoperation')!)).body?.status)
      .toBe('Succeeded');
  });

  it('keeps state across a restart and resumes an interrupted trust-data deletion', async () => {
    expect((await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, enable)).status).toBe(200);
    const before = t.cp.describe().identities;
    t.dataPlane.holdDeletion();
    const accepted = await call('owner', 'PATCH', `${registryId}?api-version=2025-11-01`, disable);
    const statusUrl = accepted.headers.get('azure-asyncoperation')!;
    const deletions = t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length;
    // Stop while the deletion is held (as if the process died): the restart must run it again.
    await t.restart();
    t.dataPlane.releaseDeletion();
    expect(t.cp.describe().identities).toEqual(before);
    await expect.poll(async () => (await call('owner', 'GET', statusUrl)).body?.status).toBe('Succeeded');
    expect(t.dataPlane.calls.filter((c) => c.op === 'deleteAllTrustData').length).toBeGreaterThanOrEqual(
      deletions + 1,
    );
    expect(t.cp.listRegistries().find((r) => r.name === 'ctpdemo')?.trustPolicy).toBe('disabled');
  });

  it('throttles like ARM when switched on (remaining headers, 429 + Retry-After)', async () => {
    const normal = await call('reader', 'GET', `${registryId}?api-version=2025-11-01`);
    expect(Number(normal.headers.get('x-ms-ratelimit-remaining-subscription-reads'))).toBeGreaterThan(0);
    // Switched through the emulator's control endpoint, which needs an Owner.
    expect((await call('reader', 'PUT', '/_azure-local/throttling', { enabled: true })).status).toBe(403);
    const configured = await call('owner', 'PUT', '/_azure-local/throttling', {
      enabled: true,
      reads: { capacity: 2, refillPerSecond: 0.5 },
    });
    expect(configured.status).toBe(200);
    const token = await t.userToken('reader', ARM_SCOPE);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await fetch(`${arm}${registryId}?api-version=2025-11-01`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe(
      'SubscriptionRequestsThrottled',
    );
    t.cp.controls.setThrottling({ enabled: false });
    expect(
      (
        await fetch(`${arm}${registryId}?api-version=2025-11-01`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
  });

  it('records writes in the activity log, readable per resource', async () => {
    const since = new Date(Date.now() - 3600_000).toISOString();
    await call('reader', 'PATCH', `${registryId}?api-version=2025-11-01`, enable); // denied: logged as Failed
    const filter = encodeURIComponent(`eventTimestamp ge '${since}' and resourceUri eq '${registryId}'`);
    const log = await call(
      'reader',
      'GET',
      `/subscriptions/${t.cp.describe().arm!.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter=${filter}`,
    );
    expect(log.status).toBe(200);
    const events = log.body?.value as Array<{
      caller: string;
      operationName: { value: string };
      status: { value: string };
      resourceId: string;
      eventTimestamp: string;
    }>;
    expect(events.every((e) => e.resourceId === registryId)).toBe(true);
    expect(events[0]).toMatchObject({
      caller: t.identities.reader!.userPrincipalName,
      operationName: { value: 'Microsoft.ContainerRegistry/registries/write' },
      status: { value: 'Failed' },
    });
    const ownerWrites = events.filter((e) => e.caller === t.identities.owner!.userPrincipalName);
    expect(ownerWrites.map((e) => e.status.value)).toEqual(expect.arrayContaining(['Accepted', 'Succeeded']));
    const noRole = await call(
      'no-role',
      'GET',
      `/subscriptions/${t.cp.describe().arm!.subscriptionId}/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter=${filter}`,
    );
    expect(noRole.status).toBe(403);
  });
});
