import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CertificateFiles } from '@ctp/local-pki';
import type { ControlPlanePort, RegistryRecord } from '../../ports.ts';
import { gunPrefix } from '../layout.ts';
import { rightsOf } from '../token/authorization.ts';
import type { TokenIssuer } from '../token/issuer.ts';
import { listAcrTags } from './acr-tags.ts';
import { proxy } from './proxy.ts';
import { BadPath, classifyPath, type Route } from './request-path.ts';
import { sendError, sendJson } from './respond.ts';
import { callerFromBasic, handleExchange, handleToken, parseBasic } from './token-service.ts';

export interface LoginServerOptions {
  controlPlane: ControlPlanePort;
  issuer: TokenIssuer;
  tls: CertificateFiles;
  /** `localhost:<port>`, as the registry record says. */
  loginServer: string;
  registryPort: number;
  notaryServerPort: number;
  registryStorageDir: string;
  /** True while a trust-data deletion of this registry is unfinished: trust data is then not served. */
  trustDeletionPending: (registryName: string) => boolean;
  /** Target names of a GUN in Docker's lookup roles (`targets`, `targets/releases`), from the trust store. */
  lookupTargetNames: (gun: string) => Promise<ReadonlySet<string>>;
}

export interface LoginServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTPS front door of one registry, like `<name>.azurecr.io`: `/v2/…` to docker-registry,
 * `/v2/<gun>/_trust/…` to notary-server (subject to the registry's content-trust policy), the token
 * service under `/oauth2/`, and ACR's tag listing under `/acr/v1/`. The registry record is read on every
 * request, so policy and admin-account changes apply at once.
 */
export async function startLoginServer(options: LoginServerOptions): Promise<LoginServer> {
  const port = Number(options.loginServer.split(':')[1]);
  if (!Number.isInteger(port)) throw new Error(`login server "${options.loginServer}" has no port`);
  const [cert, key] = await Promise.all([readFile(options.tls.cert), readFile(options.tls.key)]);
  const server = https.createServer({ cert, key, requestTimeout: 0 }, (req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      if (!res.headersSent)
        sendError(
          res,
          500,
          'UNKNOWN',
          `login server error: ${error instanceof Error ? error.message : String(error)}`,
        );
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: LoginServerOptions): Promise<void> {
  const registry = options.controlPlane.findRegistryByLoginServer(options.loginServer);
  if (!registry)
    return sendError(res, 404, 'NAME_UNKNOWN', `registry ${options.loginServer} does not exist (any more)`);
  let route: Route;
  try {
    route = classifyPath(req.url ?? '/', req.method ?? 'GET', registry.loginServer);
  } catch (error) {
    if (error instanceof BadPath) {
      req.resume();
      return sendError(res, error.status, error.code, error.message);
    }
    throw error;
  }
  const deps = { controlPlane: options.controlPlane, issuer: options.issuer };
  switch (route.kind) {
    case 'health':
      return sendJson(res, 200, {});
    case 'token':
      return handleToken(req, res, registry, deps);
    case 'exchange':
      return handleExchange(req, res, registry, deps);
    case 'registry':
      return proxy(req, res, options.registryPort, `the registry (docker-registry) of ${registry.name}`);
    case 'acr-tags':
      return serveAcrTags(req, res, registry, route.repository, options);
    case 'trust': {
      if (servesTrustData(registry, options)) {
        const { gun, tail } = route;
        return proxy(
          req,
          res,
          options.notaryServerPort,
          `the trust server (notary-server) of ${registry.name}`,
          gun !== undefined && tail !== undefined && req.method === 'GET'
            ? () => options.controlPlane.takeTrustServerFault(registry.loginServer, gun, tail)
            : undefined,
        );
      }
      req.resume();
      if (route.write) {
        return sendError(
          res,
          403,
          'DENIED',
          `content trust is disabled on registry ${registry.name}: trust data cannot be pushed. ` +
            'Enable it under Policies > Content trust (Premium SKU) and try again.',
        );
      }
      if (!route.gun) return sendJson(res, 200, { count: 0, records: null });
      return sendError(
        res,
        404,
        'METADATA_NOT_FOUND',
        `content trust is disabled on registry ${registry.name}: no trust data for ${route.gun}`,
      );
    }
  }
}

/** Trust data is served while the registry's policy is enabled and no deletion of it is unfinished. */
function servesTrustData(registry: RegistryRecord, options: LoginServerOptions): boolean {
  return registry.trustPolicy === 'enabled' && !options.trustDeletionPending(registry.name);
}

async function serveAcrTags(
  req: IncomingMessage,
  res: ServerResponse,
  registry: RegistryRecord,
  repository: string,
  options: LoginServerOptions,
): Promise<void> {
  if (req.method !== 'GET') return sendError(res, 405, 'UNSUPPORTED', 'use GET', { allow: 'GET' });
  const challenge = {
    'www-authenticate': `Bearer realm="https://${registry.loginServer}/oauth2/token",service="${registry.loginServer}",scope="repository:${repository}:pull"`,
  };
  if (!(await mayReadRepository(req, registry, repository, options))) {
    return sendError(
      res,
      401,
      'UNAUTHORIZED',
      `authentication required to list the tags of ${repository}`,
      challenge,
    );
  }
  const url = new URL(req.url ?? '/', `https://${registry.loginServer}`);
  const n = url.searchParams.get('n');
  const orderby = url.searchParams.get('orderby');
  if (n !== null && !/^[1-9][0-9]{0,4}$/.test(n))
    return sendError(res, 400, 'PAGINATION_NUMBER_INVALID', 'n must be a positive integer');
  if (orderby !== null && orderby !== 'timedesc' && orderby !== 'timeasc') {
    return sendError(res, 400, 'INVALID_PARAMETER', 'orderby must be timedesc or timeasc');
  }
  const internal = await options.issuer.mintAccessToken(registry.loginServer, 'azure-local-data-plane', [
    { type: 'repository', name: repository, actions: ['pull'] },
  ]);
  const gun = `${gunPrefix(registry)}${repository}`;
  // While trust data is not served (policy disabled, deletion unfinished) no tag counts as signed.
  const signedTags = async (): Promise<ReadonlySet<string>> => {
    if (!servesTrustData(registry, options)) return new Set();
    try {
      return await options.lookupTargetNames(gun);
    } catch (error) {
      throw new Error(
        `could not read the trust data of ${gun} from notary-server's store: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  };
  const result = await listAcrTags(
    registry,
    repository,
    options.registryPort,
    options.registryStorageDir,
    internal.token,
    {
      ...(n !== null ? { n: Number(n) } : {}),
      ...(url.searchParams.get('last') !== null ? { last: url.searchParams.get('last') ?? '' } : {}),
      ...(orderby !== null ? { orderby } : {}),
    },
    signedTags,
  );
  if (!result)
    return sendError(
      res,
      404,
      'NAME_UNKNOWN',
      `repository ${repository} is not known to registry ${registry.name}`,
    );
  const headers: Record<string, string> = {};
  if (result.lastOnPage !== undefined) {
    const next = new URLSearchParams({ last: result.lastOnPage, n: String(result.listing.tags.length) });
    if (orderby !== null) next.set('orderby', orderby);
    headers.link = `</acr/v1/${repository}/_tags?${next.toString()}>; rel="next"`;
  }
  sendJson(res, 200, result.listing, headers);
}

async function mayReadRepository(
  req: IncomingMessage,
  registry: RegistryRecord,
  repository: string,
  options: LoginServerOptions,
): Promise<boolean> {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) {
    const token = await options.issuer.verifyAccessToken(bearer, registry.loginServer);
    return !!token?.access.some(
      (a) =>
        a.type === 'repository' &&
        a.name === repository &&
        (a.actions.includes('pull') || a.actions.includes('*')),
    );
  }
  const basic = parseBasic(header);
  if (!basic) return false;
  const caller = await callerFromBasic(
    { controlPlane: options.controlPlane, issuer: options.issuer },
    registry,
    basic.username,
    basic.password,
  );
  return !!caller && rightsOf(caller, registry, options.controlPlane).pull;
}
