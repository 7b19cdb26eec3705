import type { RegistryState } from '../state/registries.ts';

/** A registry as ARM returns it (api-version 2025-11-01 shape). */
export function registryJson(r: RegistryState, loginServer: string) {
  return {
    id: r.resourceId,
    name: r.name,
    type: 'Microsoft.ContainerRegistry/registries',
    location: r.location,
    tags: r.tags,
    sku: { name: r.sku, tier: r.sku },
    systemData: {
      createdBy: r.createdBy ?? 'azure-local seed',
      createdByType: 'User',
      createdAt: r.createdAt,
      lastModifiedAt: r.updatedAt,
    },
    properties: {
      loginServer,
      creationDate: r.createdAt,
      provisioningState: r.provisioningState,
      adminUserEnabled: r.adminUserEnabled,
      ...(r.sku === 'Premium' ? { networkRuleSet: { defaultAction: 'Allow', ipRules: [] } } : {}),
      policies: {
        quarantinePolicy: r.policies.quarantinePolicy,
        trustPolicy: { type: 'Notary', status: r.trustPolicy },
        retentionPolicy: r.policies.retentionPolicy,
        exportPolicy: r.policies.exportPolicy,
        azureADAuthenticationAsArmPolicy: r.policies.azureADAuthenticationAsArmPolicy,
      },
      encryption: { status: 'disabled' },
      dataEndpointEnabled: false,
      dataEndpointHostNames: [],
      privateEndpointConnections: [],
      publicNetworkAccess: 'Enabled',
      networkRuleBypassOptions: 'AzureServices',
      networkRuleBypassAllowedForTasks: false,
      zoneRedundancy: 'Disabled',
      anonymousPullEnabled: false,
      roleAssignmentMode: 'LegacyRegistryPermissions',
    },
  };
}
