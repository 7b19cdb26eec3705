import { describe, expect, it } from 'vitest';
import type { Registry } from '@ctp/contracts';
import { filterRegistries } from './filter-registries.ts';

const registry = (name: string, resourceGroup: string, subscriptionId = 'sub-a'): Registry => ({
  id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${name}`,
  name,
  subscriptionId,
  resourceGroup,
  location: 'westeurope',
  sku: 'Premium',
  loginServer: `${name}.azurecr.io`,
  contentTrust: 'enabled',
  adminUserEnabled: false,
  provisioningState: 'Succeeded',
});

describe('filterRegistries', () => {
  const all = [registry('alpha', 'rg-one'), registry('beta', 'rg-two'), registry('gamma', 'rg-one', 'sub-b')];
  it('keeps everything without filters', () => expect(filterRegistries(all, {})).toHaveLength(3));
  it('filters by subscription and resource group, case-insensitively', () => {
    expect(
      filterRegistries(all, { subscription: 'SUB-A', resourceGroup: 'rg-one' }).map((r) => r.name),
    ).toEqual(['alpha']);
  });
  it('matches free text in any column', () => {
    expect(filterRegistries(all, { q: 'BETA.azurecr' }).map((r) => r.name)).toEqual(['beta']);
    expect(filterRegistries(all, { q: 'nothing' })).toEqual([]);
  });
});
