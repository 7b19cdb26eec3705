/** ARM scopes: `/`, `/subscriptions/{s}`, `.../resourceGroups/{g}`, `.../providers/{ns}/{type}/{name}`. */

export function normalizeScope(scope: string): string {
  const collapsed = `/${scope.split('/').filter(Boolean).join('/')}`;
  return collapsed;
}

/** True if `ancestor` is `scope` or above it in the tree (case-insensitive, segment-aware). */
export function scopeContains(ancestor: string, scope: string): boolean {
  const a = normalizeScope(ancestor).toLowerCase();
  const s = normalizeScope(scope).toLowerCase();
  return a === '/' || s === a || s.startsWith(`${a}/`);
}

export interface ParsedScope {
  kind: 'root' | 'subscription' | 'resourceGroup' | 'registry' | 'other';
  subscriptionId?: string;
  resourceGroup?: string;
  registryName?: string;
}

export function parseScope(scope: string): ParsedScope {
  const parts = normalizeScope(scope).split('/').filter(Boolean);
  if (parts.length === 0) return { kind: 'root' };
  if (parts[0]?.toLowerCase() !== 'subscriptions' || !parts[1]) return { kind: 'other' };
  const subscriptionId = parts[1];
  if (parts.length === 2) return { kind: 'subscription', subscriptionId };
  if (parts[2]?.toLowerCase() !== 'resourcegroups' || !parts[3]) return { kind: 'other', subscriptionId };
  const resourceGroup = parts[3];
  if (parts.length === 4) return { kind: 'resourceGroup', subscriptionId, resourceGroup };
  if (
    parts.length === 8 &&
    parts[4]?.toLowerCase() === 'providers' &&
    parts[5]?.toLowerCase() === 'microsoft.containerregistry' &&
    parts[6]?.toLowerCase() === 'registries'
  ) {
    return { kind: 'registry', subscriptionId, resourceGroup, registryName: parts[7] };
  }
  return { kind: 'other', subscriptionId, resourceGroup };
}
