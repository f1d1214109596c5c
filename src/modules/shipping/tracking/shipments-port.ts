/**
 * What the tracking part needs from the shipments part (same module, CONTRACTS.md): matching tracking
 * numbers, the lifecycle moves, and a light read of one shipment for the customer mails.
 */
import type { Kysely } from 'kysely';
import { type AnyDb, tables } from '../../../platform/db/database.js';
import type { ShipmentStatus } from '../lifecycle.js';

export { completeDelivery, markShipmentOutcome, shipmentsByTrackingNumbers } from '../shipments-service.js';

interface BriefTables {
  shipments: {
    id: string;
    number: string;
    status: string;
    order_id: string;
    customer_id: string;
    carrier_id: string | null;
  };
  shipment_tracking_numbers: {
    carrier_id: string;
    tracking_number: string;
    shipment_id: string;
    position: number;
    created_at: string;
  };
}

export interface ShipmentBrief {
  id: string;
  number: string;
  status: ShipmentStatus;
  orderId: string;
  customerId: string;
  carrierId: string | null;
  trackingNumbers: string[];
}

/** Number, status, customer, carrier and tracking numbers of one shipment (two indexed reads). */
export async function shipmentBrief(db: AnyDb, id: string): Promise<ShipmentBrief | undefined> {
  return (await shipmentBriefs(db, [id])).get(id);
}

/** The same for many shipments: two queries per 1,000. */
export async function shipmentBriefs(db: AnyDb, ids: readonly string[]): Promise<Map<string, ShipmentBrief>> {
  const q = tables<BriefTables>(db) as Kysely<BriefTables>;
  const out = new Map<string, ShipmentBrief>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const part = unique.slice(i, i + 1000);
    const rows = await q
      .selectFrom('shipments')
      .select(['id', 'number', 'status', 'order_id', 'customer_id', 'carrier_id'])
      .where('id', 'in', part)
      .execute();
    for (const row of rows)
      out.set(row.id, {
        id: row.id,
        number: row.number,
        status: row.status as ShipmentStatus,
        orderId: row.order_id,
        customerId: row.customer_id,
        carrierId: row.carrier_id,
        trackingNumbers: [],
      });
    const numbers = await q
      .selectFrom('shipment_tracking_numbers')
      .select(['shipment_id', 'tracking_number'])
      .where('shipment_id', 'in', part)
      .orderBy('shipment_id')
      .orderBy('position')
      .orderBy('tracking_number')
      .execute();
    for (const n of numbers) out.get(n.shipment_id)?.trackingNumbers.push(n.tracking_number);
  }
  return out;
}
