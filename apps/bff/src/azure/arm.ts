import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { MonitorClient } from '@azure/arm-monitor';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { DownstreamTokens } from '../auth/on-behalf-of.ts';
import type { Caller } from '../auth/token-verifier.ts';
import type { BffConfig } from '../config.ts';
import { callerCredential } from './credential.ts';
import { armPolicies } from './pipeline.ts';

/** The official Azure SDK clients, acting as one caller, against the configured ARM endpoint only. */
export interface ArmClients {
  subscriptions(): SubscriptionClient;
  registries(subscriptionId: string): ContainerRegistryManagementClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
  activityLog(subscriptionId: string): MonitorClient;
  /** The caller's ARM token itself (ACR's login servers accept ARM-audience Entra tokens). */
  token(): Promise<string>;
}

export interface ArmSettings {
  endpoint: string;
  /** The delegated ARM scope of the on-behalf-of exchange. */
  scope: string;
  timeoutMs: number;
}

export function armSettings(config: Pick<BffConfig, 'auth' | 'downstream'>): ArmSettings {
  return {
    endpoint: config.downstream.armEndpoint,
    scope: config.auth.armScope,
    timeoutMs: config.downstream.timeoutMs,
  };
}

export function createArmClients(
  settings: ArmSettings,
  caller: Caller,
  tokens: DownstreamTokens,
  requestId?: string,
): ArmClients {
  const credential = callerCredential(caller, settings.scope, tokens);
  // The SDK's own default scope would be `<endpoint>/.default`; name ARM's so it never depends on the host.
  const scopes = [`${new URL(settings.scope).origin}/.default`];
  const additionalPolicies = armPolicies({
    timeoutMs: settings.timeoutMs,
    ...(requestId ? { requestId } : {}),
  });
  const common = { endpoint: settings.endpoint, additionalPolicies };
  return {
    subscriptions: () => new SubscriptionClient(credential, { ...common, credentials: { scopes } }),
    registries: (subscriptionId) =>
      new ContainerRegistryManagementClient(credential, subscriptionId, {
        ...common,
        credentials: { scopes },
      }),
    authorization: (subscriptionId) =>
      new AuthorizationManagementClient(credential, subscriptionId, { ...common, credentialScopes: scopes }),
    activityLog: (subscriptionId) =>
      new MonitorClient(credential, subscriptionId, { ...common, credentials: { scopes } }),
    token: async () => (await tokens(caller, settings.scope)).token,
  };
}
