import type { RegistryRef } from '@ctp/contracts';

/**
 * Query-key factories, one tree per resource (registry → blade → item), used by hooks, by precise
 * invalidation after mutations, and by removal on sign-out. Blades extend `registryKeys.detail(ref)`:
 * `[...registryKeys.detail(ref), 'content-trust']`.
 */
export const registryKeys = {
  all: ['registries'] as const,
  subscriptions: () => ['subscriptions'] as const,
  list: () => [...registryKeys.all, 'list'] as const,
  detail: (ref: RegistryRef) =>
    [
      ...registryKeys.all,
      'detail',
      ref.subscriptionId.toLowerCase(),
      ref.resourceGroup.toLowerCase(),
      ref.registryName.toLowerCase(),
    ] as const,
};
