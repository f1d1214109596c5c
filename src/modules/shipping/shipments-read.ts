/** Reading shipments: rows to the API shape, in batches (one query per table for a whole page). */
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { customerNames } from '../customers/index.js';
import { orderNumbers } from '../orders/index.js';
import type { ShipmentStatus } from './lifecycle.js';
import type { Shipment, ShipmentDocument } from './schemas.js';
import { type PackageContent, trackingUrl } from './shipment-rules.js';
import { formatSscc } from './sscc.js';
import * as store from './store.js';

export const documentUrl = (shipmentId: string, documentId: string) =>
  `/api/shipments/${shipmentId}/documents/${documentId}`;

export function toDocument(row: store.DocumentRow): ShipmentDocument {
  return {
    id: row.id,
    kind: row.kind as ShipmentDocument['kind'],
    packageId: row.package_id,
    filename: row.filename,
    contentType: row.content_type,
    sha256: row.sha256,
    createdAt: row.created_at,
    url: documentUrl(row.shipment_id, row.id),
  };
}

/** The GS1 company prefix length configured, to group an SSCC for reading. */
const ssccText = (sscc: string, prefixLength: number) => formatSscc(sscc, prefixLength);

export async function toShipments(
  db: AnyDb,
  rows: readonly store.ShipmentRow[],
  gs1PrefixLength = 7,
): Promise<Shipment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, packages, numbers, documents, carriers, orders, customers] = await Promise.all([
    store.linesOf(db, ids),
    store.packagesOf(db, ids),
    store.trackingNumbersOf(db, ids),
    store.documentsOf(db, ids),
    store.carriersByIds(
      db,
      rows.flatMap((r) => (r.carrier_id ? [r.carrier_id] : [])),
    ),
    orderNumbers(
      db,
      rows.map((r) => r.order_id),
    ),
    customerNames(db, [...new Set(rows.map((r) => r.customer_id))]),
  ]);
  return rows.map((row) => {
    const carrier = row.carrier_id ? carriers.get(row.carrier_id) : undefined;
    return {
      id: row.id,
      number: row.number,
      kind: row.kind as Shipment['kind'],
      status: row.status as ShipmentStatus,
      orderId: row.order_id,
      orderNumber: orders.get(row.order_id) ?? null,
      customerId: row.customer_id,
      customerName: customers.get(row.customer_id)?.legalName ?? null,
      warehouseId: row.warehouse_id,
      carrier: carrier
        ? { id: carrier.id, code: carrier.code, name: carrier.name, scac: carrier.scac }
        : null,
      service: row.service,
      proNumber: row.pro_number,
      freightTerms: row.freight_terms,
      replacementFor: row.replacement_for,
      replacementReason: row.replacement_reason,
      disputeId: row.dispute_id,
      invoiceId: row.invoice_id,
      shipTo: JSON.parse(row.ship_to) as Shipment['shipTo'],
      pickedAt: row.picked_at,
      packedAt: row.packed_at,
      shippedAt: row.shipped_at,
      deliveredAt: row.delivered_at,
      returnedAt: row.returned_at,
      lostAt: row.lost_at,
      cancelledAt: row.cancelled_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lines: (lines.get(row.id) ?? []).map((l) => ({
        id: l.id,
        position: Number(l.position),
        orderLineId: l.order_line_id,
        productId: l.product_id,
        sku: l.sku,
        description: l.description,
        unit: l.unit,
        quantity: Number(l.quantity),
      })),
      packages: (packages.get(row.id) ?? []).map((p) => ({
        id: p.id,
        sequence: Number(p.sequence),
        sscc: p.sscc,
        ssccText: ssccText(p.sscc, gs1PrefixLength),
        packaging: p.packaging,
        weightGrams: Number(p.weight_g),
        dimensionsMm:
          p.length_mm !== null && p.width_mm !== null && p.height_mm !== null
            ? { length: Number(p.length_mm), width: Number(p.width_mm), height: Number(p.height_mm) }
            : null,
        contents: JSON.parse(p.contents) as PackageContent[],
      })),
      trackingNumbers: (numbers.get(row.id) ?? []).map((n) => ({
        carrierId: n.carrier_id,
        trackingNumber: n.tracking_number,
        url: trackingUrl(
          (n.carrier_id === carrier?.id ? carrier : undefined)?.tracking_url_template ?? null,
          n.tracking_number,
        ),
      })),
      documents: (documents.get(row.id) ?? []).map(toDocument),
    };
  });
}

/** One shipment with its lines, packages, tracking numbers and documents (read with `db`: `tx.db` inside a transaction). */
export async function loadShipment(db: AnyDb, id: string, gs1PrefixLength = 7): Promise<Shipment> {
  const row = await store.findShipment(db, id);
  if (!row) throw notFound('shipment', id);
  return (await toShipments(db, [row], gs1PrefixLength))[0]!;
}

/** The contract name (CONTRACTS.md): `getShipment(db, id)`. */
export const getShipment = (db: AnyDb, id: string) => loadShipment(db, id);

export async function listShipments(ctx: AppContext, filter: store.ListFilter): Promise<Shipment[]> {
  const rows = await store.listShipments(ctx.db, filter);
  return toShipments(ctx.db, rows, ctx.config.GS1_COMPANY_PREFIX.length);
}
