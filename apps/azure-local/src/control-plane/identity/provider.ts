import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from './oidc-provider.ts';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  APPLICATION_ROLES,
  BFF_CLIENT_ID,
  CLI_CLIENT_ID,
  DELEGATED_SCOPES,
  RESOURCES,
  SPA_CLIENT_ID,
  TENANT_ID,
  type ResourceKey,
} from '../constants.ts';
import type { DirectoryObject, DirectoryStore } from '../state/directory.ts';
import type { Db } from '../state/db.ts';
import { sqliteAdapterFactory } from './oidc-adapter.ts';
import {
  resourceKeyOf,
  resourceOfScope,
  resourcesInScope,
  scopesOfResource,
  shortScopeName,
  unknownResourceOf,
} from './resources.ts';

export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const PASSWORD_GRANT = 'password';

export interface ProviderOptions {
  issuer: string;
  db: Db;
  directory: DirectoryStore;
  privateJwks: object[];
  cookieKeys: string[];
  spaRedirectUris: string[];
  spaPostLogoutRedirectUris: string[];
  bffClientSecret: string;
}

/** Resource-server description oidc-provider uses to mint JWT access tokens for one audience. */
export function resourceServerInfo(key: ResourceKey) {
  return {
    scope: scopesOfResource(key).join(' '),
    audience: RESOURCES[key],
    accessTokenFormat: 'jwt' as const,
    accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
    jwt: { sign: { alg: 'RS256' as const } },
  };
}

function clients(options: ProviderOptions): ClientMetadata[] {
  const servicePrincipalClients = options.directory
    .list('servicePrincipal')
    .filter((sp) => sp.appId && sp.localSecret && sp.appId !== BFF_CLIENT_ID)
    .map((sp): ClientMetadata => ({
      client_id: sp.appId!,
      client_secret: sp.localSecret!,
      client_name: sp.displayName,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    }));
  return [
    {
      client_id: SPA_CLIENT_ID,
      client_name: 'Content Trust Portal (SPA)',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: options.spaRedirectUris,
      post_logout_redirect_uris: options.spaPostLogoutRedirectUris,
    },
    {
      client_id: BFF_CLIENT_ID,
      client_secret: options.bffClientSecret,
      client_name: 'Content Trust Portal (BFF)',
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: [OBO_GRANT, 'client_credentials', PASSWORD_GRANT],
      response_types: [],
      redirect_uris: [],
    },
    {
      // Public client for scripts and tests, like Azure CLI's well-known client id.
      client_id: CLI_CLIENT_ID,
      client_name: 'azure-local tools',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: [PASSWORD_GRANT, 'refresh_token'],
      response_types: [],
      redirect_uris: [],
    },
    ...servicePrincipalClients,
  ];
}

/** Claims Entra puts in every access token for a user (oid, tid, name, preferred_username...). */
export function userClaims(user: DirectoryObject) {
  return {
    oid: user.id,
    tid: TENANT_ID,
    name: user.displayName,
    preferred_username: user.userPrincipalName ?? undefined,
    upn: user.userPrincipalName ?? undefined,
    idtyp: 'user',
  };
}

/**
 * Entra-shaped access-token claims: `scp` (short scope names; `.default` expands to what the resource
 * offers) for delegated tokens, `roles` + `idtyp: app` for app-only tokens; oid/tid/azp/appid/ver/nbf.
 */
function customizeJwt(directory: DirectoryStore) {
  return (
    _ctx: KoaContextWithOIDC,
    token: { accountId?: string; clientId?: string; kind: string },
    jwt: { payload: Record<string, unknown> },
  ) => {
    const payload = jwt.payload;
    const audience = String(payload.aud ?? '');
    const key = resourceKeyOf(audience);
    const requested = String(payload.scope ?? '')
      .split(' ')
      .filter(Boolean);
    delete payload.scope;
    const clientId = token.clientId ?? String(payload.client_id ?? '');
    Object.assign(payload, { tid: TENANT_ID, azp: clientId, appid: clientId, ver: '2.0', nbf: payload.iat });
    if (token.accountId) {
      const user = directory.get(token.accountId);
      if (user) Object.assign(payload, userClaims(user), { sub: user.id });
      const names = requested
        .filter((s) => !key || resourceOfScope(s) === key)
        .flatMap((s) =>
          shortScopeName(s) === '.default' && key ? DELEGATED_SCOPES[key] : [shortScopeName(s)],
        );
      payload.scp = [...new Set(names)].join(' ');
    } else {
      const sp = directory.byAppId(clientId);
      if (sp) Object.assign(payload, { oid: sp.id, sub: sp.id, idtyp: 'app' });
      const roles = key ? APPLICATION_ROLES[key] : undefined;
      if (roles) payload.roles = roles;
    }
  };
}

/**
 * The Entra-shaped OIDC provider: discovery, authorize (code + PKCE), token (code, refresh, client
 * credentials, plus the OBO and password grants registered by grants.ts), JWKS, end-session.
 * Access tokens are JWTs whose audience follows the requested scope, as on Entra.
 */
