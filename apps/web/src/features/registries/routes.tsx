import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { optionalString } from '../../app/search-params.ts';

export interface RegistryListSearch {
  subscription?: string;
  resourceGroup?: string;
  q?: string;
}

export const registryListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registries',
  validateSearch: (search: Record<string, unknown>): RegistryListSearch => ({
    subscription: optionalString(search.subscription),
    resourceGroup: optionalString(search.resourceGroup),
    q: optionalString(search.q),
  }),
  component: lazyRouteComponent(() => import('./RegistryListPage.tsx'), 'RegistryListPage'),
});

/**
 * The registry blade: the portal's resource URL, with one child route per menu entry. Other feature
 * folders attach their blade here (`getParentRoute: () => registryBladeRoute`).
 */
export const registryBladeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/resource/subscriptions/$subscriptionId/resourceGroups/$resourceGroup/providers/Microsoft.ContainerRegistry/registries/$registryName',
  // Lazy like the blades (its menu and breadcrumb are not needed by the registry list); the router
  // loads it beside the blade's own page.
  component: lazyRouteComponent(() => import('./RegistryBladeLayout.tsx'), 'RegistryBladeLayout'),
  // Asked for as the route matches (every blade waits for it), not once the layout has rendered.
  loader: ({ context: { api, queryClient }, params }) => {
    if (api) void import('./queries.ts').then((q) => q.prefetchRegistry(queryClient, api, params));
  },
});

export const registryBladeIndexRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: '/',
  beforeLoad: ({ location }) => {
    throw redirect({ href: `${location.pathname.replace(/\/$/, '')}/overview`, replace: true });
  },
});

export const overviewRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'overview',
  component: lazyRouteComponent(() => import('./OverviewPage.tsx'), 'OverviewPage'),
});
