import { createRoute, redirect } from '@tanstack/react-router';
import {
  overviewRoute,
  registryBladeIndexRoute,
  registryBladeRoute,
  registryListRoute,
} from '../features/registries/routes.tsx';
import { accessControlRoute } from '../features/access-control/route.tsx';
import { contentTrustRoute } from '../features/content-trust/route.tsx';
import { repositoriesRouteTree } from '../features/repositories/route.tsx';
import { rootRoute } from './root-route.tsx';

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/registries', replace: true });
  },
});

/**
 * The central route table: every page of the portal, deep-linkable, each loaded lazily with its
 * feature folder. A blade replaces its placeholder here with its own route (features/<blade>/route.tsx).
 */
export const routeTree = rootRoute.addChildren([
  homeRoute,
  registryListRoute,
  registryBladeRoute.addChildren([
    registryBladeIndexRoute,
    overviewRoute,
    accessControlRoute,
    repositoriesRouteTree,
    contentTrustRoute,
  ]),
]);