export function createProvider(options: ProviderOptions): Provider {
  const { directory } = options;
  const configuration: Configuration = {
    adapter: sqliteAdapterFactory(options.db),
    clients: clients(options),
    jwks: { keys: options.privateJwks as never },
    cookies: { keys: options.cookieKeys },
    claims: { openid: ['sub', 'oid', 'tid'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    rotateRefreshToken: false,
    findAccount: async (_ctx, sub) => {
      const user = directory.get(sub);
      if (!user || user.kind !== 'user') return undefined;
      return {
        accountId: user.id,
        claims: async () => ({
          sub: user.id,
          ...userClaims(user),
          email: user.mail ?? undefined,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          // oidc-provider only ends the session when the confirm form carries logout=yes.
          const withLogout = form.replace(
            '</form>',
            '<input type="hidden" name="logout" value="yes"/></form>',
          );
          ctx.body = page(
            'Signing out…',
            `<p>Signing you out of the local identity provider…</p>${withLogout}
            <noscript><button form="op.logoutForm" type="submit">Sign out</button></noscript>
            <script>document.forms[0].submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Signed out', '<p>You are signed out of the local identity provider.</p>');
        },
      },
      resourceIndicators: {
        enabled: true,
        // Entra derives the audience from the scopes (no `resource` parameter): pick the resources named there.
        defaultResource: async (ctx, _client, oneOf) => {
          const scope = ctx.oidc.params?.scope as string | undefined;
          // Entra refuses a scope of a resource the tenant does not have (no token at all).
          const unknown = unknownResourceOf(scope);
          if (unknown) throw resourceNotFound(unknown);
          const keys = resourcesInScope(scope).map((k) => RESOURCES[k]);
          if (oneOf) return keys.find((r) => oneOf.includes(r)) ?? oneOf[0]!;
          if (keys.length === 0) return undefined as unknown as string;
          return keys.length === 1 ? keys[0]! : keys;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          const key = resourceKeyOf(resourceIndicator);
          if (!key) throw resourceNotFound(resourceIndicator);
          return resourceServerInfo(key);
        },
      },
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      ClientCredentials: ACCESS_TOKEN_TTL_SECONDS,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    formats: { customizers: { jwt: customizeJwt(directory) as never } },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`,
      );
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth' && ctx.method === 'GET') {
      // The mount prefix (/<tenant>/v2.0), kept in sync below for resume redirects (see the msal reference).
      const req = ctx.req as typeof ctx.req & { originalUrl?: string };
      const original = req.originalUrl ?? ctx.url;
      const prefix = original.slice(0, original.length - ctx.url.length);
      const query = new URLSearchParams(ctx.querystring);
      const prompts = new Set((query.get('prompt') ?? '').split(' ').filter(Boolean));
      // Entra's select_account: oidc-provider rejects it; login shows the picker, which is the same.
      if (prompts.delete('select_account')) prompts.add('login');
      // oidc-provider drops offline_access (no refresh token) unless consent is prompted.
      if ((query.get('scope') ?? '').split(' ').includes('offline_access') && !prompts.has('none'))
        prompts.add('consent');
      if (prompts.size > 0) query.set('prompt', [...prompts].join(' '));
      ctx.querystring = query.toString();
      req.originalUrl = `${prefix}${ctx.url}`;
    }
    await next();
    // Its own pages (errors, sign-out) may not be framed either; redirects (silent iframe renewals) are not pages.
    if (ctx.response.is('html')) {
      ctx.set('x-frame-options', 'DENY');
      ctx.set('content-security-policy', "frame-ancestors 'none'");
    }
    // Entra's client_info ({uid: oid, utid: tid}) lets MSAL build homeAccountId = <oid>.<tid>.
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && body && typeof body.id_token === 'string') {
      const claims = JSON.parse(
        Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { oid?: string; tid?: string };
      if (claims.oid && claims.tid) {
        Object.assign(body, {
          client_info: Buffer.from(JSON.stringify({ uid: claims.oid, utid: claims.tid })).toString(
            'base64url',
          ),
        });
      }
    }
  });
  if (process.env.CTP_DEBUG_IDP === '1') {
    provider.on('grant.error', (_ctx, error: Error & { error_description?: string; error_detail?: string }) =>
      console.error('[idp] grant.error', error.message, error.error_description, error.error_detail),
    );
    provider.on('server_error', (_ctx, error: Error) => console.error('[idp] server_error', error));
  }
  return provider;
}

/** Entra's answer to a scope of an unknown resource (`error: invalid_resource`, AADSTS500011). */
function resourceNotFound(resource: string): Error {
  return new errors.CustomOIDCProviderError(
    'invalid_resource',
    `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${TENANT_ID}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button.person{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #c8c6c4;border-radius:4px;background:#fff;cursor:pointer;font:inherit}
button.person:hover,button.person:focus{border-color:#0078d4;outline:2px solid #0078d4}
.upn{color:#605e5c;font-size:.9rem;display:block}.summary{color:#323130;font-size:.85rem;display:block}
.note{color:#605e5c;font-size:.85rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
