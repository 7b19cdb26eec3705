import type { RoleAssignment as ArmRoleAssignment } from '@azure/arm-authorization';
import { isRestError } from '@azure/core-rest-pipeline';
import {
  accessControlProblemCodes,
  registryResourceId,
  type CreateRoleAssignment,
  type Principal,
  type RegistryRef,
  type RoleAssignment,
} from '@ctp/contracts';
import { v5 as uuidv5 } from 'uuid';
import type { ArmClients } from '../azure/arm.ts';
import type { GraphClient } from '../azure/graph.ts';
import { ACR_ACTIONS, allows } from '../azure/permissions.ts';
import { BadRequest, BffError, Conflict, NotAllowed, NotFound, UpstreamError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { isRegistryAdminAccount, PrincipalDirectory, unknownPrincipal } from './access-control-principals.ts';
import { grantsSigning, RoleCatalog } from './access-control-roles.ts';
import { originOf, roleGuidOf, sameScope, scopeContains, sdkScope } from './access-control-scope.ts';
import { RegistryService } from './registries.ts';

/** Namespace of the deterministic assignment names: uuid v5 of scope + principal + role (idempotent PUTs). */
const ASSIGNMENT_NAMESPACE = '5b0c3a52-7f1e-4c8e-9d3a-2f6c1b7e8a90';

export function assignmentName(scope: string, principalId: string, roleGuid: string): string {
  return uuidv5(
    `${scope.toLowerCase()}|${principalId.toLowerCase()}|${roleGuid.toLowerCase()}`,
    ASSIGNMENT_NAMESPACE,
  );
}

const WHO_CAN_ASSIGN =
  'Owner, User Access Administrator or Role Based Access Control Administrator on this registry, its resource group or subscription';

export interface AccessControlContext {
  arm: ArmClients;
  graph: GraphClient;
  log: Logger;
  ref: RegistryRef;
  callerName: string;
}

/** Role assignments at a registry's scope: listed with names and origins, created and removed. */
export class RoleAssignmentService {
  readonly scope: string;
  readonly roles: RoleCatalog;
  readonly directory: PrincipalDirectory;
  private subscriptionName?: Promise<string | undefined>;

  constructor(private readonly ctx: AccessControlContext) {
    this.scope = registryResourceId(ctx.ref);
    this.roles = new RoleCatalog(ctx.arm, ctx.ref.subscriptionId, this.scope);
    this.directory = new PrincipalDirectory(ctx.graph, ctx.arm, ctx.ref.subscriptionId, ctx.log);
  }

  private get authorization() {
    return this.ctx.arm.authorization(this.ctx.ref.subscriptionId);
  }

  /** ARM's assignments at or above the registry (`atScope()`), or one principal's (`assignedTo`). */
  async armAssignments(principalId?: string): Promise<ArmRoleAssignment[]> {
    const filter = principalId ? `assignedTo('${principalId}')` : 'atScope()';
    const found: ArmRoleAssignment[] = [];
    for await (const a of this.authorization.roleAssignments.listForScope(sdkScope(this.scope), { filter }))
      // assignedTo() also returns assignments below the scope; only those at or above apply here.
      if (a.scope && scopeContains(a.scope, this.scope)) found.push(a);
    return found;
  }

  async list(): Promise<RoleAssignment[]> {
    return this.shape(await this.armAssignments());
  }

  /** ARM assignments → the contract, role names from the role definitions, principals from Graph. */
  async shape(
    assignments: ArmRoleAssignment[],
    principals?: Map<string, Principal>,
  ): Promise<RoleAssignment[]> {
    const [roles, resolved, subscriptionName] = await Promise.all([
      this.roles.all(),
      principals ??
        this.directory.resolve(assignments.flatMap((a) => (a.principalId ? [a.principalId] : []))),
      this.subscriptionDisplayName(),
    ]);
    return assignments
      .filter((a) => a.id && a.name && a.scope && a.roleDefinitionId && a.principalId)
      .map((a) => {
        const roleGuid = roleGuidOf(a.roleDefinitionId!);
        const { origin, originName } = originOf(a.scope!, this.scope, subscriptionName);
        return {
          id: a.id!,
          name: a.name!,
          scope: a.scope!,
          origin,
          originName,
          inherited: origin !== 'thisResource',
          roleDefinitionId: roleGuid,
          roleName: roles.get(roleGuid)?.roleName ?? `Unknown role (${roleGuid})`,
          principal:
            resolved.get(a.principalId!.toLowerCase()) ?? unknownPrincipal(a.principalId!, a.principalType),
          ...(a.description ? { description: a.description } : {}),
          ...(a.condition ? { condition: a.condition } : {}),
          ...(a.createdOn ? { createdOn: new Date(a.createdOn).toISOString() } : {}),
        };
      })
      .sort(
        (x, y) =>
          x.roleName.localeCompare(y.roleName) ||
          (x.principal.displayName ?? '').localeCompare(y.principal.displayName ?? ''),
      );
  }

  /**
   * Adds one role assignment at the registry's scope. Everything ARM would refuse for a reason the
   * portal knows is refused first, with what to do; ARM's own refusals keep their code.
   */
  async create(input: CreateRoleAssignment): Promise<RoleAssignment> {
    await this.requireCaller(ACR_ACTIONS.roleAssignmentsWrite, 'add role assignments');
    const [role, principal] = await Promise.all([
      this.roles.find(input.roleDefinitionId),
      this.directory.get(input.principalId),
    ]);
    if (!role) {
      throw new BffError(
        400,
        'No such role',
        `No role definition ${input.roleDefinitionId} exists at this registry's scope. Pick a role from the list.`,
        'RoleDefinitionDoesNotExist',
        [{ path: 'roleDefinitionId', message: 'unknown role definition' }],
      );
    }
    if (!principal) {
      throw new BffError(
        400,
        'Principal not found',
        `No user, group or service principal with object id ${input.principalId} exists in the directory. Pick the member again from the search (use its object id, not an application id).`,
        'PrincipalNotFound',
        [{ path: 'principalId', message: 'not found in the directory' }],
      );
    }
    if (principal.type !== input.principalType) {
      throw new BadRequest(`${describe(principal)} is a ${principal.type}, not a ${input.principalType}.`, [
        { path: 'principalType', message: `expected ${principal.type}` },
      ]);
    }
    const signing = grantsSigning(role.permissions);
    if (signing) refuseTrustedPush(principal, role.roleName, this.ctx.ref.registryName);

    const existing = (await this.armAssignments()).find(
      (a) =>
        sameScope(a.scope ?? '', this.scope) &&
        a.principalId?.toLowerCase() === principal.id.toLowerCase() &&
        roleGuidOf(a.roleDefinitionId ?? '') === role.name,
    );
    if (existing) {
      throw new Conflict(
        `${describe(principal)} already has ${role.roleName} on ${this.ctx.ref.registryName} (assignment ${existing.name}). Nothing was changed.`,
        'RoleAssignmentExists',
      );
    }

    const name = assignmentName(this.scope, principal.id, role.name);
    try {
      const created = await this.authorization.roleAssignments.create(sdkScope(this.scope), name, {
        roleDefinitionId: `/subscriptions/${this.ctx.ref.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
        principalId: principal.id,
        principalType: input.principalType,
        ...(input.description ? { description: input.description } : {}),
      });
      this.ctx.log.info(
        { scope: this.scope, role: role.roleName, principalId: principal.id, name },
        'role assignment created',
      );
      const [shaped] = await this.shape([created], new Map([[principal.id.toLowerCase(), principal]]));
      return shaped!;
    } catch (error) {
      throw explainArmRefusal(error, `add ${describe(principal)} as ${role.roleName}`);
    }
  }

  /** Removes an assignment made at the registry; inherited ones are refused with where to remove them. */
  async remove(assignmentName: string): Promise<RoleAssignment> {
    await this.requireCaller(ACR_ACTIONS.roleAssignmentsDelete, 'remove role assignments');
    const [found] = await this.shape(
      (await this.armAssignments()).filter((a) => a.name?.toLowerCase() === assignmentName.toLowerCase()),
    );
    if (!found) {
      throw new NotFound(
        `No role assignment ${assignmentName} applies to ${this.ctx.ref.registryName}; it may have been removed already. Refresh the list.`,
        'RoleAssignmentNotFound',
      );
    }
    if (found.inherited) {
      const where =
        found.origin === 'subscription'
          ? `the subscription ${found.originName}`
          : found.origin === 'resourceGroup'
            ? `the resource group ${found.originName}`
            : found.originName;
      throw new BffError(
        409,
        'Inherited role assignment',
        `${found.roleName} for ${describe(found.principal)} is inherited from ${where} (${found.scope}). It can only be removed there: open Access control (IAM) of ${where}.`,
        accessControlProblemCodes.inheritedAssignment,
      );
    }
    try {
      await this.authorization.roleAssignments.delete(sdkScope(this.scope), found.name);
    } catch (error) {
      throw explainArmRefusal(error, `remove ${found.roleName} from ${describe(found.principal)}`);
    }
    this.ctx.log.info({ scope: this.scope, name: found.name }, 'role assignment removed');
    return found;
  }

  /** Refuses early when ARM's effective permissions say the caller cannot do it (ARM checks again). */
  private async requireCaller(action: string, what: string): Promise<void> {
    const permissions = await new RegistryService(this.ctx.arm).permissions(this.ctx.ref);
    if (!allows(permissions, action, 'action')) {
      throw new NotAllowed(
        `${this.ctx.callerName} cannot ${what} on ${this.ctx.ref.registryName}: that needs ${action}, which ${WHO_CAN_ASSIGN} have. Ask one of them to do it, or to give you one of those roles.`,
      );
    }
  }

  private subscriptionDisplayName(): Promise<string | undefined> {
    this.subscriptionName ??= this.ctx.arm
      .subscriptions()
      .subscriptions.get(this.ctx.ref.subscriptionId)
      .then((s) => s.displayName)
      .catch(() => undefined); // decoration only: the id is shown instead
    return this.subscriptionName;
  }
}

export function describe(p: Principal): string {
  if (!p.found) return `identity ${p.id}`;
  const name = p.userPrincipalName ?? p.appId;
  return name ? `${p.displayName} (${name})` : (p.displayName ?? p.id);
}

/** ACR's rule: trusted push is never granted to classic subscription administrators nor the admin account. */
function refuseTrustedPush(principal: Principal, roleName: string, registryName: string): void {
  if (principal.classicAdministrator) {
    throw new BffError(
      400,
      'This member cannot sign',
      `${describe(principal)} is a classic subscription administrator, and Azure Container Registry never grants trusted push (content-trust signing) to classic administrators, so ${roleName} cannot be assigned. Assign it to a user without a classic administrator role or to a service principal.`,
      accessControlProblemCodes.classicAdministratorCannotSign,
      [{ path: 'principalId', message: 'classic subscription administrator' }],
    );
  }
  if (isRegistryAdminAccount(principal)) {
    throw new BffError(
      400,
      'This member cannot sign',
      `The admin account of ${registryName} is no Entra identity and can never push signed images; ${roleName} cannot be assigned to it. Sign with a user or service principal instead.`,
      accessControlProblemCodes.registryAdminAccountCannotSign,
      [{ path: 'principalId', message: 'registry admin account' }],
    );
  }
}

/** ARM's refusals keep their status and code; the detail says what to do next. */
function explainArmRefusal(error: unknown, what: string): unknown {
  if (!isRestError(error) || error.statusCode === undefined) return error;
  const armMessage =
    (error.details as { error?: { message?: string } } | undefined)?.error?.message ?? error.message;
  const advice: Record<string, string> = {
    AuthorizationFailed: `Only ${WHO_CAN_ASSIGN} can do this.`,
    RoleAssignmentExists: 'The member already has this role here; nothing was changed.',
    PrincipalNotFound:
      'Pick the member again from the search; a just-created identity may need a minute to replicate.',
    TrustedPushNotAllowedForPrincipal: 'Pick another member: this one can never sign.',
  };
  const hint = error.code ? advice[error.code] : undefined;
  return new UpstreamError(
    'ARM',
    error.statusCode,
    error.code,
    `Could not ${what}: ${armMessage}${hint ? ` ${hint}` : ''}`,
  );
}
