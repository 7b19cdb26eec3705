// Notary's Repo.WalkTargets and GetTargetByName over a verified view (breadth-first from `targets`,
// only verified roles, effective paths as restricted when loaded).
import { pathAllowed } from '../verify/delegations.ts';
import type { TargetInfo, TargetsRoleView, TrustView } from '../verify/types.ts';

function isAncestorRole(child: string, ancestor: string): boolean {
  return ancestor === '' || ancestor === child || child.startsWith(ancestor + '/');
}

/** Visits roles like WalkTargets; the visitor returns true to stop. */
export function walkTargets(
  view: TrustView,
  targetPath: string,
  rolePath: string,
  visit: (role: TargetsRoleView) => boolean,
  skipRoles: string[] = [],
): void {
  const byName = new Map(view.targetsRoles.map((r) => [r.name, r]));
  const queue: TargetsRoleView[] = [];
  const start = byName.get('targets');
  if (start) queue.push(start);
  while (queue.length > 0) {
    const role = queue.shift()!;
    if (role.status !== 'verified') continue; // not in the loaded repo: Notary skips it and its subtree
    const children = role.children
      .map((n) => byName.get(n))
      .filter((r): r is TargetsRoleView => r !== undefined);
    if (rolePath.startsWith(role.name + '/')) {
      queue.push(...children);
      continue;
    }
    const pathOk = targetPath === '' || pathAllowed(targetPath, role.paths);
    // A role that is not visited (wrong path, outside rolePath, skipped) is not descended into either.
    if (pathOk && isAncestorRole(role.name, rolePath) && !skipRoles.includes(role.name)) {
      if (visit(role)) return;
      queue.push(...children);
    }
  }
}

export interface TargetWithRole {
  target: TargetInfo;
  role: string;
}

/** Notary's GetTargetByName(name, roles...): the first role (in priority order) holding `name`. */
export function getTargetByName(
  view: TrustView,
  name: string,
  roles: string[] = ['targets'],
): TargetWithRole | undefined {
  for (const role of roles) {
    const skip = roles.filter((r) => r !== role);
    let found: TargetWithRole | undefined;
    walkTargets(
      view,
      name,
      role,
      (r) => {
        const target = Object.hasOwn(r.targets, name) ? r.targets[name] : undefined;
        if (target) found = { target, role: r.name };
        return found !== undefined;
      },
      skip,
    );
    if (found) return found;
  }
  return undefined;
}

/** Notary's GetAllTargetMetadataByName: every (role, target) pair, `name` '' meaning all targets. */
export function allTargetsByName(view: TrustView, name: string): TargetWithRole[] {
  const out: TargetWithRole[] = [];
  walkTargets(view, name, '', (role) => {
    if (name === '') for (const target of Object.values(role.targets)) out.push({ target, role: role.name });
    else if (Object.hasOwn(role.targets, name)) out.push({ target: role.targets[name]!, role: role.name });
    return false;
  });
  return out;
}
