import type { RoleAssignment } from '@ctp/contracts';

export type ScopeFilter = 'all' | 'thisResource' | 'inherited';
export type TypeFilter = 'all' | 'User' | 'Group' | 'ServicePrincipal' | 'Unknown';

export interface AssignmentFilters {
  search: string;
  /** A role definition GUID, or 'all'. */
  role: string;
  type: TypeFilter;
  scope: ScopeFilter;
}

export const noFilters: AssignmentFilters = { search: '', role: 'all', type: 'all', scope: 'all' };

function matchesSearch(a: RoleAssignment, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  const p = a.principal;
  return [p.displayName, p.userPrincipalName, p.mail, p.appId, p.id, a.roleName]
    .filter((v): v is string => !!v)
    .some((v) => v.toLowerCase().includes(needle));
}

export function filterAssignments(all: RoleAssignment[], f: AssignmentFilters): RoleAssignment[] {
  return all.filter(
    (a) =>
      matchesSearch(a, f.search) &&
      (f.role === 'all' || a.roleDefinitionId === f.role) &&
      (f.type === 'all' ||
        a.principal.type === f.type ||
        (f.type === 'Group' && a.principal.type === 'ForeignGroup')) &&
      (f.scope === 'all' || (f.scope === 'inherited') === a.inherited),
  );
}

/** Assignments grouped by role as the portal shows them (role name order), each with its count. */
export function groupByRole(
  assignments: RoleAssignment[],
): Array<{ roleName: string; roleId: string; rows: RoleAssignment[] }> {
  const groups = new Map<string, { roleName: string; roleId: string; rows: RoleAssignment[] }>();
  for (const a of assignments) {
    const group = groups.get(a.roleDefinitionId) ?? {
      roleName: a.roleName,
      roleId: a.roleDefinitionId,
      rows: [],
    };
    group.rows.push(a);
    groups.set(a.roleDefinitionId, group);
  }
  return [...groups.values()].sort((x, y) => x.roleName.localeCompare(y.roleName));
}
