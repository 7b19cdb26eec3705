import { createRouter } from '@tanstack/react-router';
import type { PortalRouterContext } from './router-context.ts';
import { routeTree } from './routes.tsx';

export function createPortalRouter(context: PortalRouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createPortalRouter>;
  }
}
