import { describe, expect, it } from 'vitest';
import { ApiError } from './http.ts';
import { shouldRetry } from './query-client.ts';

describe('the one retry rule', () => {
  it.each([400, 401, 403, 404, 409, 412])('never retries a %i problem', (status) => {
    expect(shouldRetry(0, new ApiError(status, 'x'))).toBe(false);
  });
  it('retries server errors and network failures twice', () => {
    expect(shouldRetry(0, new ApiError(502, 'x'))).toBe(true);
    expect(shouldRetry(1, new ApiError(0, 'unreachable'))).toBe(true);
    expect(shouldRetry(2, new ApiError(503, 'x'))).toBe(false);
  });
});
