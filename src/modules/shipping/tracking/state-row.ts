/** A shipment's stored tracking state ⇄ the reducer's state (tracking-status.ts). Pure. */

import {
  applyTrackingEvent,
  INITIAL_TRACKING_STATE,
  type TrackingEventInput,
  type TrackingState,
  type TrackingStatus,
  type WinningEvent,
} from '../tracking-status.js';
import type { StateRow } from './store.js';

// ── State row ⇄ reducer state ────────────────────────────────────────────────────────────────────

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

export function stateOfRow(row: StateRow): TrackingState {
  if (row.winner === null && row.events === 0) return INITIAL_TRACKING_STATE;
  return {
    status: row.status as TrackingStatus,
    substatus: row.substatus,
    reason: row.reason,
    lastEventAt: row.last_event_at,
    eta: row.eta,
    deliveredAt: row.delivered_at,
    winner: parse<WinningEvent>(row.winner),
    lastException: parse<WinningEvent>(row.last_exception),
    etaFrom: parse<{ eventId: string; occurredAt: string }>(row.eta_from),
  };
}

export const stateColumns = (s: TrackingState) => ({
  status: s.status,
  substatus: s.substatus,
  reason: s.reason,
  last_event_at: s.lastEventAt,
  eta: s.eta,
  delivered_at: s.deliveredAt,
  winner: s.winner ? JSON.stringify(s.winner) : null,
  last_exception: s.lastException ? JSON.stringify(s.lastException) : null,
  eta_from: s.etaFrom ? JSON.stringify(s.etaFrom) : null,
});

/**
 * Whether an event received earlier in a batch lost to the state the batch ended in (the reducer
 * decides: the same event under another id, applied to the final state, comes out superseded).
 */
export function olderThanState(state: TrackingState, event: TrackingEventInput): boolean {
  if (state.winner === null || state.winner.eventId === event.eventId) return false;
  const probe = applyTrackingEvent(
    state,
    { ...event, eventId: `${event.eventId}\u0000probe`, flagged: false },
    {
      seenEventIds: new Set(),
      sentUpdateKeys: new Set(),
    },
  );
  return probe.updates[0]?.superseded ?? false;
}
