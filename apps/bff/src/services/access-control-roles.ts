import type { RoleDefinition as ArmRoleDefinition } from '@azure/arm-authorization';
import { builtInRoleIds, type RegistryAccess, type RoleDefinition } from '@ctp/contracts';
import type { ArmClients } from '../azure/arm.ts';
import { ACR_ACTIONS, allows, type PermissionSet } from '../azure/permissions.ts';
import { roleGuidOf, sdkScope } from './access-control-scope.ts';

/** The portal's "Privileged administrator roles" list; every other role is a job-function role. */
const PRIVILEGED = new Set<string>([
  builtInRoleIds.Owner,
  builtInRoleIds.Contributor,
  builtInRoleIds.UserAccessAdministrator,
  builtInRoleIds.RbacAdministrator,
]);

/** The order the blade lists roles in: Container Registry's own first, then the general ones. */
const PREFERRED_ORDER: string[] = [
  builtInRoleIds.AcrPull,
  builtInRoleIds.AcrPush,
  builtInRoleIds.AcrDelete,
  builtInRoleIds.AcrImageSigner,
  builtInRoleIds.AcrQuarantineReader,
  builtInRoleIds.AcrQuarantineWriter,
  builtInRoleIds.Owner,
  builtInRoleIds.Contributor,
  builtInRoleIds.Reader,
  builtInRoleIds.UserAccessAdministrator,
  builtInRoleIds.RbacAdministrator,
];

const ACR_ACTION_PREFIX = 'microsoft.containerregistry/';

/** What a set of permission entries lets its holder do on a registry (from actions, never names). */
export function accessFrom(permissions: PermissionSet[]): RegistryAccess {
  const can = (action: string) => allows(permissions, action, 'action');
  return {
    canPull: can(ACR_ACTIONS.pull),
    canPush: can(ACR_ACTIONS.push),
    canSign: grantsSigning(permissions),
    canChangeTrustPolicy: can(ACR_ACTIONS.write),
    canAssignRoles: can(ACR_ACTIONS.roleAssignmentsWrite),
  };
}

/**
 * Trusted push is the data action AcrImageSigner carries. Data actions are only granted by
 * `dataActions`, so Owner's `*` does not sign (as on ACR's login servers).
 */
export function grantsSigning(permissions: PermissionSet[]): boolean {
  return allows(permissions, ACR_ACTIONS.trustedCollectionsWrite, 'dataAction');
}

/** Role definitions at a registry's scope, keyed by GUID, read once per request. */
export class RoleCatalog {
  private loaded?: Promise<Map<string, RoleDefinition>>;

  constructor(
    private readonly arm: ArmClients,
    private readonly subscriptionId: string,
    private readonly scope: string,
  ) {}

  all(): Promise<Map<string, RoleDefinition>> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  async sorted(): Promise<RoleDefinition[]> {
    const rank = (r: RoleDefinition) => {
      const i = PREFERRED_ORDER.indexOf(r.name);
      return i < 0 ? PREFERRED_ORDER.length : i;
    };
    return [...(await this.all()).values()].sort(
      (a, b) => rank(a) - rank(b) || a.roleName.localeCompare(b.roleName),
    );
  }

  /** One role by GUID (or full id); undefined when ARM has no such role at this scope. */
  async find(roleDefinitionId: string): Promise<RoleDefinition | undefined> {
    return (await this.all()).get(roleGuidOf(roleDefinitionId));
  }

  private async load(): Promise<Map<string, RoleDefinition>> {
    const found = new Map<string, RoleDefinition>();
    const pages = this.arm.authorization(this.subscriptionId).roleDefinitions.list(sdkScope(this.scope));
    for await (const d of pages) {
      const shaped = toRoleDefinition(d);
      if (shaped) found.set(shaped.name, shaped);
    }
    return found;
  }
}

export function toRoleDefinition(d: ArmRoleDefinition): RoleDefinition | undefined {
  const name = (d.name ?? (d.id ? roleGuidOf(d.id) : '')).toLowerCase();
  if (!name || !d.roleName) return undefined;
  const permissions = (d.permissions ?? []).map((p) => ({
    actions: p.actions ?? [],
    notActions: p.notActions ?? [],
    dataActions: p.dataActions ?? [],
    notDataActions: p.notDataActions ?? [],
  }));
  const containerRegistry =
    permissions.some((p) =>
      [...p.actions, ...p.dataActions].some((a) => a.toLowerCase().startsWith(ACR_ACTION_PREFIX)),
    ) || d.roleName.startsWith('Acr');
  return {
    name,
    roleName: d.roleName,
    description: d.description ?? '',
    roleType: d.roleType ?? 'BuiltInRole',
    category: PRIVILEGED.has(name) ? 'privileged' : 'jobFunction',
    containerRegistry,
    permissions,
    grants: accessFrom(permissions),
  };
}
