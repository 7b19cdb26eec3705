import type { Db } from './db.ts';

/** One ARM write as the activity log records it (who, what, when, result). */
export interface ActivityEvent {
  eventDataId: string;
  eventTimestamp: string;
  correlationId: string;
  /** UPN for users, appId for service principals (as Azure shows the caller). */
  caller: string;
  callerObjectId: string | null;
  /** e.g. Microsoft.ContainerRegistry/registries/write */
  operationName: string;
  httpMethod: string;
  resourceId: string;
  subscriptionId: string | null;
  resourceGroup: string | null;
  status: 'Succeeded' | 'Failed' | 'Accepted';
  statusCode: number;
  error: { code: string; message: string } | null;
  /** The write's JSON request body as sent (Azure: `properties.requestbody`), when it had one. */
  requestBody?: string | null;
}

interface Row {
  event_data_id: string;
  event_timestamp: string;
  correlation_id: string;
  caller: string;
  caller_object_id: string | null;
  operation_name: string;
  http_method: string;
  resource_id: string;
  subscription_id: string | null;
  resource_group: string | null;
  status: ActivityEvent['status'];
  status_code: number;
  error: string | null;
  request_body: string | null;
}

export interface ActivityQuery {
  subscriptionId: string;
  resourceId?: string;
  resourceGroup?: string;
  from?: string;
  to?: string;
}

export class ActivityLogStore {
  constructor(private readonly db: Db) {}

  append(e: ActivityEvent): void {
    this.db
      .prepare(
        `INSERT INTO activity_log (event_data_id, event_timestamp, correlation_id, caller, caller_object_id, operation_name,
           http_method, resource_id, subscription_id, resource_group, status, status_code, error, request_body)
         VALUES (@eventDataId, @eventTimestamp, @correlationId, @caller, @callerObjectId, @operationName,
           @httpMethod, @resourceId, @subscriptionId, @resourceGroup, @status, @statusCode, @error, @requestBody)`,
      )
      .run({ ...e, error: e.error ? JSON.stringify(e.error) : null, requestBody: e.requestBody ?? null });
  }

  query(q: ActivityQuery): ActivityEvent[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM activity_log WHERE subscription_id = ? COLLATE NOCASE ORDER BY event_timestamp DESC, rowid DESC',
      )
      .all(q.subscriptionId) as Row[];
    return rows
      .map((r): ActivityEvent => ({
        eventDataId: r.event_data_id,
        eventTimestamp: r.event_timestamp,
        correlationId: r.correlation_id,
        caller: r.caller,
        callerObjectId: r.caller_object_id,
        operationName: r.operation_name,
        httpMethod: r.http_method,
        resourceId: r.resource_id,
        subscriptionId: r.subscription_id,
        resourceGroup: r.resource_group,
        status: r.status,
        statusCode: r.status_code,
        error: r.error ? (JSON.parse(r.error) as ActivityEvent['error']) : null,
        requestBody: r.request_body,
      }))
      .filter((e) => !q.resourceId || e.resourceId.toLowerCase() === q.resourceId.toLowerCase())
      .filter((e) => !q.resourceGroup || e.resourceGroup?.toLowerCase() === q.resourceGroup.toLowerCase())
      .filter((e) => !q.from || e.eventTimestamp >= q.from)
      .filter((e) => !q.to || e.eventTimestamp <= q.to);
  }
}
