import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { builtInRoleIds, type Principal, type RoleAssignment, type RoleDefinition } from '@ctp/contracts';
import { renderWithProviders } from '../../../test/render.tsx';
import { AddRoleAssignmentWizard, type AddRoleAssignmentWizardProps } from './AddRoleAssignmentWizard.tsx';

const none = {
  canPull: false,
  canPush: false,
  canSign: false,
  canChangeTrustPolicy: false,
  canAssignRoles: false,
};
const role = (
  name: string,
  roleName: string,
  grants: Partial<typeof none> = {},
  category: RoleDefinition['category'] = 'jobFunction',
): RoleDefinition => ({
  name,
  roleName,
  description: `${roleName} description`,
  roleType: 'BuiltInRole',
  category,
  containerRegistry: roleName.startsWith('Acr'),
  permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }],
  grants: { ...none, ...grants },
});
const roles = [
  role(builtInRoleIds.AcrPush, 'AcrPush', { canPull: true, canPush: true }),
  role(builtInRoleIds.AcrImageSigner, 'AcrImageSigner', { canSign: true }),
  role(builtInRoleIds.Owner, 'Owner', { canAssignRoles: true }, 'privileged'),
];
const paula: Principal = {
  id: 'p1',
  type: 'User',
  found: true,
  displayName: 'Paula Pusher',
  userPrincipalName: 'paula@contoso',
};
const pierre: Principal = { id: 'p2', type: 'User', found: true, displayName: 'Pierre Puller' };
const cecil: Principal = {
  id: 'c1',
  type: 'User',
  found: true,
  displayName: 'Cecil Classic',
  classicAdministrator: true,
};

// jsdom has no ResizeObserver, which Fluent's drawers use to lay out; an inert one stands in.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// A safety net for a loaded machine (Fluent's drawer opens asynchronously), not a timing assertion.
const SLOW = { timeout: 20_000 };

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

function renderWizard(overrides: Partial<AddRoleAssignmentWizardProps> = {}) {
  const props: AddRoleAssignmentWizardProps = {
    registryName: 'ctpdemo',
    scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/ctpdemo',
    roles: { loading: false, data: roles },
    existing: [],
    onSearch: vi.fn(),
    searchResults: { loading: false, data: [paula, pierre, cecil] },
    pushStatus: new Map(),
    onMembersChange: vi.fn(),
    onSubmit: vi.fn(() => Promise.resolve([])),
    onCancel: vi.fn(),
    ...overrides,
  };
  renderWithProviders(<AddRoleAssignmentWizard {...props} />);
  return props;
}

async function pickMembers(names: string[]) {
  await user.click(screen.getByRole('button', { name: '+ Select members' }));
  for (const name of names) await user.click(await screen.findByLabelText(`Select ${name}`, undefined, SLOW));
  await user.click(screen.getByRole('button', { name: 'Select' }));
  await panelClosed();
}

/** The side panel is gone and the page is reachable again (Fluent's modalizer lifts aria-hidden async). */
async function panelClosed() {
  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument(), SLOW);
  await screen.findByRole('tab', { name: /^Role/ }, SLOW);
}

