import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import * as z from 'zod';
import { registryRefSchema, type RegistryRef } from '@ctp/contracts';
import { rootRoute } from '../../app/root-route.tsx';
import { registryQuery } from './queries.ts';
import { RegistryBladeLayout } from './RegistryBladeLayout.tsx';

const listSearchSchema = z.object({
  subscription: z.string().optional().catch(undefined),
  resourceGroup: z.string().optional().catch(undefined),
  q: z.string().optional().catch(undefined),
});
export type RegistryListSearch = z.infer<typeof listSearchSchema>;

export const registryListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registries',
  validateSearch: listSearchSchema,
  component: lazyRouteComponent(() => import('./RegistryListPage.tsx'), 'RegistryListPage'),
});

/**
 * The registry blade: the portal's resource URL, with one child route per menu entry. Other feature
 * folders attach their blade here (`getParentRoute: () => registryBladeRoute`).
 */
export const registryBladeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/resource/subscriptions/$subscriptionId/resourceGroups/$resourceGroup/providers/Microsoft.ContainerRegistry/registries/$registryName',
  component: RegistryBladeLayout,
  // Asked for as the route matches (every blade waits for it), not once the layout has rendered; only
  // when not cached, as loaders run again on every navigation within the blade.
  loader: ({ context: { api, queryClient }, params }) => {
    const ref = registryRefSchema.safeParse(params);
    if (api && ref.success)
      void queryClient.prefetchQuery({ ...registryQuery(api, ref.data), staleTime: Infinity });
  },
});

/** The registry a blade route is about, from its URL (validated; undefined for a malformed link). */
export function useRegistryRef(): RegistryRef | undefined {
  const params = registryBladeRoute.useParams();
  const parsed = registryRefSchema.safeParse(params);
  return parsed.success ? parsed.data : undefined;
}

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
