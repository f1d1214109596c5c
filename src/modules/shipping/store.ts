/** The shipments part's queries. Only the shipping module touches its tables. */
import type { Kysely } from 'kysely';
import { type AnyDb, type Dialect, tables } from '../../platform/db/database.js';
import type { ShippingTables } from './tables.js';

export type ShipmentRow = ShippingTables['shipments'];
export type ShipmentLineRow = ShippingTables['shipment_lines'];
export type PackageRow = ShippingTables['shipment_packages'];
export type TrackingNumberRow = ShippingTables['shipment_tracking_numbers'];
export type DocumentRow = ShippingTables['shipment_documents'];
export type CarrierRow = ShippingTables['carriers'];

const q = (db: AnyDb): Kysely<ShippingTables> => tables<ShippingTables>(db);

export const findShipment = (db: AnyDb, id: string) =>
  q(db).selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();

/** The shipment row, locked until the transaction ends (PostgreSQL; SQLite's writer lock serialises). */
export function lockShipment(db: AnyDb, dialect: Dialect, id: string): Promise<ShipmentRow | undefined> {
  let query = q(db).selectFrom('shipments').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export const insertShipment = (db: AnyDb, row: ShipmentRow) =>
  q(db).insertInto('shipments').values(row).execute();

/** Moves a shipment from one status to another only if it is still in `from`; false when it was not. */
export async function moveStatus(
  db: AnyDb,
  id: string,
  from: string,
  changes: Partial<ShipmentRow> & { status: string },
): Promise<boolean> {
  const result = await q(db)
    .updateTable('shipments')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the invoice on the shipment only if none is recorded yet; false when another got there first. */
export async function setInvoice(db: AnyDb, id: string, invoiceId: string, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('shipments')
    .set({ invoice_id: invoiceId, updated_at: now })
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const shipmentsOfOrder = (db: AnyDb, orderId: string) =>
  q(db).selectFrom('shipments').selectAll().where('order_id', '=', orderId).orderBy('id').execute();

export const insertLines = (db: AnyDb, rows: readonly ShipmentLineRow[]) =>
  q(db)
    .insertInto('shipment_lines')
    .values([...rows])
    .execute();

/** Lines of the given shipments, by shipment id, in position order. */
export async function linesOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, ShipmentLineRow[]>> {
  const out = new Map<string, ShipmentLineRow[]>();
  if (shipmentIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('shipment_lines')
    .selectAll()
    .where('shipment_id', 'in', [...shipmentIds])
    .orderBy('shipment_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.shipment_id, [...(out.get(r.shipment_id) ?? []), r]);
  return out;
}

export const insertPackages = (db: AnyDb, rows: readonly PackageRow[]) =>
  q(db)
    .insertInto('shipment_packages')
    .values([...rows])
    .execute();

export async function packagesOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, PackageRow[]>> {
  const out = new Map<string, PackageRow[]>();
  if (shipmentIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('shipment_packages')
    .selectAll()
    .where('shipment_id', 'in', [...shipmentIds])
    .orderBy('shipment_id')
    .orderBy('sequence')
    .execute();
  for (const r of rows) out.set(r.shipment_id, [...(out.get(r.shipment_id) ?? []), r]);
  return out;
}

export const insertTrackingNumbers = (db: AnyDb, rows: readonly TrackingNumberRow[]) =>
  q(db)
    .insertInto('shipment_tracking_numbers')
    .values([...rows])
    .execute();

export async function trackingNumbersOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, TrackingNumberRow[]>> {
  const out = new Map<string, TrackingNumberRow[]>();
  if (shipmentIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('shipment_tracking_numbers')
    .selectAll()
    .where('shipment_id', 'in', [...shipmentIds])
    .orderBy('shipment_id')
    .orderBy('created_at')
    .orderBy('position')
    .orderBy('tracking_number')
    .execute();
  for (const r of rows) out.set(r.shipment_id, [...(out.get(r.shipment_id) ?? []), r]);
  return out;
}

/** Which of `numbers` are already taken for this carrier, and by which shipment. */
export const takenTrackingNumbers = (db: AnyDb, carrierId: string, numbers: readonly string[]) =>
  numbers.length === 0
    ? Promise.resolve([] as TrackingNumberRow[])
    : q(db)
        .selectFrom('shipment_tracking_numbers')
        .selectAll()
        .where('carrier_id', '=', carrierId)
        .where('tracking_number', 'in', [...numbers])
        .execute();

export const insertDocument = (db: AnyDb, row: DocumentRow) =>
  q(db).insertInto('shipment_documents').values(row).execute();

export async function documentsOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, DocumentRow[]>> {
  const out = new Map<string, DocumentRow[]>();
  if (shipmentIds.length === 0) return out;
  const rows = await q(db)
    .selectFrom('shipment_documents')
    .selectAll()
    .where('shipment_id', 'in', [...shipmentIds])
    .orderBy('shipment_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.shipment_id, [...(out.get(r.shipment_id) ?? []), r]);
  return out;
}

export const findCarrier = (db: AnyDb, id: string) =>
  q(db).selectFrom('carriers').selectAll().where('id', '=', id).executeTakeFirst();

export async function carriersByIds(db: AnyDb, ids: readonly string[]): Promise<Map<string, CarrierRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await q(db).selectFrom('carriers').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ListFilter {
  status?: string[] | undefined;
  carrierId?: string | undefined;
  orderId?: string | undefined;
  customerId?: string | undefined;
  /** The id of the last shipment of the previous page (newest first). */
  before?: string | undefined;
  limit: number;
}

/** Shipments newest first, `limit + 1` rows. */
export async function listShipments(db: AnyDb, filter: ListFilter): Promise<ShipmentRow[]> {
  let query = q(db).selectFrom('shipments').selectAll();
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.carrierId) query = query.where('carrier_id', '=', filter.carrierId);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
