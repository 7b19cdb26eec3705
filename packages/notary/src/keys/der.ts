// A minimal DER reader: the children of a constructed value, as (tag, content, whole encoding), with
// DER's strictness on lengths. Hand-written because only a few certificate and key fields are needed
// (x509-der.ts, public-key.ts) and a full ASN.1 parse is what made certificates slow.

export interface Tlv {
  tag: number;
  content: Uint8Array;
  whole: Uint8Array;
}

function readTlv(b: Uint8Array, offset: number): Tlv | undefined {
  if (offset + 2 > b.length) return undefined;
  const tag = b[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers do not occur in certificates
  let length = b[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > b.length) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + b[offset + 2 + i]!;
    // DER: the long form only for lengths of 128 and more, in as few bytes as possible.
    if (length < 0x80 || b[offset + 2] === 0) return undefined;
    header += n;
  }
  const end = offset + header + length;
  if (end > b.length) return undefined;
  return { tag, content: b.subarray(offset + header, end), whole: b.subarray(offset, end) };
}

/** The TLVs inside `b` when `b` is exactly one constructed value (nothing after it); else undefined. */
export function derChildren(b: Uint8Array): Tlv[] | undefined {
  const outer = readTlv(b, 0);
  if (!outer || !(outer.tag & 0x20) || outer.whole.length !== b.length) return undefined;
  const out: Tlv[] = [];
  let offset = outer.whole.length - outer.content.length;
  const end = outer.whole.length;
  while (offset < end) {
    const child = readTlv(b, offset);
    if (!child) return undefined;
    out.push(child);
    offset += child.whole.length;
  }
  return out;
}
