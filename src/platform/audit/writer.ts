/**
 * Appends entries to the audit trail inside the caller's transaction. The head row is locked
 * (PostgreSQL) or the write lock is already held (SQLite), so entries form one unbroken hash chain.
 */
import type { Actor } from '../auth/actor.js';
import type { AnyDb, Dialect } from '../db/database.js';
import { newId } from '../ids.js';
import { auditHash, type HashedAuditFields } from './hash.js';

export interface AuditInput {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Secrets never enter the audit trail, whatever an entity carries: any key naming a password, secret or token value. */
const SECRET_KEY = /password|secret|passphrase|apikey|^token$|csrftoken/i;

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (SECRET_KEY.test(key) ? '[redacted]' : v));
}

export async function appendAudit(
  db: AnyDb,
  dialect: Dialect,
  actor: Actor,
  at: string,
  entries: readonly AuditInput[],
): Promise<void> {
  if (entries.length === 0) return;
  let headQuery = db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prevHash = head.hash as string;
  const rows = entries.map((entry) => {
    seq += 1;
    const fields: HashedAuditFields = {
      seq,
      id: newId('audit'),
      at,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId ?? null,
      request_id: actor.requestId ?? null,
      ip: actor.ip ?? null,
      before_json: toJson(entry.before),
      after_json: toJson(entry.after),
    };
    const hash = auditHash(prevHash, fields);
    const row = { ...fields, prev_hash: prevHash, hash };
    prevHash = hash;
    return row;
  });
  await db.insertInto('audit_log').values(rows).execute();
  await db.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
}
