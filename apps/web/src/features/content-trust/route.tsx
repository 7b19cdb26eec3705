import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import * as z from 'zod';
import { registryBladeRoute } from '../registries/routes.tsx';

/** `?operation=…&requested=…` while a change runs, so a reload (or a shared link) keeps its progress. */
const searchSchema = z.object({
  operation: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/)
    .optional()
    .catch(undefined),
  requested: z.enum(['enabled', 'disabled']).optional().catch(undefined),
});

export type ContentTrustSearch = z.infer<typeof searchSchema>;

/** Policies > Content trust. */
export const contentTrustRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'content-trust',
  validateSearch: searchSchema,
  component: lazyRouteComponent(() => import('./ContentTrustPage.tsx'), 'ContentTrustPage'),
});
