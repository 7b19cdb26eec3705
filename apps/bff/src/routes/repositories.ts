import { createRoute, z } from '@hono/zod-openapi';
import {
  registryKeysSchema,
  registryRefSchema,
  reportQuerySchema,
  reportSchema,
  repositoryQuerySchema,
  repositorySummarySchema,
  scanEventSchema,
  tagEventSchema,
  trustDetailsSchema,
} from '@ctp/contracts';
import type { PortalEnv } from '../env.ts';
import { RepositoryService } from '../services/repositories/service.ts';
import { CSV_HEADER, csvLine, reportRow } from '../services/repositories/report.ts';
import type { RepositoryDependencies } from '../services/repositories/scan-context.ts';
import { NDJSON, ndjsonResponse, requestAbort } from './ndjson.ts';
import { registryPath } from './registries.ts';
import { bearerSecurity, createRouter, problemResponses } from './router.ts';

const base = `${registryPath}/repositories`;
const tags = ['Repositories'];

const scan = createRoute({
  method: 'get',
  path: `${base}/scan`,
  tags,
  summary: 'Scan every repository: tag statuses from verified trust data, streamed as they complete',
  description:
    'NDJSON: a `start` line, a `repository` line per repository as it completes (with done / total), then `done`. A repository whose trust data cannot be read is `unknown` with the reason; the scan goes on. Closing the connection stops the upstream work.',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: {
      description: 'Scan events, one JSON object per line',
      content: { [NDJSON]: { schema: scanEventSchema } },
    },
    ...problemResponses,
  },
});

const summary = createRoute({
  method: 'get',
  path: `${base}/summary`,
  tags,
  summary: 'One repository scanned alone (retry of a failed repository)',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: repositoryQuerySchema },
  responses: {
    200: {
      description: 'The repository',
      content: { 'application/json': { schema: repositorySummarySchema } },
    },
    ...problemResponses,
  },
});

const tagList = createRoute({
  method: 'get',
  path: `${base}/tags`,
  tags,
  summary: 'Every tag of a repository with status, signers and what a content-trust client pulls',
  description: 'NDJSON: `trust`, then `tags` pages as the registry lists them, then `done` with the counts.',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: repositoryQuerySchema },
  responses: {
    200: {
      description: 'Tag events, one JSON object per line',
      content: { [NDJSON]: { schema: tagEventSchema } },
    },
    ...problemResponses,
  },
});

const trust = createRoute({
  method: 'get',
  path: `${base}/trust`,
  tags,
  summary: 'A repository’s trust data: roles, keys, thresholds, versions, expiries, delegations',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: repositoryQuerySchema },
  responses: {
    200: { description: 'Trust details', content: { 'application/json': { schema: trustDetailsSchema } } },
    ...problemResponses,
  },
});

const keys = createRoute({
  method: 'get',
  path: `${base}/keys`,
  tags,
  summary: 'Which root, repository and signer keys sign which repositories',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: {
      description: 'Keys across the registry',
      content: { 'application/json': { schema: registryKeysSchema } },
    },
    ...problemResponses,
  },
});

const report = createRoute({
  method: 'get',
  path: `${base}/report`,
  tags,
  summary: 'Signed vs unsigned per tag, for the registry or one repository, as CSV or JSON',
  security: bearerSecurity,
  request: { params: registryRefSchema, query: reportQuerySchema },
  responses: {
    200: {
      description: 'The report (a download)',
      content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: reportSchema } },
    },
    ...problemResponses,
  },
});

/** The Repositories blade: scans, tags, trust details, keys and reports of one registry. */
export function repositoryRoutes(deps: RepositoryDependencies) {
  const service = (c: { get: <K extends 'arm' | 'caller'>(k: K) => PortalEnv['Variables'][K] }) =>
    new RepositoryService(c.get('arm'), c.get('caller'), deps);
  return createRouter<PortalEnv>()
    .openapi(scan, async (c) => {
      const abort = requestAbort(c.req.raw);
      const events = await service(c).scan(c.req.valid('param'), abort.signal);
      return ndjsonResponse(events, abort, c.get('requestId')) as never;
    })
    .openapi(summary, async (c) => {
      c.header('cache-control', 'no-store');
      const abort = requestAbort(c.req.raw);
      return c.json(
        await service(c).summary(c.req.valid('param'), c.req.valid('query').repository, abort.signal),
        200,
      );
    })
    .openapi(tagList, async (c) => {
      const abort = requestAbort(c.req.raw);
      const events = await service(c).tags(
        c.req.valid('param'),
        c.req.valid('query').repository,
        abort.signal,
      );
      return ndjsonResponse(events, abort, c.get('requestId')) as never;
    })
    .openapi(trust, async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await service(c).trust(c.req.valid('param'), c.req.valid('query').repository), 200);
    })
    .openapi(keys, async (c) => {
      c.header('cache-control', 'no-store');
      const abort = requestAbort(c.req.raw);
      return c.json(await service(c).keys(c.req.valid('param'), abort.signal), 200);
    })
    .openapi(report, async (c) => {
      const ref = c.req.valid('param');
      const { format, repository } = c.req.valid('query');
      const abort = requestAbort(c.req.raw);
      const svc = service(c);
      const repositories = repository
        ? [repository]
        : (await svc.summaries(ref, abort.signal)).map((s) => s.repository);
      const rows = [];
      for (const r of repositories)
        rows.push(...(await svc.allTags(ref, r, abort.signal)).map((row) => reportRow(r, row)));
      const stamp = new Date().toISOString();
      const name = `${ref.registryName}${repository ? `-${repository.replaceAll('/', '_')}` : ''}-tags-${stamp.slice(0, 10)}`;
      c.header('cache-control', 'no-store');
      c.header('content-disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'json') {
        const { loginServer } = await svc.registry(ref);
        return c.json({ registry: ref.registryName, loginServer, generatedAt: stamp, rows }, 200);
      }
      return c.body(CSV_HEADER + rows.map(csvLine).join(''), 200, {
        'content-type': 'text/csv; charset=utf-8',
      }) as never;
    });
}
