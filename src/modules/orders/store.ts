/** The orders module's queries. Only this module touches sales_orders and sales_order_lines. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, type Dialect, tables } from '../../platform/db/database.js';
import type { OrdersTables } from './tables.js';

export type OrderRow = OrdersTables['sales_orders'];
export type LineRow = OrdersTables['sales_order_lines'];

const q = (db: AnyDb): Kysely<OrdersTables> => tables<OrdersTables>(db);

export const findOrder = (db: AnyDb, id: string) =>
  q(db).selectFrom('sales_orders').selectAll().where('id', '=', id).executeTakeFirst();

/** The order row, locked until the transaction ends (PostgreSQL; SQLite's writer lock already serialises). */
export function lockOrder(db: AnyDb, dialect: Dialect, id: string): Promise<OrderRow | undefined> {
  let query = q(db).selectFrom('sales_orders').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export const linesOf = (db: AnyDb, orderId: string) =>
  q(db)
    .selectFrom('sales_order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();

export async function linesOfOrders(db: AnyDb, orderIds: readonly string[]): Promise<Map<string, LineRow[]>> {
  const out = new Map<string, LineRow[]>();
  if (orderIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('sales_order_lines')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.order_id) ?? [];
    list.push(r);
    out.set(r.order_id, list);
  }
  return out;
}

export const insertOrder = (db: AnyDb, row: OrderRow) =>
  q(db).insertInto('sales_orders').values(row).execute();

export const updateOrder = (db: AnyDb, id: string, changes: Partial<OrderRow>) =>
  q(db).updateTable('sales_orders').set(changes).where('id', '=', id).execute();

/** Moves the order from one status to another only if it is still in `from`; false when it was not. */
export async function moveStatus(
  db: AnyDb,
  id: string,
  from: string,
  changes: Partial<OrderRow> & { status: string },
): Promise<boolean> {
  const result = await q(db)
    .updateTable('sales_orders')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the invoice on the order only if none is recorded yet; false when another got there first. */
export async function setInvoice(db: AnyDb, id: string, invoiceId: string, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('sales_orders')
    .set({ invoice_id: invoiceId, updated_at: now })
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceLines(db: AnyDb, orderId: string, lines: readonly LineRow[]): Promise<void> {
  await q(db).deleteFrom('sales_order_lines').where('order_id', '=', orderId).execute();
  if (lines.length > 0)
    await q(db)
      .insertInto('sales_order_lines')
      .values([...lines])
      .execute();
}

export const setLineReservation = (db: AnyDb, lineId: string, reserved: number, backordered: number) =>
  q(db).updateTable('sales_order_lines').set({ reserved, backordered }).where('id', '=', lineId).execute();

/**
 * Adds `quantity` shipped units to a line, taking them from its reservation first and then from its
 * backorder, in one guarded UPDATE: it changes nothing (returns false) if that would take shipped
 * above ordered — whatever ran concurrently. The right-hand sides all read the row's old values.
 */
export async function addShipped(
  db: AnyDb,
  orderId: string,
  lineId: string,
  quantity: number,
): Promise<boolean> {
  const result = await q(db)
    .updateTable('sales_order_lines')
    .set({
      shipped: sql<number>`shipped + ${quantity}`,
      reserved: sql<number>`case when reserved >= ${quantity} then reserved - ${quantity} else 0 end`,
      backordered: sql<number>`case when reserved >= ${quantity} then backordered
        when backordered > ${quantity} - reserved then backordered - (${quantity} - reserved) else 0 end`,
    })
    .where('id', '=', lineId)
    .where('order_id', '=', orderId)
    .where(sql<boolean>`shipped + ${quantity} <= ordered`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ListFilter {
  status?: string[] | undefined;
  customerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  backorderedOnly?: boolean | undefined;
  /** The id of the last order of the previous page (newest first). */
  before?: string | undefined;
  limit: number;
}

/** Orders newest first, `limit + 1` rows. */
export async function listOrders(db: AnyDb, filter: ListFilter): Promise<OrderRow[]> {
  let query = q(db).selectFrom('sales_orders').selectAll();
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.from) query = query.where('order_date', '>=', filter.from);
  if (filter.to) query = query.where('order_date', '<=', filter.to);
  if (filter.backorderedOnly)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sales_order_lines as l')
          .select('l.id')
          .whereRef('l.order_id', '=', 'sales_orders.id')
          .where('l.backordered', '>', 0),
      ),
    );
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
