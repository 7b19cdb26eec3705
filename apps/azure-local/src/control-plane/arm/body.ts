import type { Context } from 'hono';
import { z } from 'zod';
import { ArmError, armErrors } from './errors.ts';

/** ARM rejects request bodies over 4 MB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Reads and validates a JSON body; every failure is an ARM-shaped 400 naming the path. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw bodyTooLarge(text.length);
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch (error) {
    throw armErrors.invalidContent(
      `Unexpected character encountered while parsing value: ${(error as Error).message}`,
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
        ? `Error converting value ${JSON.stringify(got)} to type '${issue.expected}'. Path '${path}'`
        : `${issue.message}. Path '${path}'`,
      path || undefined,
    );
  }
  return parsed.data;
}

export function bodyTooLarge(size?: number): ArmError {
  return new ArmError(
    400,
    'InvalidRequestContent',
    `The request content size${size ? ` ${size} bytes` : ''} exceeds the maximum permitted size of ${MAX_BODY_BYTES} bytes.`,
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
