import type { EventData } from '@azure/arm-monitor';
import {
  registryResourceId,
  type ContentTrustChange,
  type ContentTrustChanges,
  type RegistryRef,
} from '@ctp/contracts';
import type { ArmClients } from '../azure/arm.ts';

/** How far back the blade looks (the activity log keeps 90 days). */
const DAYS = 90;
const REGISTRY_WRITE = 'microsoft.containerregistry/registries/write';
/** Enough for the blade; the activity log can be long for a busy registry. */
const MAX_EVENTS = 2000;

/**
 * Who enabled or disabled content trust on a registry, and when, from the ARM activity log
 * (`Microsoft.Insights/eventtypes/management/values` filtered to the registry). A write says what it
 * asked through its request body (`properties.requestbody`); a disable's trust-data deletion ends in a
 * later event of the same correlation id, which gives that change its final result.
 */
export async function contentTrustChanges(
  arm: ArmClients,
  ref: RegistryRef,
  now = new Date(),
): Promise<ContentTrustChanges> {
  const from = new Date(now.getTime() - DAYS * 24 * 3600_000).toISOString();
  const resourceId = registryResourceId(ref);
  const filter = `eventTimestamp ge '${from}' and resourceUri eq '${resourceId}'`;
  const events: EventData[] = [];
  for await (const e of arm.activityLog(ref.subscriptionId).activityLogs.list(filter)) {
    events.push(e);
    if (events.length >= MAX_EVENTS) break;
  }
  return { value: trustChangesOf(events), from };
}

/** The trust-policy changes among a registry's activity-log events, newest first. */
export function trustChangesOf(events: readonly EventData[]): ContentTrustChange[] {
  const writes = events.filter((e) => e.operationName?.value?.toLowerCase() === REGISTRY_WRITE);
  const requests = writes.filter((e) => (e.properties?.httpMethod ?? e.httpRequest?.method) !== 'LRO');
  const endings = new Map<string, EventData>();
  for (const e of writes)
    if (e.properties?.httpMethod === 'LRO' && e.correlationId) endings.set(e.correlationId, e);
  const changes: ContentTrustChange[] = [];
  for (const e of requests) {
    const change = requestedTrust(e.properties?.requestbody);
    if (!change) continue;
    const ending = e.correlationId ? endings.get(e.correlationId) : undefined;
    const final = ending ?? e;
    const result = resultOf(final.status?.value, Boolean(ending));
    const error = errorOf(final.properties?.statusMessage);
    changes.push({
      at: (e.eventTimestamp ?? new Date(0)).toISOString(),
      caller: e.caller ?? 'unknown',
      change,
      result,
      correlationId: e.correlationId ?? '',
      ...(error ? { error } : {}),
    });
  }
  return changes.sort((a, b) => b.at.localeCompare(a.at));
}

/** `enabled`/`disabled` when the write's body set the trust policy; undefined for other writes. */
function requestedTrust(body: string | undefined): ContentTrustChange['change'] | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { properties?: { policies?: { trustPolicy?: { status?: unknown } } } };
    const status = parsed.properties?.policies?.trustPolicy?.status;
    if (typeof status !== 'string') return undefined;
    const lower = status.toLowerCase();
    return lower === 'enabled' || lower === 'disabled' ? lower : 'unknown';
  } catch {
    return undefined;
  }
}

function resultOf(status: string | undefined, ended: boolean): ContentTrustChange['result'] {
  switch (status?.toLowerCase()) {
    case 'succeeded':
      return 'Succeeded';
    case 'failed':
      return 'Failed';
    case 'accepted':
      return ended ? 'Accepted' : 'InProgress';
    default:
      return 'InProgress';
  }
}

function errorOf(statusMessage: string | undefined): ContentTrustChange['error'] | undefined {
  if (!statusMessage) return undefined;
  try {
    const parsed = JSON.parse(statusMessage) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    return typeof code === 'string' && typeof message === 'string' ? { code, message } : undefined;
  } catch {
    return undefined;
  }
}
