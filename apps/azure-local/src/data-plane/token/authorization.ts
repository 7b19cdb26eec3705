import type { ControlPlanePort, DataPlaneCaller, RegistryRecord } from '../../ports.ts';
import { isValidRepositoryName, type Scope, ScopeError } from './scopes.ts';
import type { AccessEntry } from './issuer.ts';

/** What a caller may do on one registry, derived from RBAC permissions (never from role names). */
export interface RegistryRights {
  pull: boolean;
  push: boolean;
  delete: boolean;
  /** Push of trust data (notary publish): only an explicit AcrImageSigner-style permission grants it. */
  trustPush: boolean;
}

const NONE: RegistryRights = { pull: false, push: false, delete: false, trustPush: false };

export const ACR_ACTIONS = {
  pull: 'Microsoft.ContainerRegistry/registries/pull/read',
  push: 'Microsoft.ContainerRegistry/registries/push/write',
  delete: 'Microsoft.ContainerRegistry/registries/artifacts/delete',
  trustedCollectionsWrite: 'Microsoft.ContainerRegistry/registries/trustedCollections/write',
} as const;

/** ARM action patterns: case-insensitive; a star matches any run of characters (e.g. Owner star, Reader star-slash-read). */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return regex.test(action);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function holds(patterns: string[], action: string): boolean {
  return patterns.some((p) => actionMatches(p, action));
}

function holdsExplicitly(patterns: string[], action: string): boolean {
  return patterns.some((p) => p.toLowerCase() === action.toLowerCase());
}

export function rightsOf(
  caller: DataPlaneCaller,
  registry: RegistryRecord,
  controlPlane: ControlPlanePort,
): RegistryRights {
  switch (caller.kind) {
    case 'anonymous':
      return NONE;
    case 'registry-admin':
      // The admin account pushes and pulls, but ACR never lets it push trust data.
      return caller.registry === registry.name && registry.adminUserEnabled
        ? { pull: true, push: true, delete: true, trustPush: false }
        : NONE;
    case 'principal': {
      const { actions, dataActions } = controlPlane.permissionsAt(caller.objectId, registry.resourceId);
      // Signing is the data action AcrImageSigner carries. Data actions are never granted by an `actions`
      // wildcard, so Owner's `*` (which covers the control-plane action sign/write) does not sign, as in
      // ACR; and never for a classic subscription administrator.
      const explicitSigner = holdsExplicitly(dataActions, ACR_ACTIONS.trustedCollectionsWrite);
      return {
        pull: holds(actions, ACR_ACTIONS.pull),
        push: holds(actions, ACR_ACTIONS.push),
        delete: holds(actions, ACR_ACTIONS.delete),
        trustPush: explicitSigner && !controlPlane.isClassicAdministrator(caller.objectId),
      };
    }
  }
}

/** Which resource a repository scope names on this registry: a registry path or a GUN (trust data). */
export type ScopeTarget =
  { kind: 'repository'; repository: string } | { kind: 'gun'; repository: string; gun: string };

export function classifyScopeName(name: string, loginServer: string): ScopeTarget {
  const prefix = `${loginServer}/`;
  if (name.startsWith(prefix)) {
    const repository = name.slice(prefix.length);
    if (!isValidRepositoryName(repository))
      throw new ScopeError(`"${repository}" is not a valid repository name`);
    return { kind: 'gun', repository, gun: name };
  }
  if (!isValidRepositoryName(name)) {
    throw new ScopeError(
      name.includes(':') || name.split('/')[0]?.includes('.')
        ? `scope names "${name}", which is not on this registry (${loginServer}); GUNs here start with ${prefix}`
        : `"${name}" is not a valid repository name`,
    );
  }
  return { kind: 'repository', repository: name };
}

/** The access entries granted for the requested scopes: requested ∩ allowed; unknown actions are dropped. */
export function grantAccess(scopes: Scope[], rights: RegistryRights, loginServer: string): AccessEntry[] {
  const granted: AccessEntry[] = [];
  for (const scope of scopes) {
    let allowed: string[];
    if (scope.type === 'registry') {
      if (scope.name !== 'catalog')
        throw new ScopeError(`unknown registry resource "${scope.name}" (only registry:catalog:*)`);
      allowed = rights.pull ? ['*'] : [];
    } else if (scope.type === 'repository' || scope.type.startsWith('repository(')) {
      const target = classifyScopeName(scope.name, loginServer);
      allowed =
        target.kind === 'gun'
          ? [
              ...(rights.pull || rights.trustPush ? ['pull'] : []),
              ...(rights.trustPush ? ['push'] : []),
              ...(rights.trustPush && rights.pull ? ['*'] : []),
            ]
          : [
              ...(rights.pull ? ['pull'] : []),
              ...(rights.push ? ['push'] : []),
              ...(rights.delete ? ['delete'] : []),
              ...(rights.pull && rights.push && rights.delete ? ['*'] : []),
            ];
    } else {
      throw new ScopeError(`unknown resource type "${scope.type}" (expected repository or registry)`);
    }
    const actions = scope.actions.filter((a) => allowed.includes(a));
    if (actions.length > 0) granted.push({ type: scope.type, name: scope.name, actions });
  }
  return granted;
}
