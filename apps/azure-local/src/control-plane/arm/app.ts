import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isProblem } from '../identity/verify.ts';
import { handleAuthorization as authorizationRoutes } from './authorization-routes.ts';
import { bodyTooLarge, MAX_BODY_BYTES } from './body.ts';
import type { ArmEnv, ArmServices } from './context.ts';
import { ArmError } from './errors.ts';
import { localControlRoutes } from './local-controls.ts';
import { registryRoutes } from './registries-routes.ts';
import { resourceRoutes } from './resources-routes.ts';
import { pathSegments, Router } from './router.ts';
import type { RequestKind } from './throttle.ts';
import { Outage } from './outage.ts';

/**
 * The local Azure Resource Manager: real URL shapes and api-versions, the ARM error envelope, bearer
 * tokens from the local identity provider, RBAC on every call, throttling (switchable), activity log;
 * the emulator's own switches (local-controls.ts).
 */
export function createArmApp(services: ArmServices): Hono<ArmEnv> {
  const app = new Hono<ArmEnv>();
  const outage = services.outage ?? new Outage();
  const router = new Router();
  resourceRoutes(router, services);
  registryRoutes(router, services);

  localControlRoutes(router, services, outage);

  app.onError((error, c) => {
    const armError =
      error instanceof ArmError
        ? error
        : new ArmError(
            500,
            'InternalServerError',
            `The local ARM failed to process the request: ${error.message}`,
          );
    if (!(error instanceof ArmError)) console.error('[azure-local arm]', error);
    return c.json(armError.body(), armError.status as 400, armError.headers);
  });
  app.notFound((c) =>
    c.json(
      new ArmError(
        404,
        'NotFound',
        `The path '${new URL(c.req.url).pathname}' is not served by the local ARM.`,
      ).body(),
      404,
    ),
  );

  app.use('*', async (c, next) => {
    if (process.env.CTP_DEBUG_ARM === '1') console.error('[arm]', c.req.method, c.req.url);
    const requestId = randomUUID();
    const correlationId = c.req.header('x-ms-correlation-request-id') ?? requestId;
    c.set('correlationId', correlationId);
    await next();
    c.header('x-ms-request-id', requestId);
    c.header('x-ms-correlation-request-id', correlationId);
    c.header(
      'x-ms-routing-request-id',
      `LOCAL:${new Date().toISOString().replace(/[-:.]/g, '')}:${requestId}`,
    );
  });

  // The stack's health: each supervised process (PostgreSQL, notary, registries, portal) and its state.
  app.get('/health', (c) => {
    const processes = services.processes();
    const status = processes.every((p) => p.state === 'running') ? 'ok' : 'degraded';
    return c.json({ status, processes }, 200, { 'cache-control': 'no-store' });
  });

  // Bearer token from the local identity provider with an ARM audience.
  app.use('*', async (c, next) => {
    const header = c.req.header('authorization');
    const challenge = `Bearer authorization_uri="${services.endpoint()}", error="invalid_token"`;
    if (!header?.toLowerCase().startsWith('bearer ')) {
      throw new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        undefined,
        undefined,
        {
          'WWW-Authenticate': challenge,
        },
      );
    }
    const verified = await services.verifyToken(header.slice(7).trim());
    if (isProblem(verified)) {
      const code =
        verified.problem === 'expired' ? 'ExpiredAuthenticationToken' : 'InvalidAuthenticationToken';
      throw new ArmError(401, code, verified.message, undefined, undefined, {
        'WWW-Authenticate': `${challenge}, error_description="${verified.problem}"`,
      });
    }
    c.set('caller', verified);
    await next();
  });

  // A switched-on outage: 503 + Retry-After for everything but the emulator's own controls.
  app.use('*', async (c, next) => {
    const { enabled, retryAfterSeconds } = outage.current();
    if (enabled && !new URL(c.req.url).pathname.startsWith('/_azure-local/')) {
      throw new ArmError(
        503,
        'ServiceUnavailable',
        'The service is temporarily unavailable. Please try again later.',
        undefined,
        undefined,
        { 'Retry-After': String(retryAfterSeconds) },
      );
    }
    await next();
  });

  // Throttling: per principal token buckets; headers always, 429 only when switched on.
  app.use('*', async (c, next) => {
    const kind: RequestKind =
      c.req.method === 'GET' || c.req.method === 'HEAD'
        ? 'reads'
        : c.req.method === 'DELETE'
          ? 'deletes'
          : 'writes';
    const decision = services.throttle.take(c.get('caller').objectId, kind);
    const level = new URL(c.req.url).pathname.toLowerCase().startsWith('/subscriptions/')
      ? 'subscription'
      : 'tenant';
    const header = `x-ms-ratelimit-remaining-${level}-${kind}`;
    if (!decision.allowed) {
      const sub = pathSegments(new URL(c.req.url).pathname)[1] ?? '';
      throw new ArmError(
        429,
        level === 'subscription' ? 'SubscriptionRequestsThrottled' : 'TenantRequestsThrottled',
        `Number of '${kind.replace(/s$/, '')}' requests for ${level === 'subscription' ? `subscription '${sub}'` : 'tenant'} actor '${c.get('caller').objectId}' exceeded. Please try again after '${decision.retryAfterSeconds}' seconds after the additional tokens are available. Refer to https://aka.ms/arm-throttling`,
        undefined,
        undefined,
        { 'Retry-After': String(decision.retryAfterSeconds), [header]: '0' },
      );
    }
    await next();
    c.header(header, String(decision.remaining));
  });

  // Body size (ARM: 4 MB), by Content-Length and by counting what is read (chunked bodies): reading
  // stops at the limit.
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw bodyTooLarge();
      },
    }),
  );

  // Activity log: every write (who, what, when, result).
  app.use('*', async (c, next) => {
    await next();
    const target = c.get('activity');
    if (c.req.method === 'GET' || !target) return;
    const status = c.res.status;
    const caller = c.get('caller');
    const error =
      c.error instanceof ArmError
        ? { code: c.error.code, message: c.error.message }
        : c.error
          ? { code: 'InternalServerError', message: c.error.message }
          : null;
    const parts = target.resourceId.split('/');
    // The body was read (and cached by Hono) by the handler; capped as Azure trims large ones.
    const requestBody =
      c.req.method === 'PUT' || c.req.method === 'PATCH'
        ? (await c.req.text().catch(() => '')).slice(0, 8192) || null
        : null;
    services.activity.append({
      eventDataId: randomUUID(),
      eventTimestamp: new Date().toISOString(),
      correlationId: c.get('correlationId'),
      caller: caller.callerName,
      callerObjectId: caller.objectId,
      operationName: target.operationName,
      httpMethod: c.req.method,
      resourceId: target.resourceId,
      subscriptionId: parts[1]?.toLowerCase() === 'subscriptions' ? (parts[2] ?? null) : null,
      resourceGroup: parts[3]?.toLowerCase() === 'resourcegroups' ? (parts[4] ?? null) : null,
      status:
        status >= 400
          ? 'Failed'
          : status === 201 || status === 202
            ? c.res.headers.has('azure-asyncoperation') || c.res.headers.has('location')
              ? 'Accepted'
              : 'Succeeded'
            : 'Succeeded',
      statusCode: status,
      error,
      requestBody,
    });
  });

  app.all('*', async (c) => {
    const segments = pathSegments(new URL(c.req.url).pathname);
    const authorization = await authorizationRoutes(c, services, segments);
    if (authorization) return authorization;
    const match = router.match(c.req.method, segments);
    if (match === 'method-not-allowed') {
      throw new ArmError(
        405,
        'MethodNotAllowed',
        `The requested HTTP method '${c.req.method}' is not supported for this resource.`,
      );
    }
    if (!match) {
      throw new ArmError(
        404,
        'InvalidResourceType',
        `The resource type could not be found for the path '${new URL(c.req.url).pathname}' in the local ARM (it serves subscriptions, resource groups, Microsoft.ContainerRegistry/registries, Microsoft.Authorization and the activity log).`,
      );
    }
    return match.handler(c, match.params);
  });
  return app;
}
