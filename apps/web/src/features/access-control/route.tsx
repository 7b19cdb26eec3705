import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import * as z from 'zod';
import { registryBladeRoute } from '../registries/routes.tsx';

const searchSchema = z.object({
  tab: z.enum(['checkAccess', 'roleAssignments', 'signers', 'add']).optional().catch(undefined),
});
export type AccessControlSearch = z.infer<typeof searchSchema>;

/** Access control (IAM) of a registry; the tab (and the Add role assignment wizard) is in the URL. */
export const accessControlRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'access-control',
  validateSearch: searchSchema,
  component: lazyRouteComponent(() => import('./AccessControlPage.tsx'), 'AccessControlPage'),
});
