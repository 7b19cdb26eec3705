import { createRoute, z } from '@hono/zod-openapi';
import {
  contentTrustChangesSchema,
  contentTrustImpactSchema,
  contentTrustOperationSchema,
  contentTrustStatusSchema,
  contentTrustUpdateResultSchema,
  contentTrustUpdateSchema,
  problemSchema,
  registryApiPath,
  registryRefSchema,
  type RegistryRef,
} from '@ctp/contracts';
import type { TrustCache } from '@ctp/notary';
import type { Caller } from '../auth/token-verifier.ts';
import type { ArmClients } from '../azure/arm.ts';
import type { PortalEnv } from '../env.ts';
import { NotFound } from '../errors.ts';
import type { LoginServerAccess } from '../registry/login-server-access.ts';
import { ContentTrustService } from '../services/content-trust.ts';
import { contentTrustChanges } from '../services/content-trust-changes.ts';
import { registryOperation } from '../services/content-trust-operations.ts';
import { toRegistry } from '../services/registries.ts';
import { listRepositories, readTrustData, registryDataPlane } from '../services/trust-data.ts';
import {
  TRUST_EXPORT_MEDIA_TYPE,
  trustExportArchive,
  trustExportFileName,
} from '../services/trust-export.ts';
import { trustImpact, trustServerImpactSource } from '../services/trust-impact.ts';
import { forgetRegistryPins } from '../services/trust-pins.ts';
import { registryPath } from './registries.ts';
import { bearerSecurity, createRouter, problemResponses } from './router.ts';

export interface ContentTrustRouteDeps {
  loginServers: LoginServerAccess;
  /** ARM's endpoint: operation statuses are polled there, on URLs the BFF builds itself. */
  armEndpoint: string;
  /** The repositories' trust cache: a registry's pins are forgotten when its content trust is disabled. */
  trustCache: TrustCache;
}

const path = `${registryPath}/content-trust`;
const tags = ['Content trust'];
const problemContent = { 'application/problem+json': { schema: problemSchema } };

const getStatus = createRoute({
  method: 'get',
  path,
  tags,
  summary: 'The content-trust policy, SKU support, the caller’s capabilities and the deprecation dates',
  description:
    'The `ETag` header (also `etag` in the body) is derived from the registry’s state; send it as `If-Match` to change the policy.',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: { description: 'The status', content: { 'application/json': { schema: contentTrustStatusSchema } } },
    ...problemResponses,
  },
});

const putStatus = createRoute({
  method: 'put',
  path,
  tags,
  summary: 'Enable or disable content trust (disabling deletes every repository’s trust data)',
  description: [
    'Read-modify-write of the registry’s `policies` through ARM, like `az acr config content-trust update`.',
    'Disabling requires `confirmRegistryName` equal to the registry’s name (exact, case-sensitive) and `If-Match` with the status’s ETag:',
    'without the name or with a wrong one → 400 `ConfirmationRequired`; without If-Match → 428; stale → 412. Nothing changes in those cases.',
    'ARM runs the change as a long-running operation: 202 with `operation` and a `Location` to poll (`…/content-trust/operations/{operationId}`), or 200 when ARM finished at once.',
    'A Basic/Standard registry → 400 `ContentTrustRequiresPremium`; ARM’s `ContentTrustUnsupported` (deprecation) is kept with what to do instead; ARM’s refusals (`AuthorizationFailed`) keep ARM’s reason.',
  ].join(' '),
  security: bearerSecurity,
  request: {
    params: registryRefSchema,
    headers: z.object({ 'if-match': z.string().max(200).optional() }),
    body: { required: true, content: { 'application/json': { schema: contentTrustUpdateSchema } } },
  },
  responses: {
    200: { description: 'Done', content: { 'application/json': { schema: contentTrustUpdateResultSchema } } },
    202: {
      description: 'Accepted: poll the operation',
      content: { 'application/json': { schema: contentTrustUpdateResultSchema } },
    },
    412: { description: 'The registry changed since its ETag was read.', content: problemContent },
    428: { description: 'Disabling needs If-Match.', content: problemContent },
    ...problemResponses,
  },
});

const getOperation = createRoute({
  method: 'get',
  path: `${path}/operations/{operationId}`,
  tags,
  summary: 'Progress of a content-trust change (ARM’s operation status)',
  security: bearerSecurity,
  request: {
    params: registryRefSchema.extend({ operationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/) }),
  },
  responses: {
    200: {
      description: 'The operation',
      content: { 'application/json': { schema: contentTrustOperationSchema } },
    },
    ...problemResponses,
  },
});

