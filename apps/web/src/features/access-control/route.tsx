import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalOneOf } from '../../app/search-params.ts';
import { registryBladeRoute } from '../registries/routes.tsx';

const tabs = ['checkAccess', 'roleAssignments', 'signers', 'add'] as const;
export interface AccessControlSearch {
  tab?: (typeof tabs)[number];
}
const tab = optionalOneOf(tabs);

/** Access control (IAM) of a registry; the tab (and the Add role assignment wizard) is in the URL. */
export const accessControlRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'access-control',
  validateSearch: (search: Record<string, unknown>): AccessControlSearch => ({ tab: tab(search.tab) }),
  component: lazyRouteComponent(() => import('./AccessControlPage.tsx'), 'AccessControlPage'),
});
