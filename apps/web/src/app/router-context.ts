import type { QueryClient } from '@tanstack/react-query';
import type { Api } from '../api/use-api.ts';

/**
 * What route loaders get, so a page's data is asked for as soon as its route matches — beside its
 * lazily loaded code and the blade's own queries — rather than once the page has rendered.
 */
export interface PortalRouterContext {
  queryClient: QueryClient;
  /** The BFF's API as the signed-in person; undefined while signed out (loaders then fetch nothing). */
  api: Api | undefined;
}
