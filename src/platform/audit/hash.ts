/** The audit chain's hash: pure, so the writer and `audit verify` compute it the same way. */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that the hash covers, exactly as stored. */
export interface HashedAuditFields {
  seq: number;
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  ip: string | null;
  before_json: string | null;
  after_json: string | null;
}

export function auditHash(prevHash: string, fields: HashedAuditFields): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.id,
    fields.at,
    fields.actor_type,
    fields.actor_id,
    fields.actor_label,
    fields.action,
    fields.entity_type,
    fields.entity_id,
    fields.request_id,
    fields.ip,
    fields.before_json,
    fields.after_json,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
