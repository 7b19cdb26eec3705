import type { RegistryRef } from '@ctp/contracts';
import { registryRefSchema } from '@ctp/contracts';
import { registryBladeRoute } from './routes.tsx';

/** The registry that route parameters name (validated; undefined for a malformed link). */
export function registryRefOf(params: Record<string, string | undefined>): RegistryRef | undefined {
  const parsed = registryRefSchema.safeParse(params);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The registry a blade route is about, from its URL (validated; undefined for a malformed link). Beside
 * the route table rather than in it: the blades are lazy, and so is the schema it validates with.
 */
export function useRegistryRef(): RegistryRef | undefined {
  return registryRefOf(registryBladeRoute.useParams());
}
