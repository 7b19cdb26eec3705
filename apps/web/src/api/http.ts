import type { z } from 'zod';
import { problemSchema } from '@ctp/contracts';

/** An error from the BFF, carrying its problem+json title and detail for display. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** GET a BFF route (with a bearer token when given) and validate the response with its contract schema. */
export async function getJson<T>(
  path: string,
  schema: z.ZodType<T>,
  options: { signal?: AbortSignal; accessToken?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  const response = await fetch(path, { signal: options.signal, headers });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = problemSchema.safeParse(body);
    throw parsed.success
      ? new ApiError(response.status, parsed.data.title, parsed.data.detail)
      : new ApiError(response.status, `HTTP ${response.status}`);
  }
  return schema.parse(body);
}
