/** Reading the audit trail: filters by action, entity, actor and period, newest first. */
import type { AnyDb } from '../db/database.js';

export interface AuditFilter {
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  /** fromAt inclusive, beforeAt exclusive (UTC ISO instants). */
  fromAt?: string | undefined;
  beforeAt?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export async function queryAudit(db: AnyDb, filter: AuditFilter): Promise<(AuditEntry & { seq: number })[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.fromAt) query = query.where('at', '>=', filter.fromAt);
  if (filter.beforeAt) query = query.where('at', '<', filter.beforeAt);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    ip: row.ip,
    before: parse(row.before_json),
    after: parse(row.after_json),
  }));
}
