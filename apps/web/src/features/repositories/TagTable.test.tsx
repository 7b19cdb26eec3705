import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TagRow } from '@ctp/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render.tsx';
import { TagTable } from './TagTable.tsx';

const served = `sha256:${'1'.repeat(64)}`;
const signedElsewhere = `sha256:${'2'.repeat(64)}`;

const rows: TagRow[] = [
  {
    tag: 'v1',
    status: 'signed',
    digest: served,
    signedDigest: served,
    signers: ['ci'],
    lastPushed: '2026-01-02T03:04:05Z',
    pull: { kind: 'signed', digest: served, role: 'targets/releases' },
  },
  {
    tag: 'latest',
    status: 'signed-digest-mismatch',
    digest: served,
    signedDigest: signedElsewhere,
    signers: ['ci', 'Repo Admin'],
    pull: { kind: 'signed', digest: signedElsewhere, role: 'targets/releases' },
  },
  { tag: 'dev', status: 'unsigned', digest: served, signers: [], pull: { kind: 'refused', message: 'no' } },
];

function renderTable(props: Partial<Parameters<typeof TagTable>[0]> = {}) {
  return renderWithProviders(
    <TagTable
      rows={rows}
      total={rows.length}
      pullPrefix="localhost:8410/hello-world"
      clientView={false}
      sort="tag"
      descending={false}
      onSort={() => {}}
      label="Tags"
      {...props}
    />,
  );
}

// Fluent hides a tooltip whose target it finds out of view, which is every element in jsdom (no
// layout): the tooltip is looked for in the DOM whether or not it is visible there.
const tooltip = () => screen.queryByRole('tooltip', { hidden: true });

const row = (tag: string) =>
  screen.getAllByRole('row').find((r) => within(r).queryByText(tag, { exact: true }))!;

// jsdom lays nothing out: give the scroller a height so the virtualizer renders the rows in view.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('TagTable', () => {
  it('names every control of a row and explains its status (never colour alone)', () => {
    renderTable();
    expect(screen.getByRole('table', { name: 'Tags' })).toHaveAttribute('aria-rowcount', '4');
    const v1 = row('v1');
    expect(within(v1).getByRole('button', { name: 'Copy docker pull command for v1' })).toBeInTheDocument();
    expect(within(v1).getByRole('button', { name: 'Copy digest of v1' })).toBeInTheDocument();
    expect(within(v1).getByText('Signed')).toHaveAccessibleDescription(
      'Verified signature on the digest the registry serves.',
    );
    expect(within(row('latest')).getByText('Signed, digest changed')).toHaveAccessibleDescription(
      /The tag moved after signing/,
    );
    // The moved tag shows the digest its trust data signs; an unsigned tag has nothing to pull.
    expect(within(row('latest')).getByText('222222222222')).toBeInTheDocument();
    expect(within(row('dev')).queryByRole('button', { name: /docker pull/ })).toBeNull();
    expect(within(row('dev')).getByText('Unsigned')).toHaveAttribute('tabindex', '0');
  });

  it('shows a control’s tooltip on hover and on keyboard focus, and hides it with Escape', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderTable();
    const copy = within(row('v1')).getByRole('button', { name: 'Copy digest of v1' });
    fireEvent.pointerOver(copy);
    expect(tooltip()).toBeNull(); // Fluent's delay first
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(tooltip()).toHaveTextContent('Copy digest of v1');
    fireEvent.pointerOut(copy, { relatedTarget: document.body });
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(tooltip()).toBeNull();

    const badge = within(row('latest')).getByText('Signed, digest changed');
    act(() => badge.focus());
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(tooltip()).toHaveTextContent(/The tag moved after signing/);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(tooltip()).toBeNull();
  });

  it('copies the docker pull command by the signed digest, and says so', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    renderTable({ clientView: true });
    await user.click(
      within(row('latest')).getByRole('button', { name: 'Copy docker pull command for latest' }),
    );
    expect(writeText).toHaveBeenCalledWith(`docker pull localhost:8410/hello-world@${signedElsewhere}`);
    expect(await screen.findByRole('tooltip', { hidden: true })).toHaveTextContent('Copied');
    // The client view shows the role the digest is taken from.
    expect(within(row('latest')).getByText('targets/releases')).toBeInTheDocument();
  });

  it('renders only the rows in view of a long list', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...rows[2]!, tag: `t${i}` }));
    renderTable({ rows: many, total: many.length });
    const rendered = screen.getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(50);
    expect(screen.getByLabelText('10000 of 10000 tags shown')).toBeInTheDocument();
  });
});
