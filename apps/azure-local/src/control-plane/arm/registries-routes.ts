import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RegistryChangeRequest } from '../registry-service.ts';
import { registryResourceId, type RegistryState } from '../state/registries.ts';
import { checkApiVersion } from './api-versions.ts';
import { caseInsensitiveEnum, readJson } from './body.ts';
import { authorize, can, type ArmContext, type ArmServices } from './context.ts';
import { ArmError, armErrors } from './errors.ts';
import { pageOf } from './paging.ts';
import { registryJson } from './registry-json.ts';
import type { Router } from './router.ts';

const ACR = 'Microsoft.ContainerRegistry/registries';
const status = caseInsensitiveEnum(['enabled', 'disabled'] as const);
const sku = z
  .object({ name: caseInsensitiveEnum(['Classic', 'Basic', 'Standard', 'Premium'] as const) })
  .loose();
const policies = z
  .object({
    trustPolicy: z
      .object({ type: caseInsensitiveEnum(['Notary'] as const).optional(), status: status.optional() })
      .loose()
      .optional(),
    quarantinePolicy: z.object({ status: status.optional() }).loose().optional(),
    retentionPolicy: z
      .object({ days: z.number().int().min(0).max(365).optional(), status: status.optional() })
      .loose()
      .optional(),
    exportPolicy: z.object({ status: status.optional() }).loose().optional(),
    azureADAuthenticationAsArmPolicy: z.object({ status: status.optional() }).loose().optional(),
  })
  .loose();
const properties = z
  .object({
    adminUserEnabled: z.boolean().optional(),
    policies: policies.optional(),
    anonymousPullEnabled: z.boolean().optional(),
    dataEndpointEnabled: z.boolean().optional(),
    publicNetworkAccess: caseInsensitiveEnum(['Enabled', 'Disabled'] as const).optional(),
  })
  .loose();
const tags = z.record(z.string(), z.string());
const updateBody = z
  .object({
    tags: tags.optional(),
    sku: sku.optional(),
    identity: z.unknown().optional(),
    properties: properties.optional(),
  })
  .loose();
const createBody = z
  .object({ location: z.string().min(1), tags: tags.optional(), sku, properties: properties.optional() })
  .loose();

function changeFrom(body: z.infer<typeof updateBody>): RegistryChangeRequest {
  const p = body.properties?.policies;
  return {
    sku: body.sku?.name,
    adminUserEnabled: body.properties?.adminUserEnabled,
    tags: body.tags,
    trustPolicy: p?.trustPolicy?.status,
    policies: p
      ? {
          quarantinePolicy: p.quarantinePolicy?.status ? { status: p.quarantinePolicy.status } : undefined,
          retentionPolicy: p.retentionPolicy
            ? {
                ...(p.retentionPolicy.days !== undefined ? { days: p.retentionPolicy.days } : {}),
                ...(p.retentionPolicy.status ? { status: p.retentionPolicy.status } : {}),
              }
            : undefined,
          exportPolicy: p.exportPolicy?.status ? { status: p.exportPolicy.status } : undefined,
          azureADAuthenticationAsArmPolicy: p.azureADAuthenticationAsArmPolicy?.status
            ? { status: p.azureADAuthenticationAsArmPolicy.status }
            : undefined,
        }
      : undefined,
  };
}

/** ARM location names compare without case and spaces ("West Europe" = "westeurope"). */
function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

/** ARM's answer (409, code and wording as Azure returns them) to a PUT that moves an existing resource. */
function invalidResourceLocation(name: string, location: string, group: string, wanted: string): ArmError {
  return new ArmError(
    409,
    'InvalidResourceLocation',
    `The resource '${name}' already exists in location '${location}' in resource group '${group}'. A resource with the same name cannot be created in location '${wanted}'. Please select a new resource name.`,
    'location',
  );
}

