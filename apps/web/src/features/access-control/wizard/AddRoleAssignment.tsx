import { builtInRoleIds, registryResourceId, type Principal, type RegistryRef } from '@ctp/contracts';
import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../../api/http.ts';
import { useAccessControlT } from '../i18n.ts';
import {
  useCheckAccessMany,
  useCreateRoleAssignment,
  usePrincipalSearch,
  useRoleAssignments,
  useRoleDefinitions,
} from '../queries.ts';
import {
  AddRoleAssignmentWizard,
  type AssignmentFailure,
  type AssignmentPlan,
} from './AddRoleAssignmentWizard.tsx';
import type { PushStatus } from './MembersTab.tsx';

const message = (error: unknown) =>
  error instanceof ApiError
    ? (error.detail ?? error.title)
    : error instanceof Error
      ? error.message
      : String(error);

/** The wizard wired to the BFF: roles, Graph search, check access of the members, then the assignments. */
export function AddRoleAssignment({
  registryRef,
  onDone,
  onCancel,
}: {
  registryRef: RegistryRef;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const t = useAccessControlT();
  const roles = useRoleDefinitions(registryRef);
  const existing = useRoleAssignments(registryRef);
  const [search, setSearch] = useState<string>();
  const results = usePrincipalSearch(registryRef, search ?? '', search !== undefined);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const checks = useCheckAccessMany(registryRef, memberIds);
  const create = useCreateRoleAssignment(registryRef);

  const pushStatus = useMemo(() => {
    const status = new Map<string, PushStatus>();
    memberIds.forEach((id, i) => {
      const data = checks[i]?.data;
      status.set(id, data ? (data.access.canPush ? 'yes' : 'no') : 'unknown');
    });
    return status;
  }, [memberIds, checks]);
  const onMembersChange = useCallback((members: Principal[]) => setMemberIds(members.map((m) => m.id)), []);
  const onSearch = useCallback((text: string) => setSearch(text), []);

  const onSubmit = async (plan: AssignmentPlan): Promise<AssignmentFailure[]> => {
    const failures: AssignmentFailure[] = [];
    const jobs = plan.members.flatMap((member) => [
      { member, roleId: plan.role.name, roleName: plan.role.roleName },
      ...(plan.alsoPush.some((m) => m.id === member.id)
        ? [{ member, roleId: builtInRoleIds.AcrPush, roleName: plan.pushRole?.roleName ?? 'AcrPush' }]
        : []),
    ]);
    for (const job of jobs) {
      try {
        await create.mutateAsync({
          roleDefinitionId: job.roleId,
          principalId: job.member.id,
          principalType:
            job.member.type === 'Group' ? 'Group' : job.member.type === 'User' ? 'User' : 'ServicePrincipal',
          ...(plan.description ? { description: plan.description } : {}),
        });
      } catch (error) {
        failures.push({ member: job.member, roleName: job.roleName, message: message(error) });
      }
    }
    const added = plan.members.filter(
      (m) => !failures.some((f) => f.member.id === m.id && f.roleName === plan.role.roleName),
    );
    if (failures.length === 0)
      onDone(t('wizard.result.done', { role: plan.role.roleName, count: added.length }));
    return failures;
  };

  return (
    <AddRoleAssignmentWizard
      registryName={registryRef.registryName}
      scope={registryResourceId(registryRef)}
      roles={{
        ...(roles.data ? { data: roles.data.value } : {}),
        loading: roles.isPending,
        ...(roles.error ? { error: message(roles.error) } : {}),
      }}
      existing={existing.data?.value ?? []}
      onSearch={onSearch}
      searchResults={{
        ...(results.data ? { data: results.data.value } : {}),
        loading: results.isFetching,
        ...(results.error ? { error: message(results.error) } : {}),
      }}
      pushStatus={pushStatus}
      onMembersChange={onMembersChange}
      onSubmit={onSubmit}
      onCancel={onCancel}
    />
  );
}
