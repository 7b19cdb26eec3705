// The official Azure SDK clients pointed at the local ARM, signed in as a seeded user.
import { randomBytes, randomUUID } from 'node:crypto';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient, type Registry } from '@azure/arm-containerregistry';
import { eventually } from './registry-http.ts';
import { ARM_SCOPE, REGISTRIES_RG, ROLE, userCredential, type Stack } from './stack.ts';

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

/**
 * createPremiumRegistry, then AcrPush and AcrImageSigner on it for the `ci-signer` service principal (who
 * publishes and signs in the tests), and once its login server answers: a registry ready to sign in.
 */
export async function createSigningRegistry(s: Stack, arm: ArmClients, name: string): Promise<Registry> {
  const registry = await createPremiumRegistry(arm, name);
  for (const role of [ROLE.AcrPush, ROLE.AcrImageSigner])
    await arm.authorization.roleAssignments.create(registry.id!.slice(1), randomUUID(), {
      roleDefinitionId: roleDefinitionId(s, role),
      principalId: s.identity('ci-signer').objectId,
      principalType: 'ServicePrincipal',
    });
  await eventually(`the login server of ${name}`, async () =>
    (await fetch(`https://${registry.loginServer}/v2/`)).status === 401 ? true : undefined,
  );
  return registry;
}
