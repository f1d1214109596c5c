/** Queries of followup_promises and followup_promise_invoices (migrations/0016_promises.ts). */
import type { Kysely } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';

export interface PromisesTables {
  followup_promises: {
    id: string;
    customer_id: string;
    currency: string;
    amount: number;
    promised_date: string;
    contact_name: string;
    channel: string;
    note: string | null;
    status: string;
    open_at_promise: number;
    paid_amount: number;
    created_by: string | null;
    created_by_label: string | null;
    created_at: string;
    closed_at: string | null;
    close_reason: string | null;
    task_id: string | null;
    updated_at: string;
  };
  followup_promise_invoices: {
    promise_id: string;
    invoice_id: string;
    number: string;
    open_at_promise: number;
  };
}

export type PromiseRow = PromisesTables['followup_promises'];
export type PromiseInvoiceRow = PromisesTables['followup_promise_invoices'];

const q = (db: AnyDb): Kysely<PromisesTables> => tables<PromisesTables>(db);

export async function insertPromise(db: AnyDb, row: PromiseRow, invoices: readonly PromiseInvoiceRow[]) {
  await q(db).insertInto('followup_promises').values(row).execute();
  await q(db)
    .insertInto('followup_promise_invoices')
    .values([...invoices])
    .execute();
}

export const findPromise = (db: AnyDb, id: string) =>
  q(db).selectFrom('followup_promises').selectAll().where('id', '=', id).executeTakeFirst();

export async function invoicesOf(
  db: AnyDb,
  promiseIds: readonly string[],
): Promise<Map<string, PromiseInvoiceRow[]>> {
  const out = new Map<string, PromiseInvoiceRow[]>();
  if (promiseIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('followup_promise_invoices')
    .selectAll()
    .where('promise_id', 'in', [...promiseIds])
    .orderBy('promise_id')
    .orderBy('number')
    .execute();
  for (const r of rows) {
    const list = out.get(r.promise_id) ?? [];
    list.push({ ...r, open_at_promise: Number(r.open_at_promise) });
    out.set(r.promise_id, list);
  }
  return out;
}

/** Open promises covering any of these invoices. */
export async function openPromiseIdsOnInvoices(db: AnyDb, invoiceIds: readonly string[]): Promise<string[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await q(db)
    .selectFrom('followup_promise_invoices as pi')
    .innerJoin('followup_promises as p', 'p.id', 'pi.promise_id')
    .select(['p.id', 'pi.number'])
    .where('pi.invoice_id', 'in', [...invoiceIds])
    .where('p.status', '=', 'open')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** Any open promise on these invoices, with the invoice number it covers (for a clear refusal). */
export const openPromiseOnInvoices = (db: AnyDb, invoiceIds: readonly string[]) =>
  q(db)
    .selectFrom('followup_promise_invoices as pi')
    .innerJoin('followup_promises as p', 'p.id', 'pi.promise_id')
    .select(['p.id', 'pi.invoice_id', 'pi.number', 'p.promised_date'])
    .where('pi.invoice_id', 'in', [...invoiceIds])
    .where('p.status', '=', 'open')
    .execute();

/** Broken promises covering any of these invoices (their tasks close when the invoices are paid). */
export async function brokenPromiseIdsOnInvoices(
  db: AnyDb,
  invoiceIds: readonly string[],
): Promise<string[]> {
  if (invoiceIds.length === 0) return [];
  const rows = await q(db)
    .selectFrom('followup_promise_invoices as pi')
    .innerJoin('followup_promises as p', 'p.id', 'pi.promise_id')
    .select('p.id')
    .where('pi.invoice_id', 'in', [...invoiceIds])
    .where('p.status', '=', 'broken')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** Open promises whose date is before `today`: the daily evaluation's work, by the (status, date) index. */
export const duePromiseIds = async (db: AnyDb, today: string, limit: number) =>
  (
    await q(db)
      .selectFrom('followup_promises')
      .select('id')
      .where('status', '=', 'open')
      .where('promised_date', '<', today)
      .orderBy('promised_date')
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map((r) => r.id);

/**
 * Closes an open promise (kept, broken or cancelled) only if it is still open; false when another
 * evaluation closed it first — so a promise is closed once, whoever gets there first.
 */
export async function closePromise(
  db: AnyDb,
  id: string,
  changes: Pick<PromiseRow, 'status' | 'closed_at' | 'close_reason' | 'paid_amount' | 'updated_at'> & {
    task_id?: string | null;
  },
): Promise<boolean> {
  const result = await q(db)
    .updateTable('followup_promises')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const setPaid = (db: AnyDb, id: string, paid: number, now: string) =>
  q(db)
    .updateTable('followup_promises')
    .set({ paid_amount: paid, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();

export const setTask = (db: AnyDb, id: string, taskId: string) =>
  q(db).updateTable('followup_promises').set({ task_id: taskId }).where('id', '=', id).execute();

export interface ListFilter {
  status?: string | undefined;
  customerId?: string | undefined;
  invoiceId?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
export async function listPromises(db: AnyDb, filter: ListFilter): Promise<PromiseRow[]> {
  let query = q(db)
    .selectFrom('followup_promises')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.before) query = query.where('id', '<', filter.before);
  if (filter.invoiceId) {
    const invoiceId = filter.invoiceId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('followup_promise_invoices').select('promise_id').where('invoice_id', '=', invoiceId),
    );
  }
  return query.execute();
}

/** Every promise of a customer, newest first, at most `limit` (for the timeline). */
export const promisesOfCustomer = (db: AnyDb, customerId: string, limit: number) =>
  q(db)
    .selectFrom('followup_promises')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
