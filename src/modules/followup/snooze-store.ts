/** Queries of followup_snoozes (migrations/0016_promises.ts). */
import type { Kysely } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';

export interface SnoozeTables {
  followup_snoozes: {
    id: string;
    invoice_id: string;
    number: string;
    customer_id: string;
    reason: string;
    until: string;
    created_by: string | null;
    created_by_label: string | null;
    created_at: string;
    ended_at: string | null;
    ended_by_label: string | null;
    end_reason: string | null;
  };
}

export type SnoozeRow = SnoozeTables['followup_snoozes'];

const q = (db: AnyDb): Kysely<SnoozeTables> => tables<SnoozeTables>(db);

export const insertSnooze = (db: AnyDb, row: SnoozeRow) =>
  q(db).insertInto('followup_snoozes').values(row).execute();

export const findSnooze = (db: AnyDb, id: string) =>
  q(db).selectFrom('followup_snoozes').selectAll().where('id', '=', id).executeTakeFirst();

/** The snooze of an invoice that still holds on company date `on`, if any. */
export const activeSnoozeOf = (db: AnyDb, invoiceId: string, on: string) =>
  q(db)
    .selectFrom('followup_snoozes')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('ended_at', 'is', null)
    .where('until', '>', on)
    .executeTakeFirst();

/** Ends a snooze only if it is not ended yet; false when it already was. */
export async function endSnooze(
  db: AnyDb,
  id: string,
  changes: Pick<SnoozeRow, 'ended_at' | 'ended_by_label' | 'end_reason'>,
): Promise<boolean> {
  const result = await q(db)
    .updateTable('followup_snoozes')
    .set(changes)
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface SnoozeFilter {
  invoiceId?: string | undefined;
  customerId?: string | undefined;
  /** Only the snoozes that hold on this company date. */
  activeOn?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
export function listSnoozes(db: AnyDb, filter: SnoozeFilter): Promise<SnoozeRow[]> {
  let query = q(db)
    .selectFrom('followup_snoozes')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.activeOn) query = query.where('ended_at', 'is', null).where('until', '>', filter.activeOn);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.execute();
}
