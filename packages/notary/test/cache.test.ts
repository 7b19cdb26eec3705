import { describe, expect, it } from 'vitest';
import { ChecksumCache } from '../src/cache.ts';
import { SignatureMemo } from '../src/signatures.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('ChecksumCache', () => {
  it('keeps at most its byte budget, evicting the least recently used file first', () => {
    const cache = new ChecksumCache(100);
    cache.set('a', bytes(40));
    cache.set('b', bytes(40));
    expect(cache.get('a')).toHaveLength(40); // a is now the most recently used
    cache.set('c', bytes(40)); // 120 > 100: b goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(40);
    expect(cache.get('c')).toHaveLength(40);
  });

  it('does not keep a file larger than the whole budget, and keeps the others', () => {
    const cache = new ChecksumCache(100);
    cache.set('small', bytes(10));
    cache.set('huge', bytes(101));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toHaveLength(10);
  });
});

describe('SignatureMemo', () => {
  it('remembers at most its entry budget', () => {
    const memo = new SignatureMemo(2);
    memo.set('x', true);
    memo.set('y', false);
    memo.set('z', true);
    expect(memo.get('x')).toBeUndefined();
    expect(memo.get('y')).toBe(false);
    expect(memo.get('z')).toBe(true);
  });
});

describe('a trust cache that keeps nothing (budgets of 0: the CLI, which reads and checks everything once)', () => {
  it('keeps no file, no view and no verified signature, and still answers every call', async () => {
    const { createTrustCache } = await import('../src/cache.ts');
    const cache = createTrustCache({ maxFileBytes: 0, maxViews: 0, maxSignatures: 0 });
    cache.files.set('a', bytes(1));
    expect(cache.files.get('a')).toBeUndefined();
    cache.views.set('gun', { view: {} as never, seen: { versions: {} } });
    expect([cache.views.get('gun'), [...cache.views.keys()]]).toEqual([undefined, []]);
    cache.memo.set('k', true);
    expect([cache.memo.keeps, cache.memo.get('k')]).toEqual([false, undefined]);
  });
});
