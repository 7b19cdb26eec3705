import { DELEGATED_SCOPES, RESOURCES, type ResourceKey } from '../constants.ts';

/** Aliases Entra accepts for the same resource (ARM's v1 name, trailing slashes). */
const ALIASES: Record<string, ResourceKey> = {
  'https://management.core.windows.net': 'arm',
  'https://management.azure.com': 'arm',
  'https://graph.microsoft.com': 'graph',
  'https://containerregistry.azure.net': 'acr',
  'api://content-trust-bff': 'bff',
};

/** Graph scopes may be requested without the resource prefix (MSAL's `User.Read`). */
const BARE_GRAPH_SCOPES = new Set(DELEGATED_SCOPES.graph.map((s) => s.toLowerCase()));

export function resourceKeyOf(resource: string): ResourceKey | undefined {
  return ALIASES[resource.replace(/\/+$/, '').toLowerCase()];
}

/** The resource a scope string belongs to (`https://management.azure.com/.default` → arm). */
export function resourceOfScope(scope: string): ResourceKey | undefined {
  if (BARE_GRAPH_SCOPES.has(scope.toLowerCase())) return 'graph';
  const slash = scope.lastIndexOf('/');
  if (slash <= 0) return undefined;
  return resourceKeyOf(scope.slice(0, slash));
}

/** The short scope name inside a resource (`.../user_impersonation` → `user_impersonation`). */
export function shortScopeName(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash < 0 ? scope : scope.slice(slash + 1);
}

/** Every scope string a resource accepts: `<resource>/<name>`, `<resource>/.default`, and bare Graph names. */
export function scopesOfResource(key: ResourceKey): string[] {
  const base = RESOURCES[key];
  const names = [...DELEGATED_SCOPES[key], '.default'];
  const scopes = names.flatMap((n) => [`${base}/${n}`, `${base}//${n}`]);
  if (key === 'arm') scopes.push(...names.map((n) => `https://management.core.windows.net/${n}`));
  if (key === 'graph') scopes.push(...DELEGATED_SCOPES.graph);
  return scopes;
}

export function resourcesInScope(scope: string | undefined): ResourceKey[] {
  const keys = (scope ?? '')
    .split(' ')
    .filter(Boolean)
    .map(resourceOfScope)
    .filter((k): k is ResourceKey => k !== undefined);
  return [...new Set(keys)];
}

/** The resource part of the first scope that names a resource this tenant does not have (`https://x/.default`). */
export function unknownResourceOf(scope: string | undefined): string | undefined {
  for (const s of (scope ?? '').split(' ').filter(Boolean)) {
    const slash = s.lastIndexOf('/');
    if (slash > 0 && resourceOfScope(s) === undefined) return s.slice(0, slash);
  }
  return undefined;
}
