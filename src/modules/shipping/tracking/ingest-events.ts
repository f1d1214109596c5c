/** The tracking part's domain events (CONTRACTS.md). */
import type { TrackingStatus } from '../tracking-status.js';

export const TRACKING_UPDATED = 'tracking.updated';
export const TRACKING_UNMATCHED = 'tracking.unmatched';

/** After new events of a shipment were applied (one per effects run, not per event). */
export interface TrackingUpdatedPayload {
  shipmentId: string;
  status: TrackingStatus;
  substatus: string | null;
  /** Status or substatus differ from what the previous tracking.updated of the shipment said. */
  changed: boolean;
  eta: string | null;
  lastEventAt: string | null;
}

/** Events of a tracking number no shipment has, stored for review (one per number and batch). */
export interface TrackingUnmatchedPayload {
  id: string;
  carrierId: string;
  trackingNumber: string;
}
