// Route search parameters, checked without a schema library: the route table is in the first load
// (zod and the contracts come with the pages). A parameter that does not fit is dropped, as a bad link
// should be ignored rather than fail the page.

/** The value if it is a string. */
export const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The value if it is one of `allowed`. */
export const optionalOneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: unknown): T | undefined =>
    (allowed as readonly unknown[]).includes(value) ? (value as T) : undefined;

/** The value if it is a boolean (the router reads `?client=true` as one). */
export const optionalBoolean = (value: unknown): boolean | undefined =>
  typeof value === 'boolean' ? value : undefined;
