import { z } from 'zod';
import type { ArmContext } from './context.ts';
import { ArmError } from './errors.ts';

/** ARM list pages hold at most this many items unless a test switches a smaller size on. */
export const DEFAULT_PAGE_SIZE = 100;

/** The page size in force; shared by every paged ARM list (emulator switch: controls.setArmPageSize). */
export class PageSize {
  private size = DEFAULT_PAGE_SIZE;

  get(): number {
    return this.size;
  }

  /** `undefined` restores the default. */
  set(size: number | undefined): number {
    if (size !== undefined && (!Number.isInteger(size) || size < 1))
      throw new Error(`page size must be a positive integer, got ${size}`);
    this.size = size ?? DEFAULT_PAGE_SIZE;
    return this.size;
  }
}

const tokenSchema = z.object({ after: z.string() });
const SKIP_TOKEN = /^(\$|%24)skiptoken$/i;

/**
 * One page of an ARM list: `{value, nextLink?}`. Items must come sorted by `keyOf` (unique, ascending
 * string order); `$skipToken` carries the last key served (keyset paging, so rows added or removed
 * between pages neither repeat nor shift others). nextLink keeps every other query parameter of the
 * request (api-version, $filter, tenantId), as ARM's do.
 */
export function pageOf<T, J>(
  c: ArmContext,
  endpoint: string,
  items: T[],
  keyOf: (item: T) => string,
  toJson: (item: T) => J,
  pageSize: number,
): { value: J[]; nextLink?: string } {
  const url = new URL(c.req.url);
  const raw = [...url.searchParams].find(([name]) => SKIP_TOKEN.test(name))?.[1];
  let after: string | undefined;
  if (raw !== undefined) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const parsed = tokenSchema.safeParse(decoded);
    // Emulator-chosen code: ARM's answer to a forged $skipToken is not documented.
    if (!parsed.success)
      throw new ArmError(
        400,
        'InvalidSkipToken',
        `The $skipToken '${raw}' is not valid. Use the nextLink of the previous page as it is.`,
      );
    after = parsed.data.after;
  }
  const remaining = after === undefined ? items : items.filter((item) => keyOf(item) > after);
  const page = remaining.slice(0, pageSize);
  if (remaining.length <= pageSize) return { value: page.map(toJson) };
  const token = Buffer.from(JSON.stringify({ after: keyOf(page[page.length - 1]!) })).toString('base64url');
  // Query strings are kept as sent (ARM leaves `$filter`'s `$` unencoded); only the token is replaced.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part && !SKIP_TOKEN.test(part.split('=')[0]!));
  kept.push(`$skipToken=${token}`);
  return {
    value: page.map(toJson),
    nextLink: `${endpoint}${url.pathname.replace(/\/{2,}/g, '/')}?${kept.join('&')}`,
  };
}
