import type { Registry } from '@ctp/contracts';
import type { RegistryListSearch } from './routes.tsx';

/** The list's filters (kept in the URL): subscription, resource group, and free text over every column. */
export function filterRegistries(registries: Registry[], search: RegistryListSearch): Registry[] {
  const text = search.q?.trim().toLowerCase();
  return registries.filter(
    (r) =>
      (!search.subscription || r.subscriptionId.toLowerCase() === search.subscription.toLowerCase()) &&
      (!search.resourceGroup || r.resourceGroup.toLowerCase() === search.resourceGroup.toLowerCase()) &&
      (!text ||
        [r.name, r.resourceGroup, r.location, r.sku, r.loginServer, r.contentTrust].some((v) =>
          v.toLowerCase().includes(text),
        )),
  );
}
