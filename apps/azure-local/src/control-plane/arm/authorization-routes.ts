import { z } from 'zod';
import {
  BUILT_IN_ROLES,
  findRoleDefinition,
  grantsTrustedPush,
  type RoleDefinition,
} from '../rbac/role-definitions.ts';
import { normalizeScope, parseScope, scopeContains } from '../rbac/scope.ts';
import type { DirectoryObject } from '../state/directory.ts';
import type { PrincipalType, RoleAssignment } from '../state/role-assignments.ts';
import { checkApiVersion } from './api-versions.ts';
import { caseInsensitiveEnum, GUID, readJson } from './body.ts';
import { authorize, type ArmContext, type ArmServices } from './context.ts';
import { ArmError, armErrors } from './errors.ts';
import { pageOf } from './paging.ts';

const RA = 'Microsoft.Authorization/roleAssignments';

const assignmentBody = z
  .object({
    properties: z
      .object({
        roleDefinitionId: z.string(),
        principalId: z.string(),
        principalType: caseInsensitiveEnum([
          'User',
          'Group',
          'ServicePrincipal',
          'ForeignGroup',
          'Device',
        ] as const).optional(),
        description: z.string().max(2048).nullable().optional(),
        condition: z.string().max(8192).nullable().optional(),
        conditionVersion: z.string().nullable().optional(),
      })
      .loose(),
  })
  .loose();

function principalTypeOf(object: DirectoryObject): PrincipalType {
  return object.kind === 'user' ? 'User' : object.kind === 'group' ? 'Group' : 'ServicePrincipal';
}

