/**
 * Tracking ingestion — the one function every source goes through (webhook, CSV import, manual entry,
 * an unmatched number resolved later), inside the caller's transaction:
 *
 * 1. Events are deduplicated by `(carrier, event id)`: first within the batch, then by the unique key
 *    of the append-only `tracking_events` (or `tracking_unmatched`) table — an INSERT … ON CONFLICT DO
 *    NOTHING RETURNING tells which events are new. Keys are never purged (see the migration).
 * 2. Tracking numbers are matched to shipments (the shipments part's `shipment_tracking_numbers`). An
 *    event of no known shipment is stored in `tracking_unmatched` for review (`tracking.unmatched`).
 * 3. Per shipment, the state row is locked (SELECT … FOR UPDATE in shipment id order on PostgreSQL;
 *    SQLite's BEGIN IMMEDIATE already serialises writers) and the new events are folded into it with
 *    the pure reducer (tracking-status.ts). The reducer's result does not depend on arrival order, so
 *    duplicated, shuffled or concurrent deliveries end in the same state as the clean ordered stream,
 *    and a late event never moves a shipment backwards.
 * 4. Customer updates: each key the reducer returns is recorded once per shipment
 *    (`tracking_notifications`, primary key (shipment, key)); a mail is queued in the same transaction
 *    for the mailable ones, never for a superseded (late) event.
 * 5. The shipment's lifecycle follows the state (outcome.ts): delivered → `completeDelivery` (and the
 *    order when all its shipments are delivered), returned / lost → `markShipmentOutcome`.
 * 6. `tracking.updated` is emitted per shipment that received new events.
 */
import type { Tx } from '../../../platform/db/transaction.js';
import { newId } from '../../../platform/ids.js';
import type { NormalisedTrackingEvent } from '../carrier-formats.js';
import {
  applyTrackingEvent,
  type CustomerUpdate,
  INITIAL_TRACKING_STATE,
  sortTrackingEvents,
  type TrackingEventInput,
  type TrackingState,
  type TrackingStatus,
  type WinningEvent,
} from '../tracking-status.js';
import { type MailContext, notifyCustomer } from './notifications.js';
import { lifecycleMove, outcomeOf } from './outcome.js';
import {
  completeDelivery,
  markShipmentOutcome,
  shipmentBrief,
  shipmentsByTrackingNumbers,
} from './shipments-port.js';
import * as store from './store.js';

export type TrackingSource = 'webhook' | 'csv' | 'manual' | 'unmatched';

export const TRACKING_UPDATED = 'tracking.updated';
export const TRACKING_UNMATCHED = 'tracking.unmatched';

export interface TrackingUpdatedPayload {
  shipmentId: string;
  status: TrackingStatus;
  substatus: string | null;
  /** Status or substatus changed with these events. */
  changed: boolean;
  eta: string | null;
  lastEventAt: string | null;
}

export interface TrackingUnmatchedPayload {
  id: string;
  carrierId: string;
  trackingNumber: string;
}

export interface IngestInput {
  carrierId: string;
  source: TrackingSource;
  events: readonly NormalisedTrackingEvent[];
  /** Tracking numbers already known to belong to a shipment (manual entry, resolution); others are looked up. */
  shipmentOf?: ReadonlyMap<string, string>;
}

export interface IngestResult {
  /** Events in the input. */
  received: number;
  /** New events stored on a shipment and folded into its state. */
  applied: number;
  /** Events already received (in this batch or before). */
  duplicates: number;
  /** New events of unknown tracking numbers, stored for review. */
  unmatched: number;
  /** New events with a carrier code Duely does not know (applied or unmatched). */
  flagged: number;
  /** Shipments that received new events. */
  shipmentIds: string[];
  /** Customer mails queued. */
  mailsQueued: number;
}

// ── State row ⇄ reducer state ────────────────────────────────────────────────────────────────────

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

