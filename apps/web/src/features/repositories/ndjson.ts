import type * as z from 'zod';
import { ApiError } from '../../api/http.ts';
import { problemSchema } from '@ctp/contracts';

/** The JSON lines of a streamed answer as they arrive, each validated with its contract schema. */
export async function* ndjsonLines<T>(response: Response, schema: z.ZodType<T>): AsyncGenerator<T> {
  if (!response.ok) {
    const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
    throw problem.success
      ? new ApiError(
          response.status,
          problem.data.title,
          problem.data.detail,
          problem.data.code,
          problem.data.errors,
          problem.data.instance,
        )
      : new ApiError(response.status, `HTTP ${response.status}`);
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += value;
      let at: number;
      while ((at = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        if (line.trim()) yield schema.parse(JSON.parse(line));
      }
    }
  } finally {
    reader.releaseLock();
  }
}