function roleDefinitionId(scope: string, guid: string): string {
  const sub = parseScope(scope).subscriptionId;
  return `${sub ? `/subscriptions/${sub}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

function scopePrefix(scope: string): string {
  return scope === '/' ? '' : scope;
}

export function assignmentJson(a: RoleAssignment) {
  return {
    id: `${scopePrefix(a.scope)}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
    properties: {
      roleDefinitionId: roleDefinitionId(a.scope, a.roleDefinitionId),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition,
      conditionVersion: a.conditionVersion,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: a.createdBy,
      updatedBy: a.updatedBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description,
    },
  };
}

function definitionJson(scope: string, d: RoleDefinition) {
  return {
    id: roleDefinitionId(scope, d.name),
    name: d.name,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: d.roleName,
      type: d.type,
      description: d.description,
      assignableScopes: ['/'],
      permissions: d.permissions,
      createdOn: '2015-02-02T21:55:09.8806423Z',
      updatedOn: '2025-01-01T00:00:00.0000000Z',
      createdBy: null,
      updatedBy: null,
    },
  };
}

interface AssignmentFilter {
  atScope: boolean;
  principalIds?: string[];
}

function parseAssignmentFilter(services: ArmServices, filter: string | undefined): AssignmentFilter {
  const result: AssignmentFilter = { atScope: false };
  if (!filter?.trim()) return result;
  for (const clause of filter.trim().split(/\s+and\s+/i)) {
    let m: RegExpMatchArray | null;
    if (/^atScope\(\)$/i.test(clause)) result.atScope = true;
    else if ((m = clause.match(/^principalId\s+eq\s+'([^']*)'$/i))) result.principalIds = [m[1]!];
    else if ((m = clause.match(/^assignedTo\('([^']*)'\)$/i)))
      result.principalIds = [m[1]!, ...services.directory.groupsOf(m[1]!)];
    else {
      throw new ArmError(
        400,
        'UnsupportedQuery',
        `The filter '${filter}' is not supported. Supported filters are atScope(), principalId eq '{objectId}' and assignedTo('{objectId}'), combined with 'and'.`,
      );
    }
  }
  return result;
}

/** Validates that an assignment scope is a subscription, resource group or registry that exists. */
function existingScope(services: ArmServices, scope: string): void {
  const parsed = parseScope(scope);
  if (parsed.kind === 'root' || parsed.kind === 'other') {
    throw new ArmError(
      400,
      'InvalidScope',
      `The scope '${scope}' is not valid for role assignments in the local ARM; use a subscription, resource group or registry.`,
    );
  }
  if (!services.containers.subscription(parsed.subscriptionId!))
    throw armErrors.subscriptionNotFound(parsed.subscriptionId!);
  if (
    parsed.resourceGroup &&
    !services.containers.resourceGroup(parsed.subscriptionId!, parsed.resourceGroup)
  ) {
    throw armErrors.resourceGroupNotFound(parsed.resourceGroup);
  }
  if (parsed.kind === 'registry' && !services.registries.get(scope)) {
    throw armErrors.resourceNotFound(
      'Microsoft.ContainerRegistry/registries',
      parsed.registryName!,
      parsed.resourceGroup!,
    );
  }
}

/** Canonical casing for a scope that exists (registry ids come from state). */
function canonicalScope(services: ArmServices, scope: string): string {
  const parsed = parseScope(scope);
  if (parsed.kind === 'registry') return services.registries.get(scope)?.resourceId ?? scope;
  if (parsed.kind === 'resourceGroup') {
    const group = services.containers.resourceGroup(parsed.subscriptionId!, parsed.resourceGroup!);
    return `/subscriptions/${parsed.subscriptionId}/resourceGroups/${group?.name ?? parsed.resourceGroup}`;
  }
  return scope;
}

/**
 * Microsoft.Authorization under any scope: `{scope}/providers/Microsoft.Authorization/{type}[/{name}]`.
 * Returns undefined when the path is not an authorization path.
 */
export async function handleAuthorization(
  c: ArmContext,
  services: ArmServices,
  segments: string[],
): Promise<Response | undefined> {
  let index = -1;
  for (let i = segments.length - 2; i >= 0; i--) {
    if (
      segments[i]!.toLowerCase() === 'providers' &&
      segments[i + 1]!.toLowerCase() === 'microsoft.authorization'
    ) {
      index = i;
      break;
    }
  }
  if (index < 0) return undefined;
  const scope = normalizeScope(segments.slice(0, index).join('/'));
  const [type, name, ...extra] = segments.slice(index + 2);
  if (extra.length > 0 || !type) return undefined;
  const method = c.req.method;
  const kind = type.toLowerCase();

  if (kind === 'roleassignments') {
    checkApiVersion('authorization', c.req.query('api-version'), 'roleAssignments');
    if (name === undefined) {
      if (method !== 'GET') throw methodNotAllowed(method);
      existingScope(services, scope);
      authorize(c, services, `${RA}/read`, scope);
      return listAssignments(c, services, scope);
    }
    if (!GUID.test(name)) {
      throw new ArmError(
        400,
        'InvalidRoleAssignmentId',
        `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
      );
    }
    if (method === 'GET') {
      existingScope(services, scope);
      authorize(c, services, `${RA}/read`, scope);
      const found = services.assignments.get(name);
      if (!found || found.scope.toLowerCase() !== scope.toLowerCase()) {
        throw new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
      }
      return c.json(assignmentJson(found));
    }
    if (method === 'PUT') return putAssignment(c, services, scope, name.toLowerCase());
    if (method === 'DELETE') {
      existingScope(services, scope);
      authorize(c, services, `${RA}/delete`, scope);
      const found = services.assignments.get(name);
      if (!found || found.scope.toLowerCase() !== scope.toLowerCase()) return c.body(null, 204);
      services.assignments.remove(found.name);
      return c.json(assignmentJson(found));
    }
    throw methodNotAllowed(method);
  }

  if (kind === 'roledefinitions') {
    checkApiVersion('authorization', c.req.query('api-version'), 'roleDefinitions');
    if (method !== 'GET') throw methodNotAllowed(method);
    if (scope !== '/') {
      existingScope(services, scope);
      authorize(c, services, 'Microsoft.Authorization/roleDefinitions/read', scope);
    }
    if (name !== undefined) {
      const definition = GUID.test(name) ? findRoleDefinition(name) : undefined;
      if (!definition)
        throw new ArmError(
          404,
          'RoleDefinitionDoesNotExist',
          `The specified role definition with ID '${name}' does not exist.`,
        );
      return c.json(definitionJson(scope, definition));
    }
    const filter = c.req.query('$filter')?.trim();
    let definitions = BUILT_IN_ROLES;
    if (filter) {
      const byName = filter.match(/^roleName\s+eq\s+'([^']*)'$/i);
      const byType = filter.match(/^type\s+eq\s+'([^']*)'$/i);
      if (byName)
        definitions = definitions.filter((d) => d.roleName.toLowerCase() === byName[1]!.toLowerCase());
      else if (byType)
        definitions = definitions.filter((d) => d.type.toLowerCase() === byType[1]!.toLowerCase());
      else if (!/^atScopeAndBelow\(\)$/i.test(filter)) {
        throw new ArmError(
          400,
          'UnsupportedQuery',
          `The filter '${filter}' is not supported. Supported filters are roleName eq '{name}', type eq 'BuiltInRole'|'CustomRole' and atScopeAndBelow().`,
        );
      }
    }
    return c.json({ value: definitions.map((d) => definitionJson(scope, d)) });
  }

  if (kind === 'permissions' && name === undefined) {
    checkApiVersion('authorization', c.req.query('api-version'), 'permissions');
    if (method !== 'GET') throw methodNotAllowed(method);
    existingScope(services, scope);
    const roles = services.authorizer.rolesAt(c.get('caller').objectId, scope);
    return c.json({ value: roles.flatMap((r) => r.definition.permissions) });
  }

  if (kind === 'classicadministrators' && name === undefined) {
    checkApiVersion('authorization', c.req.query('api-version'), 'classicAdministrators');
    if (method !== 'GET') throw methodNotAllowed(method);
    const parsed = parseScope(scope);
    if (parsed.kind !== 'subscription') return undefined;
    existingScope(services, scope);
    authorize(c, services, 'Microsoft.Authorization/classicAdministrators/read', scope);
    return c.json({
      value: services.directory.classicAdministrators().map((admin) => ({
        id: `${scope}/providers/Microsoft.Authorization/classicAdministrators/${admin.id}`,
        name: admin.id,
        type: 'Microsoft.Authorization/classicAdministrators',
        properties: { emailAddress: admin.userPrincipalName, role: admin.classicAdminRole },
      })),
    });
  }
  return undefined;
}

