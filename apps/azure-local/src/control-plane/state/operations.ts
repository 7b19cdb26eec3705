import type { Db } from './db.ts';

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

/** A long-running ARM operation (registry create/update/delete), polled through operationStatuses. */
export interface Operation {
  id: string;
  kind: 'registry-create' | 'registry-update' | 'registry-delete' | 'trust-data-deletion';
  resourceId: string;
  status: OperationStatus;
  startedAt: string;
  endedAt: string | null;
  progress: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
}

interface Row {
  id: string;
  kind: Operation['kind'];
  resource_id: string;
  status: OperationStatus;
  started_at: string;
  ended_at: string | null;
  progress: string | null;
  error: string | null;
}

function fromRow(r: Row): Operation {
  return {
    id: r.id,
    kind: r.kind,
    resourceId: r.resource_id,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    progress: r.progress ? (JSON.parse(r.progress) as Record<string, unknown>) : null,
    error: r.error ? (JSON.parse(r.error) as Operation['error']) : null,
  };
}

export class OperationStore {
  constructor(private readonly db: Db) {}

  start(id: string, kind: Operation['kind'], resourceId: string): Operation {
    this.db
      .prepare(
        "INSERT INTO operations (id, kind, resource_id, status, started_at) VALUES (?, ?, ?, 'InProgress', ?)",
      )
      .run(id, kind, resourceId, new Date().toISOString());
    return this.get(id)!;
  }

  get(id: string): Operation | undefined {
    const row = this.db.prepare('SELECT * FROM operations WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  progress(id: string, progress: Record<string, unknown>): void {
    this.db.prepare('UPDATE operations SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
  }

  finish(
    id: string,
    status: Exclude<OperationStatus, 'InProgress'>,
    error?: { code: string; message: string },
  ): void {
    this.db
      .prepare('UPDATE operations SET status = ?, ended_at = ?, error = ? WHERE id = ?')
      .run(status, new Date().toISOString(), error ? JSON.stringify(error) : null, id);
  }

  /** Operations that were running when the process stopped. */
  unfinished(): Operation[] {
    return (this.db.prepare("SELECT * FROM operations WHERE status = 'InProgress'").all() as Row[]).map(
      fromRow,
    );
  }
}
