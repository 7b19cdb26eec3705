import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlanePort, DataPlaneCaller, RegistryRecord } from '../../ports.ts';
import { grantAccess, rightsOf } from '../token/authorization.ts';
import type { TokenIssuer } from '../token/issuer.ts';
import { parseScopes, ScopeError } from '../token/scopes.ts';
import { sendError, sendJson } from './respond.ts';

/** ACR's username for "the password is an ACR refresh token". */
export const REFRESH_TOKEN_USERNAME = '00000000-0000-0000-0000-000000000000';
const MAX_FORM_BYTES = 64 * 1024;

export interface TokenServiceDeps {
  controlPlane: ControlPlanePort;
  issuer: TokenIssuer;
}

/** Resolves Basic credentials: an ACR refresh token, a local identity, or the registry's admin account. */
export async function callerFromBasic(
  deps: TokenServiceDeps,
  registry: RegistryRecord,
  username: string,
  password: string,
): Promise<DataPlaneCaller | undefined> {
  if (username === REFRESH_TOKEN_USERNAME) {
    const claims = await deps.issuer.verifyRefreshToken(password, registry.loginServer);
    return claims ? { kind: 'principal', ...claims } : undefined;
  }
  return deps.controlPlane.authenticateBasic(registry, username, password);
}

export function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * `/oauth2/token`: Docker token auth (GET with optional Basic credentials) and ACR's OAuth2 form
 * (POST, grant_type=password|refresh_token). Anonymous requests get a token with empty access, as the
 * notary CLI needs (its read-only commands try anonymously first; a 401 here would stop them).
 */
export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  registry: RegistryRecord,
  deps: TokenServiceDeps,
): Promise<void> {
  const url = new URL(req.url ?? '/', `https://${registry.loginServer}`);
  let params: URLSearchParams;
  let caller: DataPlaneCaller | undefined;
  const oauth = req.method === 'POST';
  if (req.method === 'GET') {
    params = url.searchParams;
    const basic = parseBasic(req.headers.authorization);
    if (req.headers.authorization && !basic) {
      return sendError(res, 400, 'UNSUPPORTED', 'the token service accepts Basic credentials only');
    }
    caller = basic
      ? await callerFromBasic(deps, registry, basic.username, basic.password)
      : { kind: 'anonymous' };
  } else if (oauth) {
    const form = await readForm(req, res);
    if (!form) return;
    params = form;
    const grant = form.get('grant_type');
    if (grant === 'password') {
      caller = await callerFromBasic(deps, registry, form.get('username') ?? '', form.get('password') ?? '');
    } else if (grant === 'refresh_token') {
      const claims = await deps.issuer.verifyRefreshToken(
        form.get('refresh_token') ?? '',
        registry.loginServer,
      );
      caller = claims ? { kind: 'principal', ...claims } : undefined;
    } else {
      return sendJson(res, 400, {
        error: 'unsupported_grant_type',
        error_description: `grant_type must be password or refresh_token, got "${grant ?? ''}"`,
      });
    }
  } else {
    return sendError(res, 405, 'UNSUPPORTED', 'use GET or POST on /oauth2/token', { allow: 'GET, POST' });
  }

  const service = params.get('service');
  if (service !== null && service !== registry.loginServer) {
    return sendError(
      res,
      400,
      'INVALID_SERVICE',
      `unknown service "${service}": this token service is for ${registry.loginServer}`,
    );
  }
  if (!caller) {
    return sendError(res, 401, 'UNAUTHORIZED', 'invalid username, password or token', {
      'www-authenticate': `Basic realm="https://${registry.loginServer}/oauth2/token"`,
    });
  }

  let access;
  try {
    access = grantAccess(
      parseScopes(params.getAll('scope')),
      rightsOf(caller, registry, deps.controlPlane),
      registry.loginServer,
    );
  } catch (error) {
    if (error instanceof ScopeError) return sendError(res, 400, 'INVALID_SCOPE', error.message);
    throw error;
  }
  const subject =
    caller.kind === 'principal' ? caller.objectId : caller.kind === 'registry-admin' ? caller.registry : '';
  const minted = await deps.issuer.mintAccessToken(registry.loginServer, subject, access);
  const scope = access.map((a) => `${a.type}:${a.name}:${a.actions.join(',')}`).join(' ');
  if (oauth) {
    return sendJson(res, 200, {
      access_token: minted.token,
      expires_in: minted.expiresIn,
      issued_at: minted.issuedAt,
      scope,
    });
  }
  sendJson(res, 200, {
    token: minted.token,
    access_token: minted.token,
    expires_in: minted.expiresIn,
    issued_at: minted.issuedAt,
  });
}

/** `/oauth2/exchange`: an Entra access token becomes an ACR refresh token for this login server. */
export async function handleExchange(
  req: IncomingMessage,
  res: ServerResponse,
  registry: RegistryRecord,
  deps: TokenServiceDeps,
): Promise<void> {
  if (req.method !== 'POST')
    return sendError(res, 405, 'UNSUPPORTED', 'use POST on /oauth2/exchange', { allow: 'POST' });
  const form = await readForm(req, res);
  if (!form) return;
  const grant = form.get('grant_type');
  if (grant !== 'access_token' && grant !== 'access_token_refresh_token') {
    return sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: 'grant_type must be access_token',
    });
  }
  const service = form.get('service');
  if (service !== registry.loginServer) {
    return sendError(
      res,
      400,
      'INVALID_SERVICE',
      `service must be ${registry.loginServer}, got "${service ?? ''}"`,
    );
  }
  const accessToken = form.get('access_token');
  if (!accessToken)
    return sendJson(res, 400, { error: 'invalid_request', error_description: 'access_token is required' });
  const caller = await deps.controlPlane.verifyEntraAccessToken(accessToken);
  if (caller?.kind !== 'principal') {
    return sendError(res, 401, 'UNAUTHORIZED', 'the Entra access token is invalid or expired', {
      'www-authenticate': `Bearer realm="https://${registry.loginServer}/oauth2/exchange"`,
    });
  }
  const refreshToken = await deps.issuer.mintRefreshToken(registry.loginServer, caller);
  sendJson(res, 200, { refresh_token: refreshToken });
}

async function readForm(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    sendError(res, 400, 'UNSUPPORTED', 'the body must be application/x-www-form-urlencoded');
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      sendError(res, 413, 'SIZE_INVALID', 'form body too large');
      return undefined;
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