function methodNotAllowed(method: string): ArmError {
  return new ArmError(
    405,
    'MethodNotAllowed',
    `The requested HTTP method '${method}' is not supported for this resource.`,
  );
}

function listAssignments(c: ArmContext, services: ArmServices, scope: string): Response {
  const filter = parseAssignmentFilter(services, c.req.query('$filter'));
  const principals = filter.principalIds
    ? new Set(filter.principalIds.map((p) => p.toLowerCase()))
    : undefined;
  const matching = services.assignments
    .all()
    .filter((a) => !principals || principals.has(a.principalId.toLowerCase()))
    .filter((a) => scopeContains(a.scope, scope) || (!filter.atScope && scopeContains(scope, a.scope)));
  // The store lists by (createdOn, name), which is also the page key's order.
  return c.json(
    pageOf(
      c,
      services.endpoint(),
      matching,
      (a) => `${a.createdOn}|${a.name}`,
      assignmentJson,
      services.pageSize(),
    ),
  );
}

async function putAssignment(
  c: ArmContext,
  services: ArmServices,
  rawScope: string,
  name: string,
): Promise<Response> {
  existingScope(services, rawScope);
  const scope = canonicalScope(services, rawScope);
  authorize(c, services, `${RA}/write`, scope);
  const body = await readJson(c, assignmentBody);
  const props = body.properties;

  const definitionMatch = props.roleDefinitionId.match(
    /^((?:\/subscriptions\/[^/]+(?:\/resourceGroups\/[^/]+)?)?)\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i,
  );
  if (!definitionMatch || !GUID.test(definitionMatch[2]!)) {
    throw new ArmError(
      400,
      'InvalidRoleDefinitionId',
      `The role definition ID '${props.roleDefinitionId}' is not valid.`,
      'properties.roleDefinitionId',
    );
  }
  // A role definition is used from its own scope or above: one of another subscription (or resource
  // group) is outside the assignment's scope tree.
  const definitionScope = definitionMatch[1]!;
  if (definitionScope && !scopeContains(definitionScope, scope)) {
    throw new ArmError(
      400,
      'InvalidRoleDefinitionId',
      `The role definition ID '${props.roleDefinitionId}' is not valid: its scope '${definitionScope}' does not contain the role assignment scope '${scope}'.`,
      'properties.roleDefinitionId',
    );
  }
  const definition = findRoleDefinition(definitionMatch[2]!);
  if (!definition) {
    throw new ArmError(
      400,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${definitionMatch[2]}' does not exist.`,
      'properties.roleDefinitionId',
    );
  }
  if (!GUID.test(props.principalId)) {
    throw new ArmError(
      400,
      'InvalidPrincipalId',
      'A valid principal ID must be provided for role assignment.',
      'properties.principalId',
    );
  }
  const principal = services.directory.get(props.principalId);
  if (!principal) {
    throw new ArmError(
      400,
      'PrincipalNotFound',
      `Principal ${props.principalId.replace(/-/g, '')} does not exist in the directory ${c.get('caller').tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
      'properties.principalId',
    );
  }
  const actualType = principalTypeOf(principal);
  if (
    props.principalType &&
    props.principalType !== actualType &&
    !(props.principalType === 'ForeignGroup' && actualType === 'Group')
  ) {
    throw new ArmError(
      400,
      'UnmatchedPrincipalType',
      `The PrincipalType '${props.principalType}' of the provided principal ID '${props.principalId}' does not match the actual principal type '${actualType}'. Please provide the correct PrincipalType.`,
      'properties.principalType',
    );
  }
  if (grantsTrustedPush(definition)) refuseTrustedPush(services, definition, principal);
  if (props.condition && !props.conditionVersion) {
    throw new ArmError(
      400,
      'InvalidConditionVersion',
      "A condition requires conditionVersion '2.0'.",
      'properties.conditionVersion',
    );
  }

  const caller = c.get('caller');
  const now = new Date().toISOString();
  const existing = services.assignments.get(name);
  if (existing) {
    if (
      existing.scope.toLowerCase() !== scope.toLowerCase() ||
      existing.principalId.toLowerCase() !== principal.id.toLowerCase() ||
      existing.roleDefinitionId.toLowerCase() !== definition.name
    ) {
      throw new ArmError(
        400,
        'RoleAssignmentUpdateNotPermitted',
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      );
    }
    const updated: RoleAssignment = {
      ...existing,
      description: props.description ?? null,
      condition: props.condition ?? null,
      conditionVersion: props.conditionVersion ?? null,
      updatedOn: now,
      updatedBy: caller.objectId,
    };
    services.assignments.update(updated);
    return c.json(assignmentJson(updated), 201);
  }
  const duplicate = services.assignments.findDuplicate(scope, principal.id, definition.name);
  if (duplicate) {
    throw new ArmError(
      409,
      'RoleAssignmentExists',
      `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name.replace(/-/g, '')}.`,
    );
  }
  const assignment: RoleAssignment = {
    name,
    scope,
    roleDefinitionId: definition.name,
    principalId: principal.id,
    principalType: actualType,
    description: props.description ?? null,
    condition: props.condition ?? null,
    conditionVersion: props.conditionVersion ?? null,
    createdOn: now,
    updatedOn: now,
    createdBy: caller.objectId,
    updatedBy: caller.objectId,
  };
  services.assignments.insert(assignment);
  return c.json(assignmentJson(assignment), 201);
}

/**
 * ACR rule: trusted push (content-trust signing) is never granted to a registry's admin account nor
 * to a classic subscription administrator. The error code is the emulator's; Azure documents the
 * rule, not an ARM error for it.
 */
function refuseTrustedPush(
  services: ArmServices,
  definition: RoleDefinition,
  principal: DirectoryObject,
): void {
  if (principal.registryAdminOf) {
    const registry = services.registries.get(principal.registryAdminOf);
    throw new ArmError(
      400,
      'TrustedPushNotAllowedForPrincipal',
      `The role '${definition.roleName}' grants trusted push (content-trust signing) and cannot be assigned to the admin account of registry '${registry?.name ?? principal.displayName}'. Rule: Azure Container Registry never grants trusted push to a registry's admin account. Assign it to a user or service principal instead.`,
      'properties.principalId',
      [
        {
          code: 'RegistryAdminAccountCannotSign',
          message: 'Trusted push cannot be granted to the registry admin account.',
        },
      ],
    );
  }
  if (principal.classicAdminRole) {
    throw new ArmError(
      400,
      'TrustedPushNotAllowedForPrincipal',
      `The role '${definition.roleName}' grants trusted push (content-trust signing) and cannot be assigned to '${principal.displayName}' (${principal.userPrincipalName}), a classic subscription administrator (${principal.classicAdminRole}). Rule: Azure Container Registry never grants trusted push to classic subscription administrators. Assign it to a user without a classic administrator role or to a service principal.`,
      'properties.principalId',
      [
        {
          code: 'ClassicAdministratorCannotSign',
          message: 'Trusted push cannot be granted to a classic subscription administrator.',
        },
      ],
    );
  }
}
