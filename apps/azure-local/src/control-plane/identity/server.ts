import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { CertificateFiles } from '@ctp/local-pki';
import { TENANT_ID } from '../constants.ts';
import type { Db } from '../state/db.ts';
import type { DirectoryStore } from '../state/directory.ts';
import { listenHttps, type HttpsEndpoint } from '../http/serve.ts';
import { registerEntraGrants } from './grants.ts';
import type { SigningKeys } from './keys.ts';
import { handleInteraction } from './login-page.ts';
import { createProvider } from './provider.ts';
import { TokenVerifier } from './verify.ts';

export interface IdentityProviderOptions {
  db: Db;
  directory: DirectoryStore;
  keys: SigningKeys;
  tls: CertificateFiles;
  port: number;
  cookieKeys: string[];
  bffClientSecret: string;
  spaRedirectUris: string[];
  spaPostLogoutRedirectUris: string[];
}

export interface IdentityProvider {
  /** https://localhost:<port>/<tenant>/v2.0 (the `iss` of every token, MSAL's authority). */
  issuer: string;
  origin: string;
  verifier: TokenVerifier;
  /** Publishes a new signing key and signs with it from now on; older keys still verify. */
  rotateSigningKey(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The Entra-shaped identity provider on its own HTTPS port: oidc-provider mounted under
 * /<tenant>/v2.0 (so discovery is at /<tenant>/v2.0/.well-known/openid-configuration as on Entra),
 * plus the sign-in page at /interaction/<uid>.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const origin = `https://localhost:${options.port}`;
  const prefix = `/${TENANT_ID}/v2.0`;
  const issuer = `${origin}${prefix}`;
  let keySet = options.keys.localKeySet();
  const build = (): { provider: Provider; callback: ReturnType<Provider['callback']> } => {
    const provider = createProvider({
      issuer,
      db: options.db,
      directory: options.directory,
      privateJwks: options.keys.privateJwks(),
      cookieKeys: options.cookieKeys,
      spaRedirectUris: options.spaRedirectUris,
      spaPostLogoutRedirectUris: options.spaPostLogoutRedirectUris,
      bffClientSecret: options.bffClientSecret,
    });
    registerEntraGrants(provider, { issuer, directory: options.directory, keySet: () => keySet });
    return { provider, callback: provider.callback() };
  };
  let current = build();

  const listener = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      req.originalUrl = req.url;
      req.url = req.url!.slice(prefix.length) || '/';
      void current.callback(req, res);
      return;
    }
    if (path.startsWith('/interaction/')) {
      handleInteraction(() => current.provider, options.directory, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`sign-in failed: ${(error as Error).message}`);
      });
      return;
    }
    if (path === '/' || path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer, discovery: `${issuer}/.well-known/openid-configuration` }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: 'not_found', error_description: `No such endpoint; the issuer is ${issuer}` }),
    );
  };
  const endpoint: HttpsEndpoint = await listenHttps(options.tls, options.port, listener as never);

  return {
    issuer,
    origin,
    verifier: new TokenVerifier(issuer, () => keySet),
    async rotateSigningKey() {
      const kid = await options.keys.rotate();
      keySet = options.keys.localKeySet();
      current = build();
      return kid;
    },
    stop: () => endpoint.close(),
  };
}
