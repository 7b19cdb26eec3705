import type { DirectoryStore } from '../state/directory.ts';
import type { RoleAssignment, RoleAssignmentStore } from '../state/role-assignments.ts';
import { actionMatches } from './action-match.ts';
import {
  findRoleDefinition,
  KNOWN_ACTIONS,
  KNOWN_DATA_ACTIONS,
  ROLE_IDS,
  type RoleDefinition,
} from './role-definitions.ts';
import { parseScope, scopeContains } from './scope.ts';

/** One role that applies to a principal at a scope, and why (which assignment, or classic admin). */
export interface AppliedRole {
  definition: RoleDefinition;
  assignment?: RoleAssignment;
  /** 'classic-administrator' when the role comes from the classic subscription administrator role. */
  source: 'assignment' | 'classic-administrator';
}

/**
 * Evaluates Azure RBAC: the roles assigned to a principal (directly or through its groups) at a scope
 * or above it; an action is allowed if some role has a matching action and the same permission block
 * has no matching notAction. Classic subscription administrators have Owner-equivalent access at their
 * subscription, as in Azure.
 */
export class Authorizer {
  constructor(
    private readonly assignments: RoleAssignmentStore,
    private readonly directory: DirectoryStore,
  ) {}

  rolesAt(principalId: string, scope: string): AppliedRole[] {
    const principals = [principalId, ...this.directory.groupsOf(principalId)];
    const roles: AppliedRole[] = [];
    for (const assignment of this.assignments.forPrincipals(principals)) {
      if (!scopeContains(assignment.scope, scope)) continue;
      const definition = findRoleDefinition(assignment.roleDefinitionId);
      if (definition) roles.push({ definition, assignment, source: 'assignment' });
    }
    const principal = this.directory.get(principalId);
    if (principal?.classicAdminRole && parseScope(scope).subscriptionId) {
      roles.push({ definition: findRoleDefinition(ROLE_IDS.Owner)!, source: 'classic-administrator' });
    }
    return roles;
  }

  isAllowed(principalId: string, scope: string, action: string): boolean {
    return grants(this.rolesAt(principalId, scope), action, 'actions');
  }

  isDataAllowed(principalId: string, scope: string, dataAction: string): boolean {
    return grants(this.rolesAt(principalId, scope), dataAction, 'dataActions');
  }

  /** Concrete (wildcard-free) actions and dataActions the principal has at the scope. */
  permissionsAt(principalId: string, scope: string): { actions: string[]; dataActions: string[] } {
    const roles = this.rolesAt(principalId, scope);
    return {
      actions: KNOWN_ACTIONS.filter((a) => grants(roles, a, 'actions')),
      dataActions: KNOWN_DATA_ACTIONS.filter((a) => grants(roles, a, 'dataActions')),
    };
  }

  /** True if the principal has any assignment within the subscription (what ARM's subscription list shows). */
  hasAnyAccessIn(principalId: string, subscriptionId: string): boolean {
    const principals = [principalId, ...this.directory.groupsOf(principalId)];
    const sub = `/subscriptions/${subscriptionId}`;
    if (this.directory.get(principalId)?.classicAdminRole) return true;
    return this.assignments.forPrincipals(principals).some((a) => scopeContains(sub, a.scope));
  }
}

function grants(roles: AppliedRole[], action: string, kind: 'actions' | 'dataActions'): boolean {
  const notKind = kind === 'actions' ? 'notActions' : 'notDataActions';
  return roles.some((role) =>
    role.definition.permissions.some(
      (p) =>
        p[kind].some((a) => actionMatches(a, action)) && !p[notKind].some((n) => actionMatches(n, action)),
    ),
  );
}
