import { describe, expect, it } from 'vitest';
import { builtInRoleIds, type Principal, type RoleAssignment, type RoleDefinition } from '@ctp/contracts';
import { validateWizard } from './validation.ts';

const access = {
  canPull: false,
  canPush: false,
  canSign: false,
  canChangeTrustPolicy: false,
  canAssignRoles: false,
};
const role = (name: string, roleName: string, canSign = false): RoleDefinition => ({
  name,
  roleName,
  description: '',
  roleType: 'BuiltInRole',
  category: 'jobFunction',
  containerRegistry: true,
  permissions: [],
  grants: { ...access, canSign },
});
const signer = role(builtInRoleIds.AcrImageSigner, 'AcrImageSigner', true);
const push = role(builtInRoleIds.AcrPush, 'AcrPush');
const user = (id: string, extra: Partial<Principal> = {}): Principal => ({
  id,
  type: 'User',
  found: true,
  displayName: id,
  ...extra,
});
const cecil = user('cecil', { classicAdministrator: true });
const paula = user('paula');

describe('the wizard’s validation', () => {
  it('needs a role and a member', () => {
    const v = validateWizard({ members: [], description: '' }, []);
    expect(v).toMatchObject({ role: 'noRole', members: 'noMember', canSubmit: false });
    expect(validateWizard({ role: push, members: [paula], description: '' }, []).canSubmit).toBe(true);
  });

  it('refuses a classic administrator for a role that signs, not for one that only pushes', () => {
    const refused = validateWizard({ role: signer, members: [cecil, paula], description: '' }, []);
    expect(refused.members).toBe('refusedMember');
    expect([...refused.refusals]).toEqual([['cecil', { code: 'classicAdministrator' }]]);
    expect(validateWizard({ role: push, members: [cecil], description: '' }, []).canSubmit).toBe(true);
  });

  it('refuses a member who already has the role here, not one who inherits it', () => {
    const existing = (inherited: boolean) =>
      [{ roleDefinitionId: push.name, inherited, principal: paula }] as unknown as RoleAssignment[];
    expect(
      validateWizard({ role: push, members: [paula], description: '' }, existing(false)).refusals.get(
        'paula',
      ),
    ).toEqual({
      code: 'alreadyAssigned',
    });
    expect(validateWizard({ role: push, members: [paula], description: '' }, existing(true)).canSubmit).toBe(
      true,
    );
  });

  it('limits the description as ARM does', () => {
    const v = validateWizard({ role: push, members: [paula], description: 'x'.repeat(2049) }, []);
    expect(v).toMatchObject({ descriptionTooLong: true, canSubmit: false });
  });
});
