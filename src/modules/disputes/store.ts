/** The disputes module's queries. Only this module touches disputes, dispute_events and dispute_attachments. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { DisputesTables } from './tables.js';

export type DisputeRow = DisputesTables['disputes'];
export type EventRow = DisputesTables['dispute_events'];
export type AttachmentRow = DisputesTables['dispute_attachments'];

const q = (db: AnyDb): Kysely<DisputesTables> => tables<DisputesTables>(db);
const OPEN = ['open', 'investigating'];

export const findDispute = (db: AnyDb, id: string) =>
  q(db).selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();

export const insertDispute = (db: AnyDb, row: DisputeRow) =>
  q(db).insertInto('disputes').values(row).execute();

export const insertEvent = (db: AnyDb, row: EventRow) =>
  q(db).insertInto('dispute_events').values(row).execute();

export const eventsOf = (db: AnyDb, disputeId: string) =>
  q(db)
    .selectFrom('dispute_events')
    .selectAll()
    .where('dispute_id', '=', disputeId)
    .orderBy('at')
    .orderBy('id')
    .execute();

export const insertAttachment = (db: AnyDb, row: AttachmentRow) =>
  q(db).insertInto('dispute_attachments').values(row).execute();

export const attachmentsOf = (db: AnyDb, disputeId: string) =>
  q(db)
    .selectFrom('dispute_attachments')
    .selectAll()
    .where('dispute_id', '=', disputeId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();

export const findAttachment = (db: AnyDb, disputeId: string, id: string) =>
  q(db)
    .selectFrom('dispute_attachments')
    .selectAll()
    .where('dispute_id', '=', disputeId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Changes an open case only if it is still in `from` and no resolution holds it; false otherwise. */
export async function updateIfStatus(
  db: AnyDb,
  id: string,
  from: readonly string[],
  changes: Partial<DisputeRow>,
  options: { requireUnclaimed?: boolean; requireClaimed?: boolean } = {},
): Promise<boolean> {
  let query = q(db)
    .updateTable('disputes')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from]);
  if (options.requireUnclaimed) query = query.where('resolution_claimed_at', 'is', null);
  if (options.requireClaimed) query = query.where('resolution_claimed_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Σ amount of the open disputes of each invoice (invoices without one are absent). */
export async function openAmountsByInvoice(
  db: AnyDb,
  invoiceIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < invoiceIds.length; i += 5000) {
    const chunk = invoiceIds.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await q(db)
      .selectFrom('disputes')
      .select(['invoice_id', sql<number | string>`sum(amount)`.as('total')])
      .where('invoice_id', 'in', chunk)
      .where('status', 'in', OPEN)
      .groupBy('invoice_id')
      .execute();
    for (const r of rows) out.set(r.invoice_id, Number(r.total));
  }
  return out;
}

export interface ListFilter {
  customerId?: string | undefined;
  invoiceId?: string | undefined;
  status?: readonly string[] | undefined;
  ownerUserId?: string | undefined;
  reason?: string | undefined;
  /** The id of the last case of the previous page (newest first). */
  before?: string | undefined;
  limit?: number | undefined;
}

/** Cases newest first; `limit + 1` rows when a limit is given. */
export async function listDisputes(db: AnyDb, filter: ListFilter): Promise<DisputeRow[]> {
  let query = q(db).selectFrom('disputes').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
  if (filter.status?.length) query = query.where('status', 'in', [...filter.status]);
  if (filter.ownerUserId) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.reason) query = query.where('reason', '=', filter.reason);
  if (filter.before) query = query.where('id', '<', filter.before);
  query = query.orderBy('id', 'desc');
  if (filter.limit !== undefined) query = query.limit(filter.limit + 1);
  return query.execute();
}

/** Open cases with a deadline on or before `by`, earliest first. */
export const openDueBy = (db: AnyDb, by: string) =>
  q(db)
    .selectFrom('disputes')
    .selectAll()
    .where('status', 'in', OPEN)
    .where('deadline', 'is not', null)
    .where('deadline', '<=', by)
    .orderBy('deadline')
    .orderBy('id')
    .execute();
