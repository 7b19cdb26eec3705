import type { RegistryCapabilities } from '@ctp/contracts';

/** One entry of ARM's `Microsoft.Authorization/permissions` answer (or of a role definition). */
export interface PermissionSet {
  actions?: string[];
  notActions?: string[];
  dataActions?: string[];
  notDataActions?: string[];
}

/**
 * Azure RBAC's action patterns: `*` matches any run of characters, case-insensitively, `/` included
 * (so a glob library, which treats `/` specially, would be wrong). Hand-written for that reason.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/**
 * Whether a set of permission entries allows an action, as ARM evaluates them: some entry's
 * `actions` match and the same entry's `notActions` do not. Data actions are only granted by
 * `dataActions` (an `actions` wildcard such as Owner's `*` never grants one).
 */
export function allows(permissions: PermissionSet[], action: string, kind: 'action' | 'dataAction'): boolean {
  return permissions.some((p) => {
    const granted = kind === 'action' ? p.actions : p.dataActions;
    const denied = kind === 'action' ? p.notActions : p.notDataActions;
    return (
      (granted ?? []).some((g) => actionMatches(g, action)) &&
      !(denied ?? []).some((d) => actionMatches(d, action))
    );
  });
}

export const ACR_ACTIONS = {
  write: 'Microsoft.ContainerRegistry/registries/write',
  pull: 'Microsoft.ContainerRegistry/registries/pull/read',
  push: 'Microsoft.ContainerRegistry/registries/push/write',
  trustedCollectionsWrite: 'Microsoft.ContainerRegistry/registries/trustedCollections/write',
  roleAssignmentsRead: 'Microsoft.Authorization/roleAssignments/read',
  roleAssignmentsWrite: 'Microsoft.Authorization/roleAssignments/write',
  roleAssignmentsDelete: 'Microsoft.Authorization/roleAssignments/delete',
} as const;

/** What effective permissions at a registry's scope let their holder do there. */
export function registryCapabilities(permissions: PermissionSet[]): RegistryCapabilities {
  const can = (action: string) => allows(permissions, action, 'action');
  return {
    canChangeTrustPolicy: can(ACR_ACTIONS.write),
    canReadRoleAssignments: can(ACR_ACTIONS.roleAssignmentsRead),
    canAssignRoles: can(ACR_ACTIONS.roleAssignmentsWrite),
    canRemoveRoleAssignments: can(ACR_ACTIONS.roleAssignmentsDelete),
    canPull: can(ACR_ACTIONS.pull),
    canPush: can(ACR_ACTIONS.push),
    // Signing (pushing trust data) is the data action AcrImageSigner carries.
    canSign: allows(permissions, ACR_ACTIONS.trustedCollectionsWrite, 'dataAction'),
  };
}
