import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalBoolean, optionalOneOf, optionalString } from '../../app/search-params.ts';
import { registryBladeRoute } from '../registries/routes.tsx';

const view = optionalOneOf(['repositories', 'keys'] as const);

/** `…/repositories`: the blade (index) and one repository per deep link below it. */
const repositoriesLayoutRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'repositories',
});

/** The Repositories blade (repositories with their counts, or the registry's keys). */
export const repositoriesRoute = createRoute({
  getParentRoute: () => repositoriesLayoutRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): { view?: 'repositories' | 'keys'; q?: string } => ({
    view: view(search.view),
    q: optionalString(search.q),
  }),
  component: lazyRouteComponent(() => import('./RepositoriesPage.tsx'), 'RepositoriesPage'),
});

/** One repository (deep link; the name may hold slashes): its tags and trust details. */
export const repositoryRoute = createRoute({
  getParentRoute: () => repositoriesLayoutRoute,
  path: '$',
  validateSearch: (
    search: Record<string, unknown>,
  ): { status?: string; signer?: string; client?: boolean } => ({
    status: optionalString(search.status),
    signer: optionalString(search.signer),
    client: optionalBoolean(search.client),
  }),
  loader: ({ context, params, preload }) => {
    // The tag stream starts as the route matches, beside the page's code and the registry the blade
    // waits for before it shows the page. Not for hover previews: a stream of every tag is no preview.
    const { api, queryClient } = context;
    if (preload || !api) return;
    void import('./queries.ts').then((q) => q.prefetchRepositoryTags(queryClient, api, params));
  },
  component: lazyRouteComponent(() => import('./RepositoryPage.tsx'), 'RepositoryPage'),
});

/** The blade's routes, for the central route table. */
export const repositoriesRouteTree = repositoriesLayoutRoute.addChildren([
  repositoriesRoute,
  repositoryRoute,
]);