export function stateOfRow(row: store.StateRow): TrackingState {
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

const stateColumns = (s: TrackingState) => ({
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
function olderThanState(state: TrackingState, event: TrackingEventInput): boolean {
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

const rawJson = (raw: unknown): string | null => (raw === undefined ? null : JSON.stringify(raw));

// ── The function ─────────────────────────────────────────────────────────────────────────────────

export async function ingestTrackingEvents(tx: Tx, input: IngestInput): Promise<IngestResult> {
  const result: IngestResult = {
    received: input.events.length,
    applied: 0,
    duplicates: 0,
    unmatched: 0,
    flagged: 0,
    shipmentIds: [],
    mailsQueued: 0,
  };

  // 1. Duplicates within the batch (AfterShip resends every checkpoint each time).
  const unique: NormalisedTrackingEvent[] = [];
  const seen = new Set<string>();
  for (const e of input.events) {
    if (seen.has(e.eventId)) result.duplicates++;
    else {
      seen.add(e.eventId);
      unique.push(e);
    }
  }

  // 2. Which shipment each tracking number belongs to.
  const shipmentOf = new Map(input.shipmentOf ?? []);
  const toLookUp = [...new Set(unique.map((e) => e.trackingNumber))].filter((n) => !shipmentOf.has(n));
  if (toLookUp.length > 0)
    for (const [n, id] of await shipmentsByTrackingNumbers(tx.db, input.carrierId, toLookUp))
      shipmentOf.set(n, id);

  const byShipment = new Map<string, NormalisedTrackingEvent[]>();
  const unmatched: NormalisedTrackingEvent[] = [];
  for (const e of unique) {
    const shipmentId = shipmentOf.get(e.trackingNumber);
    if (shipmentId === undefined) unmatched.push(e);
    else {
      let list = byShipment.get(shipmentId);
      if (!list) {
        list = [];
        byShipment.set(shipmentId, list);
      }
      list.push(e);
    }
  }

  if (unmatched.length > 0) await storeUnmatched(tx, input, unmatched, result);
  if (byShipment.size > 0) await applyToShipments(tx, input, byShipment, result);
  return result;
}

async function storeUnmatched(
  tx: Tx,
  input: IngestInput,
  events: readonly NormalisedTrackingEvent[],
  result: IngestResult,
): Promise<void> {
  const inserted = await store.insertUnmatched(
    tx.db,
    events.map((e) => ({
      id: newId('tracking_unmatched'),
      carrier_id: input.carrierId,
      event_id: e.eventId,
      tracking_number: e.trackingNumber,
      occurred_at: e.occurredAt,
      received_at: tx.now,
      status: e.status,
      substatus: e.substatus,
      reason: e.reason,
      location: e.location,
      eta: e.eta,
      flagged: e.flagged ? 1 : 0,
      raw_code: e.rawCode,
      raw_text: e.rawText,
      raw_payload: rawJson(e.raw),
      format: e.format,
      source: input.source,
      state: 'open',
      shipment_id: null,
      resolved_at: null,
      resolved_by: null,
      note: null,
    })),
  );
  result.unmatched += inserted.length;
  result.duplicates += events.length - inserted.length;
  result.flagged += inserted.filter((r) => Number(r.flagged) === 1).length;
  const firstOfNumber = new Map<string, string>();
  for (const r of inserted)
    if (!firstOfNumber.has(r.tracking_number)) firstOfNumber.set(r.tracking_number, r.id);
  for (const [trackingNumber, id] of firstOfNumber)
    await tx.emit<TrackingUnmatchedPayload>({
      type: TRACKING_UNMATCHED,
      aggregateType: 'tracking_unmatched',
      aggregateId: id,
      payload: { id, carrierId: input.carrierId, trackingNumber },
    });
}

async function applyToShipments(
  tx: Tx,
  input: IngestInput,
  byShipment: Map<string, NormalisedTrackingEvent[]>,
  result: IngestResult,
): Promise<void> {
  const shipmentIds = [...byShipment.keys()].sort();
  await store.ensureStates(
    tx.db,
    shipmentIds.map((shipmentId) => ({ shipmentId, carrierId: input.carrierId })),
    tx.now,
  );
  const rows = await store.lockStates(tx.db, tx.dialect, shipmentIds);

  // Under the locks: which events are new.
  const eventRows: store.EventRow[] = [];
  for (const shipmentId of shipmentIds)
    for (const e of byShipment.get(shipmentId)!)
      eventRows.push({
        id: newId('tracking_event'),
        carrier_id: input.carrierId,
        event_id: e.eventId,
        shipment_id: shipmentId,
        tracking_number: e.trackingNumber,
        occurred_at: e.occurredAt,
        received_at: tx.now,
        status: e.status,
        substatus: e.substatus,
        reason: e.reason,
        location: e.location,
        eta: e.eta,
        flagged: e.flagged ? 1 : 0,
        raw_code: e.rawCode,
        raw_text: e.rawText,
        raw_payload: rawJson(e.raw),
        format: e.format,
        source: input.source,
        actor_id: tx.actor.id,
      });
  const inserted = await store.insertNewEvents(tx.db, eventRows);
  result.duplicates += eventRows.length - inserted.size;
  if (inserted.size === 0) return;

  const touched = rows.filter((r) => byShipment.get(r.shipment_id)!.some((e) => inserted.has(e.eventId)));
  const sentKeys = await store.sentKeysOf(
    tx.db,
    touched.map((r) => r.shipment_id),
  );
  const mail: MailContext = { cache: new Map() };

  for (const row of touched) {
    const shipmentId = row.shipment_id;
    const fresh = byShipment.get(shipmentId)!.filter((e) => inserted.has(e.eventId));
    const sent = sentKeys.get(shipmentId) ?? new Set<string>();
    const before = stateOfRow(row);
    let state = before;
    let changed = false;
    const updates: CustomerUpdate[] = [];
    for (const e of sortTrackingEvents(fresh)) {
      const step = applyTrackingEvent(state, e, { seenEventIds: new Set(), sentUpdateKeys: sent });
      state = step.state;
      changed ||= step.changed;
      for (const u of step.updates) {
        sent.add(u.key);
        updates.push(u);
      }
    }
    // Mail only news: an update whose event is older than the state after the whole batch is
    // superseded too (e.g. "out for delivery" and "delivered" received together).
    for (const u of updates)
      if (!u.superseded) u.superseded = olderThanState(state, fresh.find((e) => e.eventId === u.eventId)!);
    const flaggedNow = fresh.filter((e) => e.flagged).length;
    result.applied += fresh.length;
    result.flagged += flaggedNow;
    result.shipmentIds.push(shipmentId);

    const target = outcomeOf(state);
    let outcome = row.outcome;
    if (target !== null && target !== row.outcome) {
      const shipment = await shipmentBrief(tx.db, shipmentId);
      const move = shipment ? lifecycleMove(shipment.status, target) : null;
      if (move === 'delivered') await completeDelivery(tx, shipmentId, state.deliveredAt ?? tx.now);
      else if (move === 'returned' || move === 'lost')
        await markShipmentOutcome(tx, shipmentId, move, state.winner?.occurredAt ?? tx.now);
      outcome = target;
    }

    await store.updateState(tx.db, shipmentId, {
      ...stateColumns(state),
      carrier_id: row.carrier_id ?? input.carrierId,
      flagged: Number(row.flagged) + flaggedNow,
      events: Number(row.events) + fresh.length,
      outcome,
      updated_at: tx.now,
    });

    for (const u of updates) {
      const event = fresh.find((e) => e.eventId === u.eventId)!;
      if (await notifyCustomer(tx, mail, { shipmentId, update: u, event, state })) result.mailsQueued++;
    }

    await tx.emit<TrackingUpdatedPayload>({
      type: TRACKING_UPDATED,
      aggregateType: 'shipment',
      aggregateId: shipmentId,
      payload: {
        shipmentId,
        status: state.status,
        substatus: state.substatus,
        changed: changed && (state.status !== before.status || state.substatus !== before.substatus),
        eta: state.eta,
        lastEventAt: state.lastEventAt,
      },
    });
  }
}
