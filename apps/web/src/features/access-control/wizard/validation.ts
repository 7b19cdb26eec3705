import type { Principal, RoleAssignment, RoleDefinition } from '@ctp/contracts';

/** Why a member cannot receive the chosen role here (shown beside the member, and blocks Review + assign). */
export type MemberRefusal =
  { code: 'classicAdministrator' } | { code: 'alreadyAssigned' } | { code: 'notFound' };

export interface WizardState {
  role?: RoleDefinition;
  members: Principal[];
  description: string;
}

export interface WizardValidation {
  /** Role tab: a role must be picked. */
  role?: 'noRole';
  /** Members tab: at least one member, none refused. */
  members?: 'noMember' | 'refusedMember';
  refusals: Map<string, MemberRefusal>;
  descriptionTooLong: boolean;
  canSubmit: boolean;
}

export const MAX_DESCRIPTION = 2048;

/**
 * The same rules the BFF enforces, checked before submitting: a role, a member, no member that can
 * never receive it (classic administrators and trusted push), none that already has it here.
 */
export function refusalOf(
  member: Principal,
  role: RoleDefinition | undefined,
  existing: RoleAssignment[],
): MemberRefusal | undefined {
  if (!member.found) return { code: 'notFound' };
  if (!role) return undefined;
  if (role.grants.canSign && member.classicAdministrator) return { code: 'classicAdministrator' };
  const duplicate = existing.some(
    (a) =>
      !a.inherited &&
      a.roleDefinitionId === role.name &&
      a.principal.id.toLowerCase() === member.id.toLowerCase(),
  );
  return duplicate ? { code: 'alreadyAssigned' } : undefined;
}

export function validateWizard(state: WizardState, existing: RoleAssignment[]): WizardValidation {
  const refusals = new Map<string, MemberRefusal>();
  for (const m of state.members) {
    const refusal = refusalOf(m, state.role, existing);
    if (refusal) refusals.set(m.id, refusal);
  }
  const role = state.role ? undefined : ('noRole' as const);
  const members =
    state.members.length === 0
      ? ('noMember' as const)
      : refusals.size > 0
        ? ('refusedMember' as const)
        : undefined;
  const descriptionTooLong = state.description.length > MAX_DESCRIPTION;
  return {
    ...(role ? { role } : {}),
    ...(members ? { members } : {}),
    refusals,
    descriptionTooLong,
    canSubmit: !role && !members && !descriptionTooLong,
  };
}
