// Notary's canonical JSON (docker/go `canonical/json`), re-implemented because no npm library matches
// Go's dialect exactly: no whitespace, keys sorted by UTF-8 byte order, integers only, and in strings
// only `"` and `\` escaped (control characters and non-ASCII are written raw).

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

const encoder = new TextEncoder();

/** Compares two strings by their UTF-8 bytes (Go's string order), which is code point order. */
export function compareUtf8(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function encodeString(s: string): string {
  return '"' + s.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

function encodeNumber(n: number): string {
  if (!Number.isFinite(n) || !Number.isInteger(n)) {
    throw new CanonicalJsonError(`canonical JSON allows integers only, got ${n}`);
  }
  // Go formats float64 integers without an exponent; JS switches to exponent form at 1e21.
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

const SURROGATE = /[\ud800-\udfff]/;

/** Object keys in Go's order. UTF-16 order (the default sort) is code point order unless a surrogate is involved. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  return keys.some((k) => SURROGATE.test(k)) ? keys.sort(compareUtf8) : keys.sort();
}

function encode(value: unknown, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'number') out.push(encodeNumber(value));
  else if (typeof value === 'string') out.push(encodeString(value));
  else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      encode(value[i], out);
    }
    out.push(']');
  } else if (typeof value === 'object') {
    const keys = sortedKeys(value);
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.push(',');
      out.push(encodeString(keys[i]!), ':');
      encode((value as Record<string, unknown>)[keys[i]!], out);
    }
    out.push('}');
  } else {
    throw new CanonicalJsonError(`value of type ${typeof value} cannot be canonicalized`);
  }
}

/** Canonical JSON text of an already-parsed JSON value. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  encode(value, out);
  return out.join('');
}

/** UTF-8 bytes of the canonical JSON of a parsed value (what Notary signs). */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}
