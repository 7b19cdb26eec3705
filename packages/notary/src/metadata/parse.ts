// Turns downloaded bytes into a typed document without ever throwing: size and nesting limits are
// checked before JSON.parse (hostile documents must not exhaust the stack or memory).
import type * as z from 'zod/mini';
import { Envelope, type SignatureDoc } from './schemas.ts';

/** Largest metadata file accepted for any role (Notary caps root at 100 MiB; we are stricter). */
export const MAX_METADATA_BYTES = 16 * 1024 * 1024;
/** Largest timestamp file (Notary's own cap). */
export const MAX_TIMESTAMP_BYTES = 1024 * 1024;
/** Deepest JSON nesting accepted (Notary documents need 6; `custom` values get some room). */
export const MAX_JSON_DEPTH = 64;

export interface ParsedDocument<T> {
  /** The typed view of `signed`. */
  signed: T;
  /** The raw parsed `signed` value: what gets canonicalized for signature checks. */
  rawSigned: unknown;
  signatures: SignatureDoc[];
}

export type ParseResult<T> =
  { ok: true; doc: ParsedDocument<T> } | { ok: false; check: 'size' | 'parse' | 'schema'; message: string };

/**
 * True when `text` holds at most `max` opening brackets (so it cannot nest deeper than `max`), found by
 * native indexOf jumps: Notary's documents hold a few dozen, and the character-by-character depth scan
 * is then not needed.
 */
function fewBrackets(text: string, max: number): boolean {
  let found = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1))
      if (++found > max) return false;
  }
  return true;
}

function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parseJsonLimited(
  bytes: Uint8Array,
  maxBytes = MAX_METADATA_BYTES,
): { ok: true; value: unknown } | { ok: false; check: 'size' | 'parse'; message: string } {
  if (bytes.length > maxBytes)
    return {
      ok: false,
      check: 'size',
      message: `document is ${bytes.length} bytes, above the ${maxBytes}-byte limit`,
    };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, check: 'parse', message: 'document is not valid UTF-8' };
  }
  if (!fewBrackets(text, MAX_JSON_DEPTH) && jsonDepth(text) > MAX_JSON_DEPTH)
    return { ok: false, check: 'parse', message: `JSON nesting deeper than ${MAX_JSON_DEPTH}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, check: 'parse', message: `not JSON: ${(e as Error).message}` };
  }
}

function describe(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

export function parseDocument<T>(
  bytes: Uint8Array,
  schema: z.ZodMiniType<T>,
  maxBytes = MAX_METADATA_BYTES,
): ParseResult<T> {
  const json = parseJsonLimited(bytes, maxBytes);
  if (!json.ok) return json;
  const envelope = Envelope.safeParse(json.value);
  if (!envelope.success)
    return { ok: false, check: 'schema', message: `bad envelope: ${describe(envelope.error)}` };
  const signed = schema.safeParse(envelope.data.signed);
  if (!signed.success) return { ok: false, check: 'schema', message: describe(signed.error) };
  return {
    ok: true,
    doc: { signed: signed.data, rawSigned: envelope.data.signed, signatures: envelope.data.signatures },
  };
}