export function registryRoutes(router: Router, services: ArmServices): void {
  const json = (c: ArmContext, r: Parameters<typeof registryJson>[0]) =>
    registryJson(r, services.registries.toRecord(r).loginServer);
  const version = (c: ArmContext) =>
    checkApiVersion('containerRegistry', c.req.query('api-version'), 'registries');
  const actor = (c: ArmContext) => ({
    caller: c.get('caller').callerName,
    objectId: c.get('caller').objectId,
    correlationId: c.get('correlationId'),
  });

  const existingGroup = (sub: string, rg: string) => {
    if (!services.containers.subscription(sub)) throw armErrors.subscriptionNotFound(sub);
    const group = services.containers.resourceGroup(sub, rg);
    if (!group) throw armErrors.resourceGroupNotFound(rg);
    return group;
  };
  const existing = (sub: string, rg: string, name: string) => {
    existingGroup(sub, rg);
    const registry = services.registries.get(registryResourceId(sub, rg, name));
    if (!registry || registry.subscriptionId.toLowerCase() !== sub.toLowerCase())
      throw armErrors.resourceNotFound(ACR, name, rg);
    return registry;
  };
  // The store lists registries by slot; the zero-padded slot keeps the page key in the same order.
  const page = (c: ArmContext, visible: RegistryState[]) =>
    pageOf(
      c,
      services.endpoint(),
      visible,
      (r) => String(r.slot).padStart(8, '0'),
      (r) => json(c, r),
      services.pageSize(),
    );
  const asyncHeaders = (c: ArmContext, resourceId: string, operationId: string, apiVersion: string) => ({
    'Azure-AsyncOperation': `${services.endpoint()}${resourceId}/operationStatuses/registries-${operationId}?api-version=${apiVersion}`,
    'Retry-After': '1',
  });

  router.get('/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/registries', (c, p) => {
    version(c);
    if (!services.containers.subscription(p.sub!)) throw armErrors.subscriptionNotFound(p.sub!);
    const visible = services.registries
      .list()
      .filter(
        (r) =>
          r.subscriptionId.toLowerCase() === p.sub!.toLowerCase() &&
          can(c, services, `${ACR}/read`, r.resourceId),
      );
    return c.json(page(c, visible));
  });

  router.get(
    '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries',
    (c, p) => {
      version(c);
      existingGroup(p.sub!, p.rg!);
      const visible = services.registries
        .list()
        .filter(
          (r) =>
            r.subscriptionId.toLowerCase() === p.sub!.toLowerCase() &&
            r.resourceGroup.toLowerCase() === p.rg!.toLowerCase(),
        )
        .filter((r) => can(c, services, `${ACR}/read`, r.resourceId));
      return c.json(page(c, visible));
    },
  );

  const registryPath =
    '/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{name}';

  router.get(registryPath, (c, p) => {
    version(c);
    authorize(c, services, `${ACR}/read`, registryResourceId(p.sub!, p.rg!, p.name!));
    return c.json(json(c, existing(p.sub!, p.rg!, p.name!)));
  });

  router.patch(registryPath, async (c, p) => {
    const apiVersion = version(c);
    authorize(c, services, `${ACR}/write`, registryResourceId(p.sub!, p.rg!, p.name!));
    const registry = existing(p.sub!, p.rg!, p.name!);
    const body = await readJson(c, updateBody);
    const outcome = services.registries.update(registry.resourceId, changeFrom(body), actor(c));
    if (!outcome.operationId) return c.json(json(c, outcome.registry), 200);
    return c.json(
      json(c, outcome.registry),
      201,
      asyncHeaders(c, registry.resourceId, outcome.operationId, apiVersion),
    );
  });

  router.put(registryPath, async (c, p) => {
    const apiVersion = version(c);
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/write`, resourceId);
    const group = existingGroup(p.sub!, p.rg!);
    const body = await readJson(c, createBody);
    const current = services.registries.get(resourceId);
    if (current) {
      // PUT is create-or-replace: a registry cannot move, and what the body omits goes back to defaults.
      if (normalizeLocation(body.location) !== normalizeLocation(current.location))
        throw invalidResourceLocation(current.name, current.location, current.resourceGroup, body.location);
      const outcome = services.registries.update(resourceId, changeFrom(body), actor(c), 'replace');
      if (!outcome.operationId) return c.json(json(c, outcome.registry), 200);
      return c.json(
        json(c, outcome.registry),
        201,
        asyncHeaders(c, resourceId, outcome.operationId, apiVersion),
      );
    }
    if (!/^[a-zA-Z0-9]{5,50}$/.test(p.name!)) {
      throw new ArmError(
        400,
        'InvalidResourceName',
        `Resource name '${p.name}' is invalid. The name can contain only alphanumeric characters and must be between 5 and 50 characters long.`,
        'name',
      );
    }
    if (services.registries.list().some((r) => r.name.toLowerCase() === p.name!.toLowerCase())) {
      throw new ArmError(
        409,
        'AlreadyInUse',
        `The registry DNS name ${p.name!.toLowerCase()}.azurecr.io is already in use. You can check if the name is already claimed using following API: https://docs.microsoft.com/en-us/rest/api/containerregistry/registries/checknameavailability`,
      );
    }
    const outcome = services.registries.create(
      p.sub!,
      group.name,
      p.name!,
      body.location,
      changeFrom(body),
      actor(c),
    );
    return c.json(
      json(c, outcome.registry),
      201,
      asyncHeaders(c, outcome.registry.resourceId, outcome.operationId!, apiVersion),
    );
  });

  router.delete(registryPath, (c, p) => {
    const apiVersion = version(c);
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/delete`, resourceId);
    existingGroup(p.sub!, p.rg!);
    const registry = services.registries.get(resourceId);
    if (!registry) return c.body(null, 204);
    const outcome = services.registries.delete(resourceId, actor(c));
    return c.body(null, 202, {
      Location: `${services.endpoint()}/subscriptions/${p.sub}/providers/Microsoft.ContainerRegistry/locations/${registry.location}/operationResults/registries-${outcome.operationId}?api-version=${apiVersion}`,
      'Retry-After': '1',
    });
  });

  router.get(`${registryPath}/operationStatuses/{operation}`, (c, p) => {
    version(c);
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/read`, resourceId);
    const op = services.operations.get(p.operation!.replace(/^registries-/, ''));
    if (!op || op.resourceId.toLowerCase() !== resourceId.toLowerCase()) {
      throw new ArmError(
        404,
        'OperationNotFound',
        `The operation '${p.operation}' was not found for registry '${p.name}'.`,
      );
    }
    return c.json({
      id: `${resourceId}/operationStatuses/registries-${op.id}`,
      name: `registries-${op.id}`,
      status: op.status,
      startTime: op.startedAt,
      ...(op.endedAt ? { endTime: op.endedAt } : {}),
      ...(op.error ? { error: op.error } : {}),
      ...(op.progress ? { properties: { progress: op.progress } } : {}),
    });
  });

  router.get(
    '/subscriptions/{sub}/providers/Microsoft.ContainerRegistry/locations/{location}/operationResults/{operation}',
    (c, p) => {
      version(c);
      const op = services.operations.get(p.operation!.replace(/^registries-/, ''));
      if (!op || op.resourceId.split('/')[2]?.toLowerCase() !== p.sub!.toLowerCase()) {
        throw new ArmError(404, 'OperationNotFound', `The operation '${p.operation}' was not found.`);
      }
      authorize(
        c,
        services,
        `${ACR}/read`,
        `/subscriptions/${p.sub}/resourceGroups/${op.resourceId.split('/')[4]}`,
      );
      if (op.status === 'InProgress')
        return c.body(null, 202, {
          Location: `${services.endpoint()}${new URL(c.req.url).pathname}${new URL(c.req.url).search}`,
          'Retry-After': '1',
        });
      if (op.status === 'Succeeded') return c.body(null, 204);
      return c.json(
        { error: op.error ?? { code: 'InternalServerError', message: 'The operation failed.' } },
        500,
      );
    },
  );

  router.post(`${registryPath}/listCredentials`, (c, p) => {
    version(c);
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/listCredentials/action`, resourceId);
    const registry = existing(p.sub!, p.rg!, p.name!);
    if (!registry.adminUserEnabled)
      throw new ArmError(400, 'AdminUserDisabled', `Admin user is disabled for registry '${registry.name}'.`);
    return c.json({
      username: registry.name,
      passwords: [
        { name: 'password', value: registry.adminPasswords[0] },
        { name: 'password2', value: registry.adminPasswords[1] },
      ],
    });
  });

  router.post(`${registryPath}/regenerateCredential`, async (c, p) => {
    version(c);
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/regenerateCredential/action`, resourceId);
    const registry = existing(p.sub!, p.rg!, p.name!);
    const body = await readJson(
      c,
      z.object({ name: caseInsensitiveEnum(['password', 'password2'] as const) }),
    );
    if (!registry.adminUserEnabled)
      throw new ArmError(400, 'AdminUserDisabled', `Admin user is disabled for registry '${registry.name}'.`);
    const next = services.registries.regenerateCredential(resourceId, body.name);
    return c.json({
      username: next.name,
      passwords: [
        { name: 'password', value: next.adminPasswords[0] },
        { name: 'password2', value: next.adminPasswords[1] },
      ],
    });
  });

  // Emulator-only: Azure has no per-registry switch for this; it lets tests exercise ContentTrustUnsupported.
  router.put(`/_azure-local${registryPath}/contentTrustUnsupported`, async (c, p) => {
    const resourceId = registryResourceId(p.sub!, p.rg!, p.name!);
    authorize(c, services, `${ACR}/write`, resourceId);
    existing(p.sub!, p.rg!, p.name!);
    const body = await readJson(c, z.object({ value: z.boolean() }));
    services.registries.setContentTrustUnsupported(resourceId, body.value);
    return c.json({ resourceId, contentTrustUnsupported: body.value, requestId: randomUUID() });
  });
}
