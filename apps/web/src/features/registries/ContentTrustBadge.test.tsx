import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render.tsx';
import { ContentTrustBadge } from './ContentTrustBadge.tsx';

describe('ContentTrustBadge', () => {
  it('says enabled, disabled or unavailable in words', () => {
    renderWithProviders(
      <>
        <ContentTrustBadge registry={{ sku: 'Premium', contentTrust: 'enabled' }} />
        <ContentTrustBadge registry={{ sku: 'Premium', contentTrust: 'disabled' }} />
        <ContentTrustBadge registry={{ sku: 'Basic', contentTrust: 'disabled' }} />
      </>,
    );
    expect(screen.getByText('Enabled')).toBeInTheDocument();
    expect(screen.getByText('Disabled')).toBeInTheDocument();
    expect(screen.getByText('Not available (Premium only)')).toBeInTheDocument();
  });
});
