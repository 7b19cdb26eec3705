import type * as z from 'zod';

/** An error from the BFF, carrying its problem+json fields for display and for decisions (`code`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly code?: string,
    readonly errors?: Array<{ path: string; message: string }>,
    /** The request id (problem `instance`), for a person to quote. */
    readonly instance?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

export interface RequestOptions<T> {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  accessToken?: string;
  /** Validates the answer; omit for answers without a body (204). */
  schema?: z.ZodType<T>;
}

/** Calls a BFF route and validates the answer with its contract schema; errors become ApiError. */
export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'The portal backend cannot be reached', (error as Error).message);
  }
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw await problemError(response.status, body);
  return options.schema ? options.schema.parse(body) : (body as T);
}

/**
 * A failed answer as an ApiError with its problem+json fields. The contracts (and zod) are imported
 * here rather than at the top: they are not part of the first load (client-config.ts loads them while
 * the sign-in settings are fetched), so this import finds them already there.
 */
async function problemError(status: number, body: unknown): Promise<ApiError> {
  const { problemSchema } = await import('@ctp/contracts');
  const parsed = problemSchema.safeParse(body);
  return parsed.success
    ? new ApiError(
        status,
        parsed.data.title,
        parsed.data.detail,
        parsed.data.code,
        parsed.data.errors,
        parsed.data.instance,
      )
    : new ApiError(status, `HTTP ${status}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
