/**
 * Pure rules of sales orders: the Incoterms 2020 list, how a shipment of a line splits between its
 * reservation and its backorder, and which status the order reaches once lines have shipped.
 * No I/O; unit-tested in rules.test.ts.
 */
import type { OrderStatus } from '../shipping/lifecycle.js';

/** Incoterms 2020 (ICC): the seven for any mode of transport, then the four for sea and inland waterway. */
export const INCOTERMS_2020 = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const;
export type Incoterm = (typeof INCOTERMS_2020)[number];

export const isIncoterm = (code: string): code is Incoterm =>
  (INCOTERMS_2020 as readonly string[]).includes(code);

/** Per-line quantities; for an open line ordered = shipped + reserved + backordered. */
export interface LineQuantities {
  ordered: number;
  reserved: number;
  shipped: number;
  backordered: number;
}

/** What is still to ship on a line. */
export const openQuantity = (line: Pick<LineQuantities, 'ordered' | 'shipped'>) =>
  line.ordered - line.shipped;

/**
 * Shipping `quantity` units of a line takes them from its reservation first, the rest from its backorder
 * (units the warehouse found outside the reservation). Null when more than the open quantity is asked.
 */
export function shipSplit(
  line: LineQuantities,
  quantity: number,
): { fromReserved: number; fromBackorder: number; after: LineQuantities } | null {
  if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > openQuantity(line)) return null;
  const fromReserved = Math.min(quantity, line.reserved);
  const fromBackorder = quantity - fromReserved;
  return {
    fromReserved,
    fromBackorder,
    after: {
      ordered: line.ordered,
      shipped: line.shipped + quantity,
      reserved: line.reserved - fromReserved,
      backordered: Math.max(0, line.backordered - fromBackorder),
    },
  };
}

/** The status an order in `confirmed`/`partially_shipped` reaches after shipping: every unit shipped or not. */
export function statusAfterShipping(
  lines: readonly Pick<LineQuantities, 'ordered' | 'shipped'>[],
): OrderStatus {
  return lines.every((l) => l.shipped >= l.ordered) ? 'shipped' : 'partially_shipped';
}

/** Statuses in which lines, prices and addresses may still change. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['draft'];

/** Statuses from which recordShipped may add shipped units. */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ['confirmed', 'partially_shipped'];

/** An order can be invoiced once confirmed and not cancelled. */
export const INVOICEABLE_STATUSES: readonly OrderStatus[] = [
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'closed',
];

/** Lines sorted for reservation: by product id, then warehouse id, then line id — one lock order for everyone. */
export function reservationOrder<T extends { productId: string; warehouseId: string; id: string }>(
  lines: readonly T[],
): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...lines].sort(
    (a, b) => cmp(a.productId, b.productId) || cmp(a.warehouseId, b.warehouseId) || cmp(a.id, b.id),
  );
}

/** Minor units × quantity, refusing to leave the safe integer range. */
export function lineTotal(unitPrice: number, quantity: number): number {
  const total = unitPrice * quantity;
  if (!Number.isSafeInteger(total)) throw new RangeError('line total out of range');
  return total;
}
