import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tagStatuses } from '@ctp/contracts';
import { renderWithProviders } from '../../test/render.tsx';
import { StatusBadge } from './status.tsx';
import { StatusBar } from './StatusBar.tsx';
import { emptyCounts } from './scan-state.ts';

describe('status display', () => {
  it('names every status in words beside its icon (never colour alone)', () => {
    renderWithProviders(
      <>
        {tagStatuses.map((s) => (
          <StatusBadge key={s} status={s} />
        ))}
      </>,
    );
    for (const text of [
      'Signed',
      'Signed, digest changed',
      'Unsigned',
      'Signed, tag missing',
      'Invalid trust data',
      'Unknown',
    ])
      expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('gives the stacked bar a text alternative with every count', () => {
    renderWithProviders(<StatusBar label="team/app" counts={{ ...emptyCounts(), signed: 3, unsigned: 1 }} />);
    expect(screen.getByRole('img', { name: 'team/app: 3 Signed, 1 Unsigned' })).toBeInTheDocument();
  });
});
