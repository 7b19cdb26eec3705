import { createMiddleware } from 'hono/factory';
import { requestId as honoRequestId } from 'hono/request-id';
import { createArmClients, type ArmSettings } from '../azure/arm.ts';
import { createGraphClient, type GraphSettings } from '../azure/graph.ts';
import type { DownstreamTokens } from '../auth/on-behalf-of.ts';
import type { PortalEnv, PublicEnv } from '../env.ts';
import type { Logger } from '../logging.ts';

/** A caller's own request id is kept (for correlation only) when it is a short plain token. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Hono's requestId, always made here (never the caller's X-Request-Id: the id names the request in the
 * logs, in each problem's `instance` and in ARM's correlation header, so a caller must not choose it),
 * answered in `x-request-id`; a child logger bound to it (and to the caller's own id, as
 * `clientRequestId`, when that is a short plain token); one access-log line per request (method,
 * path, status, time; never headers, so never a token).
 */
export function requestContext(options: { log: Logger }) {
  const access = createMiddleware<PublicEnv>(async (c, next) => {
    const requestId = c.get('requestId');
    const clientRequestId = c.req.header('x-request-id');
    const log = options.log.child({
      requestId,
      ...(clientRequestId && CLIENT_REQUEST_ID.test(clientRequestId) ? { clientRequestId } : {}),
    });
    c.set('log', log);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  // No header name: hono's middleware then neither reads the caller's id nor answers one (done above).
  return [honoRequestId({ headerName: '' }), access] as const;
}

export interface CallerContextOptions {
  arm: ArmSettings;
  graph: GraphSettings;
  tokens: DownstreamTokens;
}

/** After requireUser: the caller's ARM and Graph clients, built lazily per request. */
export function callerContext(options: CallerContextOptions) {
  return createMiddleware<PortalEnv>(async (c, next) => {
    const caller = c.get('caller');
    c.set('arm', createArmClients(options.arm, caller, options.tokens, c.get('requestId')));
    c.set('graph', createGraphClient(options.graph, caller, options.tokens));
    await next();
  });
}
