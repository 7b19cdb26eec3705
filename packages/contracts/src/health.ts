import * as z from 'zod';

/** GET /api/health */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  service: z.literal('content-trust-portal-bff'),
  version: z.string(),
  time: z.string().datetime(),
  /** Which replica answered, when several run behind a reverse proxy. */
  replica: z.string().optional(),
  /** Whether caches are shared by the replicas (Redis) or local to this one, and why. */
  caches: z
    .object({
      shared: z.boolean(),
      store: z.enum(['memory', 'redis']),
      reason: z.string().optional(),
      counters: z.object({
        scanSharedHits: z.number().int(),
        trustViewsShared: z.number().int(),
        tokensShared: z.number().int(),
        sharedFailures: z.number().int(),
      }),
    })
    .optional(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
