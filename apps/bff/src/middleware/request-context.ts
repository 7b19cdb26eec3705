import { createMiddleware } from 'hono/factory';
import { requestId as honoRequestId } from 'hono/request-id';
import { createArmClients, type ArmSettings } from '../azure/arm.ts';
import { createGraphClient, type GraphSettings } from '../azure/graph.ts';
import type { DownstreamTokens } from '../auth/on-behalf-of.ts';
import type { PortalEnv, PublicEnv } from '../env.ts';
import type { Logger } from '../logging.ts';

/**
 * Hono's requestId (the id answers in `x-request-id`, names each problem's `instance` and each log
 * line), a child logger bound to it, and one access-log line per request (method, path, status, time;
 * never headers, so never a token).
 */
export function requestContext(options: { log: Logger }) {
  const access = createMiddleware<PublicEnv>(async (c, next) => {
    const log = options.log.child({ requestId: c.get('requestId') });
    c.set('log', log);
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
  return [honoRequestId(), access] as const;
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
