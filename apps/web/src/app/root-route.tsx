import { createRootRouteWithContext } from '@tanstack/react-router';
import { NotFoundPage } from './NotFoundPage.tsx';
import type { PortalRouterContext } from './router-context.ts';
import { Shell } from './Shell.tsx';

/** The root of the route table: the shell (header, skip link, session banner) around every page. */
export const rootRoute = createRootRouteWithContext<PortalRouterContext>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
});
