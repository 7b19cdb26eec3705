import { describe, expect, it } from 'vitest';
import { optionalBoolean, optionalOneOf, optionalString } from './search-params.ts';

describe('search parameters', () => {
  it('keeps what fits and drops the rest', () => {
    expect(optionalString('q')).toBe('q');
    expect(optionalString(3)).toBeUndefined();
    const tab = optionalOneOf(['keys', 'repositories'] as const);
    expect(tab('keys')).toBe('keys');
    expect(tab('other')).toBeUndefined();
    expect(tab(undefined)).toBeUndefined();
    expect(optionalBoolean(true)).toBe(true);
    expect(optionalBoolean('true')).toBeUndefined();
  });
});
