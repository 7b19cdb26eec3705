import { createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import { registryResourceId, type ContentTrustOperation, type RegistryRef } from '@ctp/contracts';
import type { ArmClients } from '../azure/arm.ts';
import { BadRequest, UpstreamError } from '../errors.ts';

/** ARM's operation names are path-safe tokens (`registries-<guid>` for ACR). */
const OPERATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const API_VERSION = '2025-11-01';
const httpClient = createDefaultHttpClient();

/**
 * The operation name from ARM's `Azure-AsyncOperation` URL, accepted only when that URL is the
 * registry's own `operationStatuses` (the BFF later rebuilds the URL itself, never follows one given).
 */
export function operationFromHeader(header: string, resourceId: string): string | undefined {
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return undefined;
  }
  const prefix = `${resourceId}/operationStatuses/`.toLowerCase();
  if (!url.pathname.toLowerCase().startsWith(prefix)) return undefined;
  const id = url.pathname.slice(prefix.length);
  return OPERATION_ID.test(id) ? id : undefined;
}

interface ArmOperationStatus {
  status?: string;
  startTime?: string;
  endTime?: string;
  error?: { code?: string; message?: string };
  properties?: { progress?: { phase?: unknown; done?: unknown; total?: unknown } };
}

/**
 * Polls a registry operation as the caller: `GET <ARM>/<registry id>/operationStatuses/<id>` through the
 * registry SDK client's pipeline (its credential, timeouts and correlation id).
 */
export async function registryOperation(
  arm: ArmClients,
  armEndpoint: string,
  ref: RegistryRef,
  id: string,
): Promise<ContentTrustOperation> {
  if (!OPERATION_ID.test(id)) throw new BadRequest(`"${id}" is not an ARM operation id.`);
  const url = `${armEndpoint.replace(/\/+$/, '')}${registryResourceId(ref)}/operationStatuses/${encodeURIComponent(id)}?api-version=${API_VERSION}`;
  const client = arm.registries(ref.subscriptionId);
  const response = await client.pipeline.sendRequest(
    httpClient,
    createPipelineRequest({ url, method: 'GET', headers: undefined }),
  );
  let body: ArmOperationStatus;
  try {
    body = JSON.parse(response.bodyAsText ?? '{}') as ArmOperationStatus;
  } catch {
    body = {}; // a non-JSON answer: its status decides below
  }
  if (response.status >= 400)
    throw new UpstreamError(
      'ARM',
      response.status,
      body.error?.code,
      body.error?.message ?? `ARM answered ${response.status} for the operation ${id}.`,
    );
  const status = normalizeStatus(body.status);
  const progress = body.properties?.progress;
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
  return {
    id,
    status,
    ...(body.startTime ? { startedAt: body.startTime } : {}),
    ...(body.endTime ? { endedAt: body.endTime } : {}),
    ...(progress
      ? {
          progress: {
            ...(typeof progress.phase === 'string' ? { phase: progress.phase } : {}),
            ...(int(progress.done) !== undefined ? { done: int(progress.done) } : {}),
            ...(progress.total === null
              ? { total: null }
              : int(progress.total) !== undefined
                ? { total: int(progress.total) }
                : {}),
          },
        }
      : {}),
    ...(status === 'Failed' || status === 'Canceled'
      ? {
          error: {
            type: 'about:blank',
            title: status === 'Failed' ? 'The change failed' : 'The change was canceled',
            status: 500,
            detail: body.error?.message ?? `ARM reports the operation as ${status} without a reason.`,
            ...(body.error?.code ? { code: body.error.code } : {}),
          },
        }
      : {}),
  };
}

/** ARM's terminal states; anything else (Accepted, Running, InProgress…) is still running. */
function normalizeStatus(status: string | undefined): ContentTrustOperation['status'] {
  switch (status?.toLowerCase()) {
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'canceled':
    case 'cancelled':
      return 'Canceled';
    default:
      return 'InProgress';
  }
}
