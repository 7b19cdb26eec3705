import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  checkAccessSchema,
  principalListSchema,
  registryApiPath,
  roleAssignmentListSchema,
  roleAssignmentSchema,
  roleDefinitionListSchema,
  signerListSchema,
  type CreateRoleAssignment,
  type PrincipalSearchKind,
  type RegistryRef,
} from '@ctp/contracts';
import { registryKeys } from '../../api/query-keys.ts';
import { useApi, type Api } from '../../api/use-api.ts';

/** Query keys of the blade, below the registry's: invalidating `all` refreshes every view of it. */
export const accessControlKeys = {
  all: (ref: RegistryRef) => [...registryKeys.detail(ref), 'access-control'] as const,
  assignments: (ref: RegistryRef) => [...accessControlKeys.all(ref), 'role-assignments'] as const,
  roles: (ref: RegistryRef) => [...accessControlKeys.all(ref), 'role-definitions'] as const,
  signers: (ref: RegistryRef) => [...accessControlKeys.all(ref), 'signers'] as const,
  checkAccess: (ref: RegistryRef, principalId: string) =>
    [...accessControlKeys.all(ref), 'check-access', principalId.toLowerCase()] as const,
  principals: (ref: RegistryRef, search: string, kind: PrincipalSearchKind) =>
    [...accessControlKeys.all(ref), 'principals', kind, search] as const,
};

const base = (ref: RegistryRef) => `${registryApiPath(ref)}/access-control`;

const checkAccessQuery = (api: Api, ref: RegistryRef, principalId: string) =>
  queryOptions({
    queryKey: accessControlKeys.checkAccess(ref, principalId),
    queryFn: ({ signal }) =>
      api.get(`${base(ref)}/check-access?principalId=${encodeURIComponent(principalId)}`, checkAccessSchema, {
        signal,
      }),
  });

export function useRoleAssignments(ref: RegistryRef, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: accessControlKeys.assignments(ref),
    queryFn: ({ signal }) => api.get(`${base(ref)}/role-assignments`, roleAssignmentListSchema, { signal }),
    enabled,
  });
}

export function useRoleDefinitions(ref: RegistryRef, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: accessControlKeys.roles(ref),
    queryFn: ({ signal }) => api.get(`${base(ref)}/role-definitions`, roleDefinitionListSchema, { signal }),
    staleTime: 10 * 60_000, // role definitions hardly change
    enabled,
  });
}

export function useSigners(ref: RegistryRef, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: accessControlKeys.signers(ref),
    queryFn: ({ signal }) => api.get(`${base(ref)}/signers`, signerListSchema, { signal }),
    enabled,
  });
}

/** The member picker's Graph search (the text is already debounced by the picker). */
export function usePrincipalSearch(
  ref: RegistryRef,
  search: string,
  enabled: boolean,
  kind: PrincipalSearchKind = 'all',
) {
  const api = useApi();
  return useQuery({
    queryKey: accessControlKeys.principals(ref, search, kind),
    queryFn: ({ signal }) =>
      api.get(`${base(ref)}/principals?${new URLSearchParams({ search, kind })}`, principalListSchema, {
        signal,
      }),
    enabled,
    staleTime: 30_000,
  });
}

export function useCheckAccess(ref: RegistryRef, principalId: string | undefined) {
  const api = useApi();
  return useQuery({ ...checkAccessQuery(api, ref, principalId ?? ''), enabled: !!principalId });
}

/** Check access for several principals at once (whether wizard members can push already). */
export function useCheckAccessMany(ref: RegistryRef, principalIds: string[]) {
  const api = useApi();
  return useQueries({ queries: principalIds.map((id) => checkAccessQuery(api, ref, id)) });
}

/** After any change, every view of the blade is stale (list, signers, check access). */
function useInvalidateBlade(ref: RegistryRef) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: accessControlKeys.all(ref) });
}

export function useCreateRoleAssignment(ref: RegistryRef) {
  const api = useApi();
  const invalidate = useInvalidateBlade(ref);
  return useMutation({
    mutationFn: (body: CreateRoleAssignment) =>
      api.send('POST', `${base(ref)}/role-assignments`, { body, schema: roleAssignmentSchema }),
    onSettled: invalidate,
  });
}

export function useRemoveRoleAssignment(ref: RegistryRef) {
  const api = useApi();
  const invalidate = useInvalidateBlade(ref);
  return useMutation({
    mutationFn: (assignmentName: string) =>
      api.send('DELETE', `${base(ref)}/role-assignments/${encodeURIComponent(assignmentName)}`, {
        schema: roleAssignmentSchema,
      }),
    onSettled: invalidate,
  });
}
