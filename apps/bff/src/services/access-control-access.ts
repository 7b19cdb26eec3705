import type { CheckAccess, Principal, RegistryAccess, Signer } from '@ctp/contracts';
import type { PermissionSet } from '../azure/permissions.ts';
import { NotFound } from '../errors.ts';
import { describe, type RoleAssignmentService } from './access-control-assignments.ts';
import { isRegistryAdminAccount } from './access-control-principals.ts';
import { accessFrom, grantsSigning } from './access-control-roles.ts';

/** Azure gives classic subscription administrators Owner-equivalent access at their subscription. */
const CLASSIC_ADMINISTRATOR_PERMISSIONS: PermissionSet[] = [{ actions: ['*'] }];

const CLASSIC_ADMIN_CANNOT_SIGN =
  'A classic subscription administrator: Azure Container Registry never grants trusted push to classic administrators, whatever roles they hold.';
const ADMIN_ACCOUNT_CANNOT_SIGN =
  "The registry's admin account: the login server never grants it trusted push.";

/** Check access and "signers at a glance": what identities may do here, from their roles' permissions. */
export class RegistryAccessService {
  constructor(private readonly assignments: RoleAssignmentService) {}

  /** Every role the principal holds at this scope (directly or through a group) and what it means. */
  async check(principalId: string): Promise<CheckAccess> {
    const principal = await this.assignments.directory.get(principalId);
    if (!principal) {
      throw new NotFound(
        `No user, group or service principal with object id ${principalId} exists in the directory.`,
        'PrincipalNotFound',
      );
    }
    const held = await this.assignments.armAssignments(principal.id);
    const groups = await this.assignments.directory.resolve(
      held.flatMap((a) =>
        a.principalId && a.principalId.toLowerCase() !== principal.id.toLowerCase() ? [a.principalId] : [],
      ),
    );
    const shaped = await this.assignments.shape(
      held,
      new Map([[principal.id.toLowerCase(), principal], ...groups]),
    );
    const roles = await this.assignments.roles.all();
    const permissions = shaped.flatMap((a) => roles.get(a.roleDefinitionId)?.permissions ?? []);
    const { access, blockedReason } = effectiveAccess(principal, permissions);
    return {
      principal,
      assignments: shaped.map((a) =>
        a.principal.id.toLowerCase() === principal.id.toLowerCase()
          ? a
          : { ...a, principal, viaGroup: a.principal },
      ),
      access,
      ...(blockedReason ? { signingBlockedReason: blockedReason } : {}),
    };
  }

  /** Identities whose roles here carry trusted push, with the assignments that give it. */
  async signers(): Promise<Signer[]> {
    const all = await this.assignments.list();
    const roles = await this.assignments.roles.all();
    const permissionsOf = (roleGuid: string) => roles.get(roleGuid)?.permissions ?? [];
    const byPrincipal = new Map<string, typeof all>();
    for (const a of all) {
      const key = a.principal.id.toLowerCase();
      byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), a]);
    }
    const signers: Signer[] = [];
    for (const held of byPrincipal.values()) {
      const signing = held.filter((a) => grantsSigning(permissionsOf(a.roleDefinitionId)));
      if (signing.length === 0) continue;
      const principal = held[0]!.principal;
      const { access, blockedReason } = effectiveAccess(
        principal,
        held.flatMap((a) => permissionsOf(a.roleDefinitionId)),
      );
      signers.push({
        principal,
        assignments: signing,
        canPush: access.canPush,
        ...(blockedReason ? { blockedReason } : {}),
      });
    }
    return signers.sort((a, b) => describe(a.principal).localeCompare(describe(b.principal)));
  }
}

/** Access from the roles' permissions; classic administrators add Owner-equivalence and never sign. */
export function effectiveAccess(
  principal: Principal,
  permissions: PermissionSet[],
): { access: RegistryAccess; blockedReason?: string } {
  const classic = principal.classicAdministrator === true;
  const access = accessFrom(classic ? [...permissions, ...CLASSIC_ADMINISTRATOR_PERMISSIONS] : permissions);
  const carriesSigning = grantsSigning(permissions);
  const blockedReason = classic
    ? CLASSIC_ADMIN_CANNOT_SIGN
    : isRegistryAdminAccount(principal)
      ? ADMIN_ACCOUNT_CANNOT_SIGN
      : undefined;
  if (blockedReason)
    return { access: { ...access, canSign: false }, ...(carriesSigning || classic ? { blockedReason } : {}) };
  return { access };
}
