import type { AssignmentOrigin } from '@ctp/contracts';

/**
 * arm-authorization builds `{endpoint}/{scope}/providers/…`: a scope with its leading slash would
 * make `//subscriptions/…`, so the SDK gets scopes without it.
 */
export function sdkScope(scope: string): string {
  return scope.replace(/^\/+/, '');
}

/** ARM compares scopes case-insensitively, segment by segment. */
export function sameScope(a: string, b: string): boolean {
  return trimmed(a).toLowerCase() === trimmed(b).toLowerCase();
}

/** True if `ancestor` is `scope` itself or above it (`/` contains everything). */
export function scopeContains(ancestor: string, scope: string): boolean {
  const a = trimmed(ancestor).toLowerCase();
  const s = trimmed(scope).toLowerCase();
  return a === '' || s === a || s.startsWith(`${a}/`);
}

function trimmed(scope: string): string {
  return scope.replace(/\/+$/, '');
}

/** Where an assignment applying at `registryScope` comes from, and the name the portal shows for it. */
export function originOf(
  assignmentScope: string,
  registryScope: string,
  subscriptionName?: string,
): { origin: AssignmentOrigin; originName: string } {
  if (sameScope(assignmentScope, registryScope))
    return { origin: 'thisResource', originName: 'This resource' };
  const parts = assignmentScope.split('/').filter(Boolean);
  if (parts.length === 0) return { origin: 'root', originName: 'Root (/)' };
  if (parts[0]?.toLowerCase() === 'providers' && parts[1]?.toLowerCase() === 'microsoft.management') {
    return { origin: 'managementGroup', originName: parts[3] ?? assignmentScope };
  }
  if (parts[0]?.toLowerCase() === 'subscriptions' && parts.length === 2) {
    return { origin: 'subscription', originName: subscriptionName ?? parts[1]! };
  }
  if (parts[2]?.toLowerCase() === 'resourcegroups' && parts.length === 4) {
    return { origin: 'resourceGroup', originName: parts[3]! };
  }
  // Anything else at or above a registry would be odd; show the scope itself.
  return { origin: 'resourceGroup', originName: assignmentScope };
}

/** The last segment of a role definition id (`…/roleDefinitions/{guid}`), lower-cased. */
export function roleGuidOf(roleDefinitionId: string): string {
  return (roleDefinitionId.split('/').pop() ?? roleDefinitionId).toLowerCase();
}
