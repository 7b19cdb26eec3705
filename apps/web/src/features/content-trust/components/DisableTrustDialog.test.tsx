import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContentTrustImpact } from '@ctp/contracts';
import { renderWithProviders } from '../../../test/render.tsx';
import { DisableTrustDialog, type DisableTrustDialogProps } from './DisableTrustDialog.tsx';

const impact: ContentTrustImpact = {
  registryName: 'ctpdemo',
  computedAt: '2026-01-01T00:00:00.000Z',
  source: 'trust-server',
  totals: { signedTags: 5, repositoriesWithTrustData: 2, repositories: 3, imagesKept: 9, unknown: 0 },
  repositories: [
    {
      repository: 'hello-world',
      gun: 'h/hello-world',
      trustData: 'present',
      signedTags: 3,
      tags: 4,
      roles: [],
    },
    {
      repository: 'payments/api',
      gun: 'h/payments/api',
      trustData: 'present',
      signedTags: 2,
      tags: 3,
      roles: [],
    },
    {
      repository: 'tools/unsigned',
      gun: 'h/tools/unsigned',
      trustData: 'none',
      signedTags: 0,
      tags: 2,
      roles: [],
    },
  ],
};

function setup(overrides: Partial<DisableTrustDialogProps> = {}) {
  const props: DisableTrustDialogProps = {
    open: true,
    registryName: 'ctpdemo',
    impact: { data: impact, isPending: false },
    exportState: { running: false },
    onExport: vi.fn(),
    onConfirm: vi.fn(),
    onCancel: vi.fn(),
    busy: false,
    ...overrides,
  };
  renderWithProviders(<DisableTrustDialog {...props} />);
  return {
    props,
    user: userEvent.setup({ delay: null }),
    field: () => screen.getByRole('textbox', { name: /Type the registry name to confirm/ }),
    confirm: () => screen.getByRole('button', { name: 'Disable and delete trust data' }),
  };
}

// A generous per-test timeout: Fluent's first render in jsdom is slow on a loaded machine (a safety
// net against a hang, not a timing assertion).
describe('DisableTrustDialog', { timeout: 30_000 }, () => {
  it('names the registry and the impact in numbers, listing the repositories that lose trust data', () => {
    setup();
    expect(
      screen.getByRole('alertdialog', { name: 'Disable content trust on ctpdemo?' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('5 signed tags in 2 repositories will lose their signatures; 9 images stay.'),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Repositories that lose their trust data' });
    expect(list).toHaveTextContent('hello-world — 3 signed tags');
    expect(list).toHaveTextContent('payments/api — 2 signed tags');
    expect(list).not.toHaveTextContent('tools/unsigned');
  });

  it('gives Cancel the initial focus', () => {
    setup();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });

  it('keeps the destructive button disabled until the name is typed exactly, case-sensitive, untrimmed', async () => {
    const { user, field, confirm, props } = setup();
    expect(confirm()).toBeDisabled();
    for (const wrong of ['CTPDEMO', 'ctpDemo', ' ctpdemo', 'ctpdemo ', 'ctpdem']) {
      await user.clear(field());
      await user.paste(wrong);
      expect(field()).toHaveValue(wrong);
      expect(confirm(), wrong).toBeDisabled();
    }
    await user.clear(field());
    await user.paste('ctpdemo');
    expect(confirm()).toBeEnabled();
    await user.click(confirm());
    expect(props.onConfirm).toHaveBeenCalledExactlyOnceWith('ctpdemo');
  });

  it('does not confirm on Enter, even with the exact name typed', async () => {
    const { user, field, props } = setup();
    await user.type(field(), 'ctpdemo{Enter}');
    expect(props.onConfirm).not.toHaveBeenCalled();
    expect(props.onCancel).not.toHaveBeenCalled();
  });

  it('cancels on Escape and on Cancel, never confirming', async () => {
    const { user, field, props } = setup();
    await user.type(field(), 'ctpdemo');
    await user.keyboard('{Escape}');
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onCancel).toHaveBeenCalledTimes(2);
    expect(props.onConfirm).not.toHaveBeenCalled();
  });

  it('offers the export first and says when it is downloaded', async () => {
    const onExport = vi.fn();
    const { user } = setup({
      onExport,
      exportState: { running: false, file: 'ctpdemo-trust-data-20260101T000000Z.zip' },
    });
    await user.click(screen.getByRole('button', { name: 'Export trust data' }));
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Downloaded ctpdemo-trust-data-20260101T000000Z.zip',
    );
  });

  it('keeps the destructive button disabled while the disable is on its way', async () => {
    const { user, field, confirm } = setup({ busy: true });
    await user.type(field(), 'ctpdemo');
    expect(confirm()).toBeDisabled();
  });
});
