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
  const q = tables<BriefTables>(db) as Kysely<BriefTables>;
  const row = await q
    .selectFrom('shipments')
    .select(['id', 'number', 'status', 'order_id', 'customer_id', 'carrier_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const numbers = await q
    .selectFrom('shipment_tracking_numbers')
    .select('tracking_number')
    .where('shipment_id', '=', id)
    .orderBy('created_at')
    .orderBy('tracking_number')
    .execute();
  return {
    id: row.id,
    number: row.number,
    status: row.status as ShipmentStatus,
    orderId: row.order_id,
    customerId: row.customer_id,
    carrierId: row.carrier_id,
    trackingNumbers: numbers.map((n) => n.tracking_number),
  };
}
