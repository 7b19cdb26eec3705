// The official Azure SDK clients pointed at the local ARM, signed in as a seeded user.
import { randomBytes } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient, type Registry } from '@azure/arm-containerregistry';
import { ARM_SCOPE, REGISTRIES_RG, userCredential, type Stack } from './stack.ts';

export interface ArmClients {
  registries: ContainerRegistryManagementClient;
  authorization: AuthorizationManagementClient;
}

export function armClients(s: Stack, userKey: string): ArmClients {
  const credential = userCredential(s, userKey);
  return {
    registries: new ContainerRegistryManagementClient(credential, s.arm.subscriptionId, {
      endpoint: s.arm.endpoint,
      credentials: { scopes: [ARM_SCOPE] },
    }),
    authorization: new AuthorizationManagementClient(credential, s.arm.subscriptionId, {
      endpoint: s.arm.endpoint,
      credentialScopes: [ARM_SCOPE],
    }),
  };
}

/** A registry name unique per run (ARM: 5–50 alphanumerics). */
export function uniqueRegistryName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function roleDefinitionId(s: Stack, roleId: string): string {
  return `/subscriptions/${s.arm.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/** ARM errors as the SDK throws them (RestError with the ARM envelope's code). */
export interface ArmFailure {
  statusCode?: number;
  code?: string;
  message: string;
}

export async function armFailure(promise: PromiseLike<unknown>): Promise<ArmFailure | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error as ArmFailure;
  }
}

/**
 * A Premium registry of this run, created through ARM as `arm`'s user (content trust enabled unless
 * told otherwise); the emulator provisions its login server and trust server before answering.
 */
export function createPremiumRegistry(
  arm: ArmClients,
  name: string,
  options: { contentTrust?: 'enabled' | 'disabled'; adminUserEnabled?: boolean; resourceGroup?: string } = {},
): Promise<Registry> {
  return arm.registries.registries.create(
    options.resourceGroup ?? REGISTRIES_RG,
    name,
    {
      location: 'westeurope',
      sku: { name: 'Premium' },
      ...(options.adminUserEnabled ? { adminUserEnabled: true } : {}),
      policies: { trustPolicy: { type: 'Notary', status: options.contentTrust ?? 'enabled' } },
    },
    { updateIntervalInMs: 100 },
  );
}
