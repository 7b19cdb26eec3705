import type { RegistryRef } from '@ctp/contracts';
import { registryRefSchema } from '@ctp/contracts';
import { registryBladeRoute } from './routes.tsx';

/**
 * The registry a blade route is about, from its URL (validated; undefined for a malformed link). Beside
 * the route table rather than in it: the blades are lazy, and so is the schema it validates with.
 */
export function useRegistryRef(): RegistryRef | undefined {
  const params = registryBladeRoute.useParams();
  const parsed = registryRefSchema.safeParse(params);
  return parsed.success ? parsed.data : undefined;
}
