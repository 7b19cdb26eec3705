import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isProblem, type TokenVerifier, type VerifiedCaller } from '../identity/verify.ts';
import { RESOURCES } from '../constants.ts';
import type { DirectoryKind, DirectoryStore } from '../state/directory.ts';
import { GraphQueryError, parseFilter, parseSearch, resourceOf } from './query.ts';

type GraphEnv = { Variables: { caller: VerifiedCaller } };

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const COLLECTIONS: Record<string, { kind: DirectoryKind; permissions: string[] }> = {
  users: { kind: 'user', permissions: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'] },
  groups: { kind: 'group', permissions: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'] },
  serviceprincipals: {
    kind: 'servicePrincipal',
    permissions: ['Application.Read.All', 'Directory.Read.All'],
  },
};
const CONTEXT_NAMES: Record<DirectoryKind, string> = {
  user: 'users',
  group: 'groups',
  servicePrincipal: 'servicePrincipals',
};

function requirePermission(caller: VerifiedCaller, permissions: string[]): void {
  const granted = new Set([...caller.scopes, ...caller.roles].map((s) => s.toLowerCase()));
  if (!permissions.some((p) => granted.has(p.toLowerCase()))) {
    throw new GraphError(
      403,
      'Authorization_RequestDenied',
      `Insufficient privileges to complete the operation. One of these permissions is needed: ${permissions.join(', ')}.`,
    );
  }
}

function select(
  item: Record<string, unknown>,
  selectParam: string | undefined,
  keepType: boolean,
): Record<string, unknown> {
  const base = keepType
    ? item
    : Object.fromEntries(Object.entries(item).filter(([k]) => k !== '@odata.type'));
  if (!selectParam) return base;
  const wanted = new Set(
    selectParam
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(base).filter(([k]) => k === '@odata.type' || k === 'id' || wanted.has(k.toLowerCase())),
  );
}

/**
 * The Microsoft Graph subset the member picker uses: users, groups and service principals with
 * $search (ConsistencyLevel: eventual), $filter, $select, $top, $count and @odata.nextLink paging;
 * a group's direct members (same query options); /me; directoryObjects/getByIds. Errors have Graph's { error: { code, message, innerError } } shape.
 */
export function createGraphApp(deps: {
  directory: DirectoryStore;
  verifier: TokenVerifier;
  endpoint: () => string;
}): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  const { directory } = deps;

  app.onError((error, c) => {
    const graphError =
      error instanceof GraphError
        ? error
        : error instanceof GraphQueryError
          ? new GraphError(400, error.code, error.message)
          : new GraphError(500, 'generalException', `The local Graph failed: ${error.message}`);
    if (graphError.status === 500) console.error('[azure-local graph]', error);
    const requestId = randomUUID();
    return c.json(
      {
        error: {
          code: graphError.code,
          message: graphError.message,
          innerError: {
            date: new Date().toISOString().slice(0, 19),
            'request-id': requestId,
            'client-request-id': c.req.header('client-request-id') ?? requestId,
          },
        },
      },
      graphError.status as 400,
    );
  });
  app.notFound(() => {
    throw new GraphError(
      400,
      'BadRequest',
      'Resource not found for the segment in the local Graph (it serves /v1.0/users, /groups, /groups/{id}/members, /servicePrincipals, /me, /directoryObjects/getByIds).',
    );
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.use('/v1.0/*', async (c, next) => {
    const header = c.req.header('authorization');
    if (!header?.toLowerCase().startsWith('bearer '))
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const verified = await deps.verifier.verify(header.slice(7).trim(), [
      RESOURCES.graph,
      '00000003-0000-0000-c000-000000000000',
    ]);
    if (isProblem(verified)) {
      throw new GraphError(
        401,
        'InvalidAuthenticationToken',
        verified.problem === 'expired'
          ? 'Lifetime validation failed, the token is expired.'
          : `Access token validation failure. ${verified.message}`,
      );
    }
    c.set('caller', verified);
    await next();
  });

  /**
   * One page of a directory-object collection: $search / $filter (advanced queries need
   * ConsistencyLevel: eventual, as does $count), $top (1..999, default 100), $select, and
   * @odata.nextLink carrying $skiptoken. `keepType` keeps `@odata.type` (mixed-type collections).
   */
  const page = (
    c: Context<GraphEnv>,
    all: Array<Record<string, unknown>>,
    context: string,
    keepType: boolean,
  ) => {
    const eventual = c.req.header('consistencylevel')?.toLowerCase() === 'eventual';
    const search = c.req.query('$search');
    const filter = c.req.query('$filter');
    const count = c.req.query('$count');
    if (search !== undefined && !eventual) {
      throw new GraphError(
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    if (count === 'true' && !eventual) {
      throw new GraphError(
        400,
        'Request_BadRequest',
        "$count is only supported with the 'ConsistencyLevel: eventual' request header.",
      );
    }
    const topRaw = c.req.query('$top');
    const top = topRaw === undefined ? 100 : Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Invalid page size specified: '${topRaw}'. Must be between 1 and 999 inclusive.`,
      );
    }
    let offset = 0;
    const skipToken = c.req.query('$skiptoken');
    if (skipToken !== undefined) {
      const parsed = z
        .object({ o: z.number().int().min(0) })
        .safeParse(safeJson(Buffer.from(skipToken, 'base64url').toString('utf8')));
      if (!parsed.success) throw new GraphError(400, 'Request_BadRequest', "Invalid '$skiptoken' value.");
      offset = parsed.data.o;
    }
    let items = all;
    if (search !== undefined) items = items.filter(parseSearch(search));
    if (filter !== undefined) items = items.filter(parseFilter(filter));
    const slice = items.slice(offset, offset + top);
    const body: Record<string, unknown> = {
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`,
    };
    if (count === 'true') body['@odata.count'] = items.length;
    body.value = slice.map((item) => select(item, c.req.query('$select'), keepType));
    if (offset + top < items.length) {
      // Graph keeps `$` literal in nextLink query names.
      const url = new URL(c.req.url);
      const kept = url.search
        .slice(1)
        .split('&')
        .filter((p) => p && !/^(\$|%24)skiptoken=/i.test(p));
      kept.push(`$skiptoken=${Buffer.from(JSON.stringify({ o: offset + top })).toString('base64url')}`);
      body['@odata.nextLink'] = `${deps.endpoint()}${url.pathname}?${kept.join('&')}`;
    }
    return c.json(body);
  };

  const list = (c: Context<GraphEnv>, collection: string) => {
    const spec = COLLECTIONS[collection.toLowerCase()];
    if (!spec) throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${collection}'.`);
    requirePermission(c.get('caller'), spec.permissions);
    return page(c, directory.list(spec.kind).map(resourceOf), CONTEXT_NAMES[spec.kind], false);
  };

  app.get('/v1.0/me', (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'user')
      throw new GraphError(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    const me = directory.get(caller.objectId);
    if (!me)
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${caller.objectId}' does not exist or one of its queried reference-property objects are not present.`,
      );
    return c.json({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      ...select(resourceOf(me), c.req.query('$select'), false),
    });
  });

  app.post('/v1.0/directoryObjects/getByIds', async (c) => {
    requirePermission(c.get('caller'), ['Directory.Read.All', 'User.ReadBasic.All', 'User.Read.All']);
    const parsed = z
      .object({ ids: z.array(z.string()).max(1000), types: z.array(z.string()).optional() })
      .safeParse(safeJson(await c.req.text()));
    if (!parsed.success)
      throw new GraphError(
        400,
        'Request_BadRequest',
        `Invalid request body: ${parsed.error.issues[0]?.message ?? 'expected {"ids": [...]}'}`,
      );
    const types = parsed.data.types?.map((t) => t.toLowerCase());
    const value = directory
      .getMany(parsed.data.ids)
      .filter((o) => !types || types.includes(o.kind.toLowerCase()))
      .map((o) => select(resourceOf(o), c.req.query('$select'), true));
    return c.json({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects', value });
  });

  app.get('/v1.0/:collection', (c) => list(c, c.req.param('collection')));

  // Direct members of a group (users, groups, service principals; each with its @odata.type).
  app.get('/v1.0/groups/:id/members', (c) => {
    requirePermission(c.get('caller'), ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All']);
    const id = c.req.param('id');
    const group = directory.get(id);
    if (!group || group.kind !== 'group') {
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return page(c, directory.membersOf(group.id).map(resourceOf), 'directoryObjects', true);
  });

  app.get('/v1.0/:collection/:id', (c) => {
    const spec = COLLECTIONS[c.req.param('collection').toLowerCase()];
    if (!spec)
      throw new GraphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${c.req.param('collection')}'.`,
      );
    requirePermission(c.get('caller'), spec.permissions);
    const id = c.req.param('id');
    const found = directory.get(id) ?? (spec.kind === 'user' ? directory.byUserPrincipalName(id) : undefined);
    if (!found || found.kind !== spec.kind) {
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return c.json({
      '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${CONTEXT_NAMES[spec.kind]}/$entity`,
      ...select(resourceOf(found), c.req.query('$select'), false),
    });
  });

  return app;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