const getImpact = createRoute({
  method: 'get',
  path: `${path}/impact`,
  tags,
  summary: 'What disabling would delete: signed tags and repositories with trust data; images that stay',
  description:
    'Counted now from the trust server through the login server, as the caller: every repository of the catalog, its GUN’s trust data verified; signed tags as Docker counts them (`targets/releases`, then `targets`).',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: { description: 'The impact', content: { 'application/json': { schema: contentTrustImpactSchema } } },
    ...problemResponses,
  },
});

const getExport = createRoute({
  method: 'get',
  path: `${path}/export`,
  tags,
  summary: 'Download every repository’s TUF metadata as one zip archive with a manifest',
  description:
    '`manifest.json` lists {gun, role, version, sha256, length, path} per file and each GUN’s verification result; files are under `trust/<repository>/<role>.<sha256>.json`. `content-trust inspect --archive FILE NAME` verifies it offline.',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: {
      description: 'The archive',
      content: { [TRUST_EXPORT_MEDIA_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problemResponses,
  },
});

const getChanges = createRoute({
  method: 'get',
  path: `${path}/changes`,
  tags,
  summary: 'Who enabled or disabled content trust, and when (ARM activity log, 90 days)',
  security: bearerSecurity,
  request: { params: registryRefSchema },
  responses: {
    200: {
      description: 'The changes',
      content: { 'application/json': { schema: contentTrustChangesSchema } },
    },
    ...problemResponses,
  },
});

/** Policies > Content trust: status, enable / guarded disable, progress, impact, export, history. */
export function contentTrustRoutes(deps: ContentTrustRouteDeps) {
  /** The registry's login server as ARM returns it to this caller (never one from the request). */
  const dataPlane = async (arm: ArmClients, caller: Caller, ref: RegistryRef) => {
    const registry = toRegistry(
      await arm.registries(ref.subscriptionId).registries.get(ref.resourceGroup, ref.registryName),
    );
    if (!registry?.loginServer) throw new NotFound(`ARM names no login server for ${ref.registryName}.`);
    return { registry, plane: await registryDataPlane(deps.loginServers, caller, arm, registry.loginServer) };
  };

  return createRouter<PortalEnv>()
    .openapi(getStatus, async (c) => {
      const status = await new ContentTrustService(c.get('arm')).status(c.req.valid('param'));
      c.header('cache-control', 'no-store');
      c.header('etag', status.etag);
      return c.json(status, 200);
    })
    .openapi(putStatus, async (c) => {
      const ref = c.req.valid('param');
      const { result, accepted, registry } = await new ContentTrustService(c.get('arm')).update(
        ref,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      );
      if (c.req.valid('json').status === 'disabled') await forgetRegistryPins(deps.trustCache, registry);
      c.header('cache-control', 'no-store');
      c.header('etag', result.status.etag);
      if (result.operation) {
        c.header('location', `${registryApiPath(ref)}/content-trust/operations/${result.operation.id}`);
        c.header('retry-after', '1');
      }
      c.get('log').info(
        {
          registry: result.status.registryId,
          requested: c.req.valid('json').status,
          operation: result.operation?.id,
        },
        'content trust change submitted',
      );
      return accepted || result.operation ? c.json(result, 202) : c.json(result, 200);
    })
    .openapi(getOperation, async (c) => {
      const { operationId, ...ref } = c.req.valid('param');
      c.header('cache-control', 'no-store');
      return c.json(await registryOperation(c.get('arm'), deps.armEndpoint, ref, operationId), 200);
    })
    .openapi(getImpact, async (c) => {
      const { registry, plane } = await dataPlane(c.get('arm'), c.get('caller'), c.req.valid('param'));
      c.header('cache-control', 'no-store');
      return c.json(await trustImpact(registry.name, trustServerImpactSource(plane)), 200);
    })
    .openapi(getExport, async (c) => {
      const { registry, plane } = await dataPlane(c.get('arm'), c.get('caller'), c.req.valid('param'));
      const exportedAt = new Date();
      const trust = await readTrustData(plane, await listRepositories(plane), exportedAt);
      const withData = trust.filter((t) => t.result.kind !== 'no-trust-data');
      const { bytes, manifest } = trustExportArchive(registry, withData, exportedAt);
      c.get('log').info(
        { registry: registry.id, guns: withData.length, files: manifest.files.length },
        'trust data exported',
      );
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': TRUST_EXPORT_MEDIA_TYPE,
        'content-disposition': `attachment; filename="${trustExportFileName(registry.name, exportedAt)}"`,
        'cache-control': 'no-store',
      });
    })
    .openapi(getChanges, async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await contentTrustChanges(c.get('arm'), c.req.valid('param')), 200);
    });
}
