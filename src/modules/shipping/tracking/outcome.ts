/**
 * What the carrier's tracking means for the shipment's lifecycle (lifecycle.ts) — a pure rule.
 *
 * The tracking state (tracking-status.ts) is order-independent, so the outcome is taken from it, never
 * from the event that just arrived: the same events give the same lifecycle move whatever their order.
 * - `returned` when the state is an exception whose substatus says the parcel went back to the
 *   sender: AfterShip `Exception_011` (Returned to sender), EasyPost `return_to_sender`, or the
 *   generic `returned` / `returned_to_sender` / `return_to_sender`;
 * - `lost` when the state is an exception with substatus AfterShip `Exception_013` (Shipment lost)
 *   or the generic `lost`;
 * - otherwise `delivered` once any delivery was received (`deliveredAt` is set) — also when a later
 *   exception (damaged, refused…) now decides the tracking status: the parcel was delivered;
 * - otherwise none: the lifecycle stays where it is (a delay or a failed attempt is not an outcome).
 *
 * A move is made only when the shipment's lifecycle allows it from where the shipment is now
 * (`shipped → delivered | returned | lost`, `lost → delivered | returned`, `delivered → returned`).
 */
import type { ShipmentStatus } from '../lifecycle.js';
import { canTransitionShipment } from '../lifecycle.js';
import type { TrackingState } from '../tracking-status.js';

export type TrackingOutcome = 'delivered' | 'returned' | 'lost';

export const RETURNED_SUBSTATUSES: ReadonlySet<string> = new Set([
  'exception_011',
  'returned',
  'returned_to_sender',
  'return_to_sender',
]);
export const LOST_SUBSTATUSES: ReadonlySet<string> = new Set(['exception_013', 'lost']);

export function outcomeOf(
  state: Pick<TrackingState, 'status' | 'substatus' | 'deliveredAt'>,
): TrackingOutcome | null {
  if (state.status === 'exception' && state.substatus) {
    const sub = state.substatus.toLowerCase();
    if (RETURNED_SUBSTATUSES.has(sub)) return 'returned';
    if (LOST_SUBSTATUSES.has(sub)) return 'lost';
  }
  if (state.status === 'delivered' || state.deliveredAt !== null) return 'delivered';
  return null;
}

/** The lifecycle move to make now, or null when there is none (or the lifecycle does not allow it). */
export function lifecycleMove(
  current: ShipmentStatus,
  outcome: TrackingOutcome | null,
): TrackingOutcome | null {
  if (outcome === null || current === outcome) return null;
  return canTransitionShipment(current, outcome) ? outcome : null;
}
