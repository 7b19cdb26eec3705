import type { RegistryRef } from '@ctp/contracts';

/** The blades of a registry, in menu order; each is a child route of the registry blade. */
export const registryBlades = ['overview', 'access-control', 'repositories', 'content-trust'] as const;
export type RegistryBlade = (typeof registryBlades)[number];

/** The SPA's deep link to a registry blade, shaped like the Azure portal's resource URLs. */
export function registryBladeHref(ref: RegistryRef, blade: RegistryBlade = 'overview'): string {
  return `/resource/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}/${blade}`;
}
