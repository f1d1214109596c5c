/**
 * The shipment and sales-order lifecycles (DESIGN.md §4), declared as data: for every state, the
 * states it may move to and the timestamp field each move sets. Services look transitions up here and
 * never hard-code them; a move that is not in the table is a 409 naming both states.
 *
 * Shipment: `draft → picked → packed → shipped → delivered`, with `returned`, `lost` and `cancelled`.
 * - `cancelled` only before the parcel leaves (draft, picked, packed); a shipped parcel is not
 *   cancelled, it ends `delivered`, `returned` or `lost`.
 * - `delivered → returned` (a return after delivery, or a carrier's return to sender reported after
 *   a delivery scan: DESIGN.md §6 lets a delivered shipment change only on a later return/exception).
 * - `lost → delivered | returned`: a parcel declared lost may still turn up.
 * - `returned` and `cancelled` are final.
 *
 * Order: `draft → confirmed → partially_shipped → shipped → delivered → closed`, and `cancelled`.
 * - `confirmed → shipped` directly when the first shipment takes every line.
 * - `cancelled` from draft or confirmed (releases reservations); once something has shipped the order
 *   is no longer cancelled as a whole — its open lines are cancelled instead.
 * - `shipped → closed` as well, for orders closed without a delivery confirmation (e.g. collected).
 * - `closed` and `cancelled` are final.
 */
import { conflict } from '../../platform/errors.js';

export const SHIPMENT_STATUSES = [
  'draft',
  'picked',
  'packed',
  'shipped',
  'delivered',
  'returned',
  'lost',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const ORDER_STATUSES = [
  'draft',
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One allowed move: the target state and the timestamp column the move sets (null: none). */
export interface Transition<S extends string, T extends string> {
  to: S;
  sets: T | null;
}

export type LifecycleTable<S extends string, T extends string> = {
  readonly [K in S]: readonly Transition<S, T>[];
};

export type ShipmentTimestamp =
  | 'pickedAt'
  | 'packedAt'
  | 'shippedAt'
  | 'deliveredAt'
  | 'returnedAt'
  | 'lostAt'
  | 'cancelledAt';

export const SHIPMENT_LIFECYCLE: LifecycleTable<ShipmentStatus, ShipmentTimestamp> = {
  draft: [
    { to: 'picked', sets: 'pickedAt' },
    { to: 'cancelled', sets: 'cancelledAt' },
  ],
  picked: [
    { to: 'packed', sets: 'packedAt' },
    { to: 'cancelled', sets: 'cancelledAt' },
  ],
  packed: [
    { to: 'shipped', sets: 'shippedAt' },
    { to: 'cancelled', sets: 'cancelledAt' },
  ],
  shipped: [
    { to: 'delivered', sets: 'deliveredAt' },
    { to: 'returned', sets: 'returnedAt' },
    { to: 'lost', sets: 'lostAt' },
  ],
  delivered: [{ to: 'returned', sets: 'returnedAt' }],
  lost: [
    { to: 'delivered', sets: 'deliveredAt' },
    { to: 'returned', sets: 'returnedAt' },
  ],
  returned: [],
  cancelled: [],
};

export type OrderTimestamp =
  | 'confirmedAt'
  | 'firstShippedAt'
  | 'shippedAt'
  | 'deliveredAt'
  | 'closedAt'
  | 'cancelledAt';

export const ORDER_LIFECYCLE: LifecycleTable<OrderStatus, OrderTimestamp> = {
  draft: [
    { to: 'confirmed', sets: 'confirmedAt' },
    { to: 'cancelled', sets: 'cancelledAt' },
  ],
  confirmed: [
    { to: 'partially_shipped', sets: 'firstShippedAt' },
    { to: 'shipped', sets: 'shippedAt' },
    { to: 'cancelled', sets: 'cancelledAt' },
  ],
  partially_shipped: [{ to: 'shipped', sets: 'shippedAt' }],
  shipped: [
    { to: 'delivered', sets: 'deliveredAt' },
    { to: 'closed', sets: 'closedAt' },
  ],
  delivered: [{ to: 'closed', sets: 'closedAt' }],
  closed: [],
  cancelled: [],
};

function findTransition<S extends string, T extends string>(
  table: LifecycleTable<S, T>,
  from: S,
  to: S,
): Transition<S, T> | undefined {
  return table[from]?.find((t) => t.to === to);
}

/** The states with no way out. */
export function finalStates<S extends string, T extends string>(table: LifecycleTable<S, T>): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s].length === 0);
}

export function canTransitionShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return findTransition(SHIPMENT_LIFECYCLE, from, to) !== undefined;
}

/** The timestamp field the move sets; throws a 409 naming both states when the move is not allowed. */
export function assertShipmentTransition(from: ShipmentStatus, to: ShipmentStatus): ShipmentTimestamp | null {
  const t = findTransition(SHIPMENT_LIFECYCLE, from, to);
  if (!t) throw transitionConflict('shipment', from, to, SHIPMENT_LIFECYCLE[from]);
  return t.sets;
}

export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  return findTransition(ORDER_LIFECYCLE, from, to) !== undefined;
}

export function assertOrderTransition(from: OrderStatus, to: OrderStatus): OrderTimestamp | null {
  const t = findTransition(ORDER_LIFECYCLE, from, to);
  if (!t) throw transitionConflict('order', from, to, ORDER_LIFECYCLE[from]);
  return t.sets;
}

/** Generic forms, for code that works on either table. */
export function canTransition<S extends string, T extends string>(
  table: LifecycleTable<S, T>,
  from: S,
  to: S,
): boolean {
  return findTransition(table, from, to) !== undefined;
}

export function assertTransition<S extends string, T extends string>(
  table: LifecycleTable<S, T>,
  entity: string,
  from: S,
  to: S,
): T | null {
  const t = findTransition(table, from, to);
  if (!t) throw transitionConflict(entity, from, to, table[from] ?? []);
  return t.sets;
}

function transitionConflict(
  entity: string,
  from: string,
  to: string,
  allowed: readonly Transition<string, string>[],
) {
  const next =
    allowed.length === 0
      ? `"${from}" is final`
      : `from "${from}" it can go to ${allowed.map((t) => `"${t.to}"`).join(', ')}`;
  return conflict(`A ${entity} cannot go from "${from}" to "${to}"; ${next}.`, [
    { path: 'status', message: `${from} → ${to} is not allowed` },
  ]);
}
