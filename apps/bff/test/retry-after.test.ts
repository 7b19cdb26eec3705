import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from '../src/middleware/retry-after.ts';

describe('Retry-After from ARM', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-02T01:00:00Z');
    expect(retryAfterSeconds('17', now)).toBe(17);
    expect(retryAfterSeconds(' 0 ', now)).toBe(0);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 01:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 00:59:00 GMT', now)).toBe(0);
    for (const bad of [undefined, null, '', '-5', '1.5', 'soon'])
      expect(retryAfterSeconds(bad, now)).toBeUndefined();
  });
});
