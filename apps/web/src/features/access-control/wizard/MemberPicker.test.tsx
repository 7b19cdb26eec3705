import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '@ctp/contracts';
import { renderWithProviders } from '../../../test/render.tsx';
import { MemberPicker } from './MemberPicker.tsx';

const paula: Principal = {
  id: 'p1',
  type: 'User',
  found: true,
  displayName: 'Paula Pusher',
  userPrincipalName: 'paula@contoso',
};
const ci: Principal = {
  id: 's1',
  type: 'ServicePrincipal',
  found: true,
  displayName: 'ci-signer',
  appId: 'app-1',
};
const cecil: Principal = {
  id: 'c1',
  type: 'User',
  found: true,
  displayName: 'Cecil Classic',
  classicAdministrator: true,
};

// The timeout is a safety net for a loaded machine, not a timing assertion.
let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

describe('MemberPicker', { timeout: 60_000 }, () => {
  it('searches the directory with what was typed, once the typing pauses', async () => {
    const onSearch = vi.fn();
    renderWithProviders(
      <MemberPicker
        open
        initial={[]}
        onSearch={onSearch}
        results={{ loading: false }}
        refusalOf={() => undefined}
        onSelect={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    await user.type(screen.getByRole('searchbox', { name: 'Select' }), 'paul');
    await waitFor(() => expect(onSearch).toHaveBeenLastCalledWith('paul'));
  });

  it('shows name, sign-in name or app id and type; selects several; refused ones cannot be picked', async () => {
    const onSelect = vi.fn();
    renderWithProviders(
      <MemberPicker
        open
        initial={[]}
        onSearch={vi.fn()}
        results={{ loading: false, data: [paula, ci, cecil] }}
        refusalOf={(p) => (p.classicAdministrator ? 'Refused: classic administrator' : undefined)}
        onSelect={onSelect}
        onClose={vi.fn()}
      />,
    );
    expect(screen.getByText('paula@contoso')).toBeInTheDocument();
    expect(screen.getByText('App ID app-1')).toBeInTheDocument();
    expect(screen.getByText('Service principal')).toBeInTheDocument();
    expect(screen.getByText('Refused: classic administrator')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select Cecil Classic' })).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select Paula Pusher' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ci-signer' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select ci-signer' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ci-signer' }));
    await user.click(screen.getByRole('button', { name: 'Select' }));
    expect(onSelect).toHaveBeenCalledWith([paula, ci]);
  });
});
