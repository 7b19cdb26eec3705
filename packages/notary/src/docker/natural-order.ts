// Docker's orderings: fvbommel/sortorder.NaturalLess (signed tags, pretty signer list) and Go's
// byte-wise string comparison (JSON signer list). Both compare UTF-8 bytes, not UTF-16 code units.

const encoder = new TextEncoder();
// Hand-written: sortorder is a Go package with no JS counterpart, and the exact tie-breaks matter.
const bytesOf = (s: string): Uint8Array | string =>
  // eslint-disable-next-line no-control-regex -- ASCII strings compare the same as their bytes
  /^[\x00-\x7f]*$/.test(s) ? s : encoder.encode(s);

const at = (s: Uint8Array | string, i: number) => (typeof s === 'string' ? s.charCodeAt(i) : s[i]!);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * sortorder.NaturalLess: digit runs compare numerically (fewer leading zeros first on a tie), other
 * bytes compare byte-wise, and a digit sorts before a non-digit.
 */
export function naturalLess(a: string, b: string): boolean {
  const s1 = bytesOf(a);
  const s2 = bytesOf(b);
  let i1 = 0;
  let i2 = 0;
  while (i1 < s1.length && i2 < s2.length) {
    const c1 = at(s1, i1);
    const c2 = at(s2, i2);
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i1++;
      i2++;
      continue;
    }
    while (i1 < s1.length && at(s1, i1) === 0x30) i1++;
    while (i2 < s2.length && at(s2, i2) === 0x30) i2++;
    const n1 = i1;
    const n2 = i2;
    while (i1 < s1.length && isDigit(at(s1, i1))) i1++;
    while (i2 < s2.length && isDigit(at(s2, i2))) i2++;
    if (i1 - n1 !== i2 - n2) return i1 - n1 < i2 - n2;
    for (let k = 0; k < i1 - n1; k++) {
      const x = at(s1, n1 + k);
      const y = at(s2, n2 + k);
      if (x !== y) return x < y;
    }
    if (n1 !== n2) return n1 < n2;
  }
  return s1.length < s2.length;
}

/** naturalLess as a comparator for Array.prototype.sort. */
export function naturalCompare(a: string, b: string): number {
  return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}

/** Go's `a < b` on strings (byte-wise on UTF-8) as a comparator. */
export function byteCompare(a: string, b: string): number {
  const s1 = bytesOf(a);
  const s2 = bytesOf(b);
  for (let i = 0; i < Math.min(s1.length, s2.length); i++) {
    const d = at(s1, i) - at(s2, i);
    if (d !== 0) return d;
  }
  return s1.length - s2.length;
}