// The timeout is a safety net for a loaded machine, not a timing assertion.
describe('Add role assignment wizard', { timeout: 60_000 }, () => {
  it('will not assign without a role or a member, and says where to fix it', async () => {
    const props = renderWizard();
    await user.click(screen.getByRole('button', { name: 'Review + assign' }));
    expect(screen.getByRole('tab', { name: 'Review + assign', selected: true })).toBeInTheDocument();
    const alerts = screen.getByRole('alert');
    expect(within(alerts).getByText('Select a role on the Role tab.')).toBeInTheDocument();
    expect(within(alerts).getByText('Select at least one member on the Members tab.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review + assign' })).toBeDisabled();

    await user.click(screen.getByRole('tab', { name: /^Role/ }));
    await user.click(screen.getByRole('radio', { name: 'AcrPush' }));
    await user.click(screen.getByRole('tab', { name: 'Review + assign' }));
    expect(screen.queryByText('Select a role on the Role tab.')).not.toBeInTheDocument();
    expect(screen.getByText('Select at least one member on the Members tab.')).toBeInTheDocument();
    expect(props.onSubmit).not.toHaveBeenCalled();
  });

  it('marks a classic administrator refused for AcrImageSigner, in the picker and among the members', async () => {
    const props = renderWizard({
      // Cecil was picked while the role was AcrPush; switching to AcrImageSigner refuses him.
      searchResults: { loading: false, data: [paula, cecil] },
    });
    await user.click(screen.getByRole('radio', { name: 'AcrPush' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await pickMembers(['Cecil Classic']);
    await user.click(screen.getByRole('tab', { name: /^Role/ }));
    await user.click(screen.getByRole('radio', { name: 'AcrImageSigner' }));
    await user.click(screen.getByRole('tab', { name: /^Members/ }));
    expect(screen.getByText(/About AcrImageSigner/)).toBeInTheDocument();
    expect(screen.getByText(/az acr login/)).toBeInTheDocument();
    expect(screen.getAllByText(/Refused: a classic subscription administrator/)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: '+ Select members' }));
    expect(await screen.findByLabelText('Select Cecil Classic', undefined, SLOW)).toBeDisabled();
    await user.click(screen.getAllByLabelText('Close')[0]!);
    await panelClosed();

    await user.click(screen.getByRole('tab', { name: 'Review + assign' }));
    expect(
      screen.getByText('Remove the members marked as refused, or pick another role.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Review + assign' })).toBeDisabled();
    expect(props.onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a member who already has the role here', async () => {
    const existing = [
      {
        id: 'a',
        name: 'a',
        roleDefinitionId: builtInRoleIds.AcrPush,
        roleName: 'AcrPush',
        inherited: false,
        principal: paula,
      },
    ] as unknown as RoleAssignment[];
    renderWizard({ existing });
    await user.click(screen.getByRole('radio', { name: 'AcrPush' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: '+ Select members' }));
    expect(await screen.findByLabelText('Select Paula Pusher', undefined, SLOW)).toBeDisabled();
    expect(
      screen.getByText('Refused: this member already has this role on this registry.'),
    ).toBeInTheDocument();
  });

  it('offers "also assign AcrPush" to a signer who cannot push, and submits both', async () => {
    const props = renderWizard({ pushStatus: new Map([['p2', 'no']]) });
    await user.click(screen.getByRole('radio', { name: 'AcrImageSigner' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await pickMembers(['Pierre Puller']);
    expect(props.onMembersChange).toHaveBeenLastCalledWith([pierre]);
    expect(screen.getByText(/Pierre Puller cannot push to this registry/)).toBeInTheDocument();
    await user.click(screen.getByText('Also assign AcrPush'));
    await user.type(screen.getByRole('textbox', { name: /Description/ }), 'release signer');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('AcrPush (for signing)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Review + assign' }));
    await waitFor(() => expect(props.onSubmit).toHaveBeenCalledTimes(1));
    expect(props.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        role: roles[1],
        members: [pierre],
        alsoPush: [pierre],
        description: 'release signer',
      }),
    );
  });

  it('lists job-function and privileged roles apart, searches them, and shows a role’s permissions', async () => {
    renderWizard();
    expect(screen.queryByRole('radio', { name: 'Owner' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Privileged administrator roles/ }));
    expect(screen.getByRole('radio', { name: 'Owner' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Job function roles/ }));
    await user.type(screen.getByRole('searchbox', { name: 'Search by role name or description' }), 'signer');
    expect(screen.queryByRole('radio', { name: 'AcrPush' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'View the details of AcrImageSigner' }));
    expect(await screen.findByText('AcrImageSigner details')).toBeInTheDocument();
    expect(screen.getByText('DataActions')).toBeInTheDocument();
  });
});
