// Notary's delegation rules: valid role names, direct children only, keys taken from the parent,
// path prefixes restricted by the parent's effective paths.
import type { DelegationRoleDoc, TargetsSigned } from '../metadata/schemas.ts';

const ROLE_CHARS = /^[-a-z0-9_/]+$/;

function cleanPath(p: string): string {
  // Enough of Go's path.Clean for the comparison `Clean(x) == x`: a clean name has no empty,
  // `.` or `..` segments and no trailing slash.
  const parts = p.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..')) return '';
  return p;
}

export function isDelegationName(name: string): boolean {
  return (
    name.startsWith('targets/') && ROLE_CHARS.test(name) && name.length < 256 && cleanPath(name) === name
  );
}

export function parentOf(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '.' : name.slice(0, i);
}

/** Notary rejects a targets file declaring a role that is not a valid direct child. */
export function checkDeclaredRoles(roleName: string, signed: TargetsSigned): string | undefined {
  for (const role of signed.delegations?.roles ?? []) {
    if (!isDelegationName(role.name) || parentOf(role.name) !== roleName) {
      return `${roleName} declares an invalid delegation role "${role.name}"`;
    }
  }
  return undefined;
}

export function restrictPaths(parentPaths: string[], childPaths: string[]): string[] {
  return childPaths.filter((p) => parentPaths.some((parent) => p.startsWith(parent)));
}

export function pathAllowed(target: string, paths: string[]): boolean {
  return paths.some((p) => target.startsWith(p));
}

/** Children Notary would load/walk from this file: first declaration per name, all keys present. */
export function validChildren(signed: TargetsSigned): DelegationRoleDoc[] {
  const keys = signed.delegations?.keys ?? {};
  const seen = new Set<string>();
  const out: DelegationRoleDoc[] = [];
  for (const role of signed.delegations?.roles ?? []) {
    if (seen.has(role.name)) continue;
    seen.add(role.name);
    if (role.keyids.every((id) => Object.hasOwn(keys, id))) out.push(role);
  }
  return out;
}
