// The running local stack as the integration tests see it: endpoints and seeded identities from its
// stack.json (via @ctp/devkit), and tokens from its identity provider.
import type { TokenCredential } from '@azure/core-auth';
import { PublicClientApplication } from '@azure/msal-node';
import type { StackDescription, SeededIdentity } from '@ctp/azure-local/stack-file';
import { loadStack } from '@ctp/devkit';
// The public client id for scripts (Azure CLI's role) is a fixed constant of the local tenant, not in
// stack.json; importing it keeps the tests in step with the identity provider.

export const ARM_SCOPE = 'https://management.azure.com/.default';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const REGISTRIES_RG = 'registries-rg';

/** Role definition ids (the same as Azure's built-in roles). */
export const ROLE = {
  AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
  AcrImageSigner: '6cef56e8-d556-48e5-a04f-b8e64114680f',
} as const;

export interface Stack extends StackDescription {
  identityProvider: NonNullable<StackDescription['identityProvider']>;
  arm: NonNullable<StackDescription['arm']>;
  graph: NonNullable<StackDescription['graph']>;
  identity(key: string): SeededIdentity & { password: string };
  /** The seeded Premium registry with content trust enabled (ctpdemo). */
  premium: StackDescription['registries'][number];
}

/**
 * The running stack (CTP_DATA_DIR of `env`, else .data), with a clear error when NODE_EXTRA_CA_CERTS is
 * missing. `env` names another stack, such as one a test runs of its own.
 */
export async function stack(env: NodeJS.ProcessEnv = process.env): Promise<Stack> {
  if (!process.env.NODE_EXTRA_CA_CERTS) {
    throw new Error(
      'run the stack suite with NODE_EXTRA_CA_CERTS=<repo>/.data/pki/ca.crt (Node reads it only at start)',
    );
  }
  const description = await loadStack(env);
  const { identityProvider, arm, graph } = description;
  if (!identityProvider || !arm || !graph)
    throw new Error(`the stack in ${description.dataDir} runs without its control plane`);
  const premium = description.registries.find((r) => r.sku === 'Premium' && r.trustPolicy === 'enabled');
  if (!premium)
    throw new Error(`the stack in ${description.dataDir} has no seeded Premium registry with content trust`);
  return {
    ...description,
    identityProvider,
    arm,
    graph,
    premium,
    identity(key) {
      const found = description.identities.find((i) => i.key === key);
      if (!found?.password) throw new Error(`stack.json has no seeded identity "${key}" with a local secret`);
      return { ...found, password: found.password };
    },
  };
}

interface TokenAnswer {
  access_token?: string;
  error?: string;
  error_description?: string;
}

async function tokenRequest(s: Stack, form: Record<string, string>): Promise<string> {
  const response = await fetch(`${s.identityProvider.authority}/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  const body = (await response.json()) as TokenAnswer;
  if (!response.ok || !body.access_token) {
    throw new Error(
      `the identity provider refused a ${form.grant_type} token: ${response.status} ${body.error} ${body.error_description}`,
    );
  }
  return body.access_token;
}

/** A seeded user's access token through the resource-owner password grant (the public CLI client). */
export function userToken(s: Stack, key: string, scope: string): Promise<string> {
  const user = s.identity(key);
  return tokenRequest(s, {
    grant_type: 'password',
    client_id: s.identityProvider.cliClientId,
    username: user.userPrincipalName!,
    password: user.password,
    scope,
  });
}

/**
 * An Azure SDK TokenCredential for a seeded user, backed by msal-node's username/password flow against
 * the local identity provider (the way a script would sign in; the SDK caches the token itself).
 */
export function userCredential(s: Stack, key: string): TokenCredential {
  const user = s.identity(key);
  const app = new PublicClientApplication({
    auth: {
      clientId: s.identityProvider.cliClientId,
      authority: s.identityProvider.authority,
      knownAuthorities: [new URL(s.identityProvider.authority).host],
    },
  });
  return {
    async getToken(scopes) {
      const result = await app.acquireTokenByUsernamePassword({
        scopes: Array.isArray(scopes) ? scopes : [scopes],
        username: user.userPrincipalName!,
        password: user.password,
      });
      if (!result?.accessToken || !result.expiresOn)
        throw new Error(`msal-node returned no token for ${key}`);
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn.getTime() };
    },
  };
}

/** Basic credentials of a seeded identity for a login server: UPN or appId plus its local secret. */
export function basicCredentials(s: Stack, key: string): { username: string; password: string } {
  const identity = s.identity(key);
  const username = identity.kind === 'user' ? identity.userPrincipalName : identity.appId;
  if (!username) throw new Error(`seeded identity "${key}" has no sign-in name`);
  return { username, password: identity.password };
}
