import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type Provider from 'oidc-provider';
import { errors, type KoaContextWithOIDC } from './oidc-provider.ts';
import { BFF_CLIENT_ID, RESOURCES, type ResourceKey } from '../constants.ts';
import { DirectoryStore } from '../state/directory.ts';
import { OBO_GRANT, PASSWORD_GRANT, resourceServerInfo } from './provider.ts';
import { resourceOfScope, resourcesInScope } from './resources.ts';

/** The resources (audiences) an app registration exposes; OBO assertions must be addressed to one of them. */
const EXPOSED_RESOURCES: Record<string, string[]> = {
  [BFF_CLIENT_ID]: [RESOURCES.bff, BFF_CLIENT_ID],
};

interface GrantDependencies {
  issuer: string;
  directory: DirectoryStore;
  keySet: () => JWTVerifyGetKey;
}

type GrantContext = KoaContextWithOIDC & { oidc: { params: Record<string, string | undefined> } };

/** Picks the single resource of the requested scope and the scopes that belong to it. */
function requestedResource(scope: string | undefined): { key: ResourceKey; scopes: string[] } {
  const keys = resourcesInScope(scope);
  if (keys.length !== 1) {
    throw new errors.InvalidScope(
      keys.length === 0
        ? 'AADSTS70011: The provided request must include a scope for one resource (e.g. https://management.azure.com/.default).'
        : 'AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource.',
      scope ?? '',
    );
  }
  const key = keys[0]!;
  return { key, scopes: (scope ?? '').split(' ').filter((s) => resourceOfScope(s) === key) };
}

async function issueUserToken(ctx: GrantContext, accountId: string, scope: string | undefined, gty: string) {
  const provider = ctx.oidc.provider as Provider;
  const { key, scopes } = requestedResource(scope);
  // JWT access tokens are self-contained: no stored grant backs them (Entra's OBO tokens are not revocable either).
  const token = new provider.AccessToken({
    accountId,
    client: ctx.oidc.client!,
    gty,
    scope: scopes.join(' '),
  } as never);
  token.resourceServer = new provider.ResourceServer(RESOURCES[key], resourceServerInfo(key));
  const value = await token.save();
  ctx.body = {
    token_type: 'Bearer',
    access_token: value,
    expires_in: token.expiration,
    ext_expires_in: token.expiration,
    scope: scopes.join(' '),
  };
}

/**
 * Entra's on-behalf-of flow (RFC 7523 jwt-bearer with requested_token_use=on_behalf_of): the BFF
 * trades the user's token for its API for a token to ARM or Graph, keeping the user's identity.
 */
function onBehalfOf(deps: GrantDependencies) {
  return async (ctx: GrantContext) => {
    const { assertion, requested_token_use: use, scope } = ctx.oidc.params;
    if (use !== 'on_behalf_of') throw new errors.InvalidRequest("requested_token_use must be 'on_behalf_of'");
    if (!assertion) throw new errors.InvalidRequest("missing required parameter 'assertion'");
    const audiences = EXPOSED_RESOURCES[ctx.oidc.client!.clientId];
    if (!audiences)
      throw new errors.UnauthorizedClient(
        'AADSTS50013: this client exposes no API; it cannot use the on-behalf-of flow',
      );
    let subject: string;
    try {
      const { payload } = await jwtVerify(assertion, deps.keySet(), {
        issuer: deps.issuer,
        audience: audiences,
      });
      subject = String(payload.oid ?? payload.sub);
    } catch (error) {
      throw new errors.InvalidGrant(
        `AADSTS50013: Assertion failed signature validation or is not addressed to this client: ${(error as Error).message}`,
      );
    }
    const user = deps.directory.get(subject);
    if (!user || user.kind !== 'user')
      throw new errors.InvalidGrant('AADSTS50013: the assertion is not a user token');
    await issueUserToken(ctx, user.id, scope, OBO_GRANT);
  };
}

/**
 * Resource-owner password credentials (Entra supports ROPC for non-federated users). LOCAL-ONLY
 * passwords of seeded users; lets scripts and tests get user tokens without a browser.
 */
function password(deps: GrantDependencies) {
  return async (ctx: GrantContext) => {
    const { username, password: secret, scope } = ctx.oidc.params;
    if (!username || !secret)
      throw new errors.InvalidRequest("missing required parameters 'username' and 'password'");
    const user = deps.directory.byUserPrincipalName(username);
    if (!user || !DirectoryStore.secretMatches(user, secret)) {
      throw new errors.InvalidGrant(
        'AADSTS50126: Error validating credentials due to invalid username or password.',
      );
    }
    await issueUserToken(ctx, user.id, scope, PASSWORD_GRANT);
  };
}

export function registerEntraGrants(provider: Provider, deps: GrantDependencies): void {
  provider.registerGrantType(OBO_GRANT, onBehalfOf(deps) as never, [
    'assertion',
    'requested_token_use',
    'scope',
  ]);
  provider.registerGrantType(PASSWORD_GRANT, password(deps) as never, ['username', 'password', 'scope']);
}
