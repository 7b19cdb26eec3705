/**
 * Fixed identifiers of the local tenant. They are constants (not random per data folder) so that a
 * developer's shell, the portal's configuration and the tests agree without reading state.
 * None of these exist in a real Entra tenant.
 */
export const TENANT_ID = '72f988bf-0000-4000-8000-00000000c7a1';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const SUBSCRIPTION_ID = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
export const SUBSCRIPTION_NAME = 'contoso-dev';
export const REGISTRIES_RESOURCE_GROUP = 'registries-rg';
export const LOCATION = 'westeurope';

/** App registrations (client ids). */
export const SPA_CLIENT_ID = '3c1a5e0b-6b0d-4c2e-9a57-5a0c6f1e2a01';
export const BFF_CLIENT_ID = '8d2b7f1c-2e4a-4f5b-8c61-7b1d3e9f4b02';
/** A public client for scripts and tests (resource-owner password grant, like Azure CLI's client). */
export const CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** Resources (token audiences) the identity provider issues access tokens for. */
export const RESOURCES = {
  bff: 'api://content-trust-bff',
  arm: 'https://management.azure.com',
  graph: 'https://graph.microsoft.com',
  acr: 'https://containerregistry.azure.net',
} as const;
export type ResourceKey = keyof typeof RESOURCES;

export const BFF_API_SCOPE = `${RESOURCES.bff}/access_as_user`;

/** Delegated scopes each resource knows; `.default` expands to all of them for users. */
export const DELEGATED_SCOPES: Record<ResourceKey, string[]> = {
  bff: ['access_as_user'],
  arm: ['user_impersonation'],
  graph: [
    'User.Read',
    'User.ReadBasic.All',
    'GroupMember.Read.All',
    'Application.Read.All',
    'Directory.Read.All',
  ],
  acr: ['user_impersonation'],
};

/** Application permissions (`roles` claim) granted to app-only tokens per resource. */
export const APPLICATION_ROLES: Partial<Record<ResourceKey, string[]>> = {
  graph: ['Directory.Read.All'],
};

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
