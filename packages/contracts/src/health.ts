import { z } from 'zod';

/** GET /api/health */
export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  service: z.literal('content-trust-portal-bff'),
  version: z.string(),
  time: z.string().datetime(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
