import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalizeByWalk, CanonicalJsonError } from '../src/canonical-json.ts';
import { tufKeyId } from '../src/keys/key-id.ts';

describe('canonical JSON (docker/go canonical/json)', () => {
  it('sorts keys by UTF-8 bytes, no whitespace, escapes only quote and backslash', () => {
    expect(canonicalize({ b: 1, a: [true, null, 'x"y\\z'], A: { '\t': '<&>é\n' } })).toBe(
      '{"A":{"\t":"<&>é\n"},"a":[true,null,"x\\"y\\\\z"],"b":1}',
    );
  });

  it('orders characters outside the BMP after U+FFFF (byte order, not UTF-16 order)', () => {
    expect(canonicalize({ '\u{1F600}': 1, '\uFFFD': 2 })).toBe('{"\uFFFD":2,"\u{1F600}":1}');
  });

  it('orders any keys by their UTF-8 bytes, surrogate pairs or not (property)', () => {
    const quoted = (k: string) => `"${k.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary' }), { maxLength: 12 }), (keys) => {
        const value = Object.fromEntries(keys.map((k, i) => [k, i]));
        const sorted = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(canonicalize(value)).toBe(`{${sorted.map((k) => `${quoted(k)}:${value[k]}`).join(',')}}`);
      }),
      { numRuns: 500 },
    );
  });

  // canonicalize takes JSON.stringify's output when it is already canonical; the walk is the reference.
  const integral = (v: unknown) =>
    JSON.parse(JSON.stringify(v), (_k, x: unknown) => (typeof x === 'number' ? Math.trunc(x) : x)) as unknown;
  const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }).map(integral);

  it('answers as the walk for any value, keys in any order (property)', () => {
    fc.assert(
      fc.property(anyJson, (v) => {
        expect(canonicalize(v)).toBe(canonicalizeByWalk(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('answers as the walk for values already in canonical order, as Notary serves them (property)', () => {
    // Re-reading canonical text gives objects whose keys are in canonical order: the fast path's case.
    fc.assert(
      fc.property(anyJson, (v) => {
        const text = canonicalizeByWalk(v);
        // eslint-disable-next-line no-control-regex -- control characters are what it looks for
        fc.pre(!/[\u0000-\u001f]/.test(text)); // raw control characters: canonical, but not JSON.parse's JSON
        const served = JSON.parse(text) as unknown;
        expect(canonicalize(served)).toBe(canonicalizeByWalk(served));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps Go’s form where JSON.stringify differs: control characters raw, integer-like keys in byte order', () => {
    expect(canonicalize({ a: 'line\nbreak\u0001' })).toBe('{"a":"line\nbreak\u0001"}');
    expect(canonicalize(JSON.parse('{"10":1,"9":2}'))).toBe('{"10":1,"9":2}');
    expect(canonicalize([1e21])).toBe('[1000000000000000000000]');
    expect(() => canonicalize({ a: undefined })).toThrow(CanonicalJsonError);
  });

  it('writes integers like Go (no exponent) and refuses fractions', () => {
    expect(canonicalize([0, -5, 1e21, 2 ** 53])).toBe('[0,-5,1000000000000000000000,9007199254740992]');
    expect(() => canonicalize(1.5)).toThrow(CanonicalJsonError);
  });

  it('is stable under re-parsing (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const noFractions = JSON.parse(JSON.stringify(v), (_k, x: unknown) =>
          typeof x === 'number' ? Math.trunc(x) : x,
        ) as unknown;
        const once = canonicalize(noFractions);
        expect(canonicalize(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('key ID = sha256 of the canonical key with private: null', async () => {
    // Independent computation of the same formula with Node crypto.
    const { createHash } = await import('node:crypto');
    const key = { keytype: 'ed25519', keyval: { public: 'AAAA', private: 'ignored' } };
    const expected = createHash('sha256')
      .update('{"keytype":"ed25519","keyval":{"private":null,"public":"AAAA"}}')
      .digest('hex');
    expect(await tufKeyId(key)).toBe(expected);
  });
});
