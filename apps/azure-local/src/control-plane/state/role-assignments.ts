import type { Db } from './db.ts';

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup' | 'Device';

export interface RoleAssignment {
  /** GUID; the assignment's ARM id is `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
  name: string;
  scope: string;
  /** GUID of the role definition. */
  roleDefinitionId: string;
  principalId: string;
  principalType: PrincipalType;
  description: string | null;
  condition: string | null;
  conditionVersion: string | null;
  createdOn: string;
  updatedOn: string;
  createdBy: string | null;
  updatedBy: string | null;
}

interface Row {
  name: string;
  scope: string;
  role_definition_id: string;
  principal_id: string;
  principal_type: PrincipalType;
  description: string | null;
  condition: string | null;
  condition_version: string | null;
  created_on: string;
  updated_on: string;
  created_by: string | null;
  updated_by: string | null;
}

function fromRow(r: Row): RoleAssignment {
  return {
    name: r.name,
    scope: r.scope,
    roleDefinitionId: r.role_definition_id,
    principalId: r.principal_id,
    principalType: r.principal_type,
    description: r.description,
    condition: r.condition,
    conditionVersion: r.condition_version,
    createdOn: r.created_on,
    updatedOn: r.updated_on,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
  };
}

export class RoleAssignmentStore {
  constructor(private readonly db: Db) {}

  all(): RoleAssignment[] {
    return (this.db.prepare('SELECT * FROM role_assignments ORDER BY created_on, name').all() as Row[]).map(
      fromRow,
    );
  }

  get(name: string): RoleAssignment | undefined {
    const row = this.db.prepare('SELECT * FROM role_assignments WHERE name = ?').get(name) as Row | undefined;
    return row && fromRow(row);
  }

  forPrincipals(principalIds: string[]): RoleAssignment[] {
    if (principalIds.length === 0) return [];
    const lower = new Set(principalIds.map((id) => id.toLowerCase()));
    return this.all().filter((a) => lower.has(a.principalId.toLowerCase()));
  }

  findDuplicate(scope: string, principalId: string, roleDefinitionId: string): RoleAssignment | undefined {
    const row = this.db
      .prepare(
        'SELECT * FROM role_assignments WHERE scope = ? AND principal_id = ? AND role_definition_id = ?',
      )
      .get(scope, principalId, roleDefinitionId) as Row | undefined;
    return row && fromRow(row);
  }

  insert(a: RoleAssignment): void {
    this.db
      .prepare(
        `INSERT INTO role_assignments (name, scope, role_definition_id, principal_id, principal_type, description, condition,
           condition_version, created_on, updated_on, created_by, updated_by)
         VALUES (@name, @scope, @roleDefinitionId, @principalId, @principalType, @description, @condition,
           @conditionVersion, @createdOn, @updatedOn, @createdBy, @updatedBy)`,
      )
      .run(a);
  }

  update(a: RoleAssignment): void {
    this.db
      .prepare(
        `UPDATE role_assignments SET description = @description, condition = @condition, condition_version = @conditionVersion,
           updated_on = @updatedOn, updated_by = @updatedBy WHERE name = @name`,
      )
      .run(a);
  }

  remove(name: string): void {
    this.db.prepare('DELETE FROM role_assignments WHERE name = ?').run(name);
  }

  /** Removes every assignment at the scope or below it (registry deletion). */
  removeAtOrBelow(scope: string): void {
    // Prefix comparison without LIKE (scope names may contain `_`, a LIKE wildcard).
    this.db
      .prepare(
        "DELETE FROM role_assignments WHERE scope = @scope OR lower(substr(scope, 1, length(@scope) + 1)) = lower(@scope || '/')",
      )
      .run({ scope });
  }
}
