import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { optionalOneOf, optionalString } from '../../app/search-params.ts';
import { registryBladeRoute } from '../registries/routes.tsx';

/** `?operation=…&requested=…` while a change runs, so a reload (or a shared link) keeps its progress. */
export interface ContentTrustSearch {
  operation?: string;
  requested?: 'enabled' | 'disabled';
}
const OPERATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const requested = optionalOneOf(['enabled', 'disabled'] as const);

function contentTrustSearch(search: Record<string, unknown>): ContentTrustSearch {
  const operation = optionalString(search.operation);
  return {
    operation: operation !== undefined && OPERATION_ID.test(operation) ? operation : undefined,
    requested: requested(search.requested),
  };
}

/** Policies > Content trust. */
export const contentTrustRoute = createRoute({
  getParentRoute: () => registryBladeRoute,
  path: 'content-trust',
  validateSearch: contentTrustSearch,
  component: lazyRouteComponent(() => import('./ContentTrustPage.tsx'), 'ContentTrustPage'),
});
