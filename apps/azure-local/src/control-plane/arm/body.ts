import type { Context } from 'hono';
import { z } from 'zod';
import { ArmError, armErrors } from './errors.ts';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth.ts';

/** ARM rejects request bodies over 4 MB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads and validates a JSON body; every failure is an ARM-shaped 4xx naming the path, never echoing the
 * body back (only short scalar values, as ARM's "Error converting value" does). The size is bounded
 * before this by the body-limit middleware, chunked bodies included.
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  if (text.trim() !== '') requireJsonContentType(c.req.header('content-type'));
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw armErrors.invalidContent(`the JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the error: keep only the position.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw armErrors.invalidContent(
      `Unexpected character encountered while parsing value${position ? ` at position ${position}` : ''}`,
    );
  }
  if (value === undefined)
    throw new ArmError(
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized: the request body is empty.',
    );
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    const got = issue.path.reduce<unknown>(
      (v, k) =>
        v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined,
      value,
    );
    throw armErrors.invalidContent(
      issue.code === 'invalid_type' && got !== undefined
        ? `Error converting value ${shortValue(got)} to type '${issue.expected}'. Path '${path}'`
        : `${issue.message}. Path '${path}'`,
      path || undefined,
    );
  }
  return parsed.data;
}

/** ARM answers 415 to a body that is not JSON (`application/json`, optionally with parameters, or `+json`). */
function requireJsonContentType(header: string | undefined): void {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return;
  throw new ArmError(
    415,
    'UnsupportedMediaType',
    `The content media type '${type || '(none)'}' is not supported. Only 'application/json' is supported.`,
  );
}

/** A scalar as ARM quotes it in errors (bounded); objects and arrays are named, not echoed. */
function shortValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value);
  return json.length > 100 ? `${json.slice(0, 100)}…` : json;
}

export function bodyTooLarge(): ArmError {
  return new ArmError(
    413,
    'RequestEntityTooLarge',
    `The request content exceeds the maximum permitted size of ${MAX_BODY_BYTES} bytes.`,
  );
}

/** ARM enums are case-insensitive on input; they are stored in their canonical spelling. */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((v, ctx) => {
    const match = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (!match) {
      ctx.addIssue({
        code: 'custom',
        message: `The value '${v}' is not valid; allowed values are ${values.join(', ')}`,
      });
      return z.NEVER;
    }
    return match as T[number];
  });
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
