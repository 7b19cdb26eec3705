import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, useDebounced } from './use-debounced.ts';

describe('useDebounced', () => {
  afterEach(() => vi.useRealTimers());

  it('passes a value on only after it stayed the same for the delay', () => {
    // Fake timers: the test, not the machine's speed, decides how long the typing pauses.
    vi.useFakeTimers();
    const { result, rerender } = renderHook(({ value }) => useDebounced(value), {
      initialProps: { value: '' },
    });
    for (const typed of ['p', 'pa', 'pau']) {
      rerender({ value: typed });
      act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1));
      expect(result.current).toBe('');
    }
    rerender({ value: 'paul' });
    act(() => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(result.current).toBe('paul');
  });
});
