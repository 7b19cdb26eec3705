import { createRouter } from '@tanstack/react-router';
import { routeTree } from './routes.tsx';

export function createPortalRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createPortalRouter>;
  }
}
