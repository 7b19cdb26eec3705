import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render.tsx';
import { CopyButton } from './CopyButton.tsx';

describe('CopyButton', () => {
  afterEach(() => vi.useRealTimers());

  it('copies its value, says "Copied" for two seconds, then names what it copies again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    renderWithProviders(<CopyButton value="registry.example/app" label="login server" />);
    const button = screen.getByRole('button', { name: 'Copy login server' });
    await user.click(button);
    expect(writeText).toHaveBeenCalledWith('registry.example/app');
    expect(await screen.findByRole('tooltip', { hidden: true })).toHaveTextContent('Copied');
    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(screen.getByRole('tooltip', { hidden: true })).toHaveTextContent('Copy login server');
  });
});
