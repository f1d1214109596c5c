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
 *    (`tracking_notifications`, primary key (shipment, key)) — `pending` when it is to be mailed,
 *    `superseded` when its event is older than the state (never mailed), `not_mailed` otherwise.
 * 5. The state rows are written (one upsert per chunk) with `effects_pending = 1`; the effects
 *    (effects.ts: mails of pending updates, lifecycle move, `tracking.updated`) are applied in this
 *    transaction (`effects: 'inline'`) or by the `tracking.effects` job enqueued in it (`deferred`,
 *    the webhook).
 */
import type { Tx } from '../../../platform/db/transaction.js';
import { newId } from '../../../platform/ids.js';
import type { NormalisedTrackingEvent } from '../carrier-formats.js';
import { applyTrackingEvent, type CustomerUpdate, sortTrackingEvents } from '../tracking-status.js';
import { applyTrackingEffects, TRACKING_EFFECTS_JOB } from './effects.js';
import { TRACKING_UNMATCHED, type TrackingUnmatchedPayload } from './ingest-events.js';
import { updateKindOfKey } from './mail-templates.js';
import { shipmentsByTrackingNumbers } from './shipments-port.js';
import { olderThanState, stateColumns, stateOfRow } from './state-row.js';
import * as store from './store.js';

export type TrackingSource = 'webhook' | 'csv' | 'manual' | 'unmatched';

export type { TrackingUnmatchedPayload, TrackingUpdatedPayload } from './ingest-events.js';
export { TRACKING_UNMATCHED, TRACKING_UPDATED } from './ingest-events.js';

export interface IngestInput {
  carrierId: string;
  source: TrackingSource;
  events: readonly NormalisedTrackingEvent[];
  /** Tracking numbers already known to belong to a shipment (manual entry, resolution); others are looked up. */
  shipmentOf?: ReadonlyMap<string, string>;
  /**
   * `inline`: apply the effects (mails, lifecycle, tracking.updated) in this transaction; `deferred`:
   * leave them to the `tracking.effects` job, enqueued in this transaction (the webhook). Default inline.
   */
  effects?: 'inline' | 'deferred';
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
  /** Customer mails queued (inline effects only). */
  mailsQueued: number;
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
  let rows: store.StateRow[];
  if (tx.dialect === 'postgres') {
    // Rows must exist to be locked: create the missing ones, then lock them all in id order.
    await store.ensureStates(
      tx.db,
      shipmentIds.map((shipmentId) => ({ shipmentId, carrierId: input.carrierId })),
      tx.now,
    );
    rows = await store.lockStates(tx.db, tx.dialect, shipmentIds);
  } else {
    // SQLite: BEGIN IMMEDIATE already holds the only write lock. A missing row starts as the pending
    // state in memory and is created by the one upsert of writeStates (one write per row, not two).
    const existing = new Map(
      (await store.lockStates(tx.db, tx.dialect, shipmentIds)).map((r) => [r.shipment_id, r]),
    );
    rows = shipmentIds.map(
      (shipmentId) => existing.get(shipmentId) ?? store.pendingState(shipmentId, input.carrierId, tx.now),
    );
  }

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
  const states: store.StateRow[] = [];
  const notifications: store.NotificationRow[] = [];

  for (const row of touched) {
    const shipmentId = row.shipment_id;
    const fresh = byShipment.get(shipmentId)!.filter((e) => inserted.has(e.eventId));
    const sent = sentKeys.get(shipmentId) ?? new Set<string>();
    let state = stateOfRow(row);
    const updates: CustomerUpdate[] = [];
    for (const e of sortTrackingEvents(fresh)) {
      const step = applyTrackingEvent(state, e, { seenEventIds: new Set(), sentUpdateKeys: sent });
      state = step.state;
      for (const u of step.updates) {
        sent.add(u.key);
        updates.push(u);
      }
    }
    const flaggedNow = fresh.filter((e) => e.flagged).length;
    result.applied += fresh.length;
    result.flagged += flaggedNow;
    result.shipmentIds.push(shipmentId);
    states.push({
      ...row,
      ...stateColumns(state),
      carrier_id: row.carrier_id ?? input.carrierId,
      flagged: Number(row.flagged) + flaggedNow,
      events: Number(row.events) + fresh.length,
      effects_pending: 1,
      updated_at: tx.now,
    });
    // Mail only news: an update whose event is older than the state after the whole batch is
    // superseded too (e.g. "out for delivery" and "delivered" received together).
    for (const u of updates) {
      const superseded = u.superseded || olderThanState(state, fresh.find((e) => e.eventId === u.eventId)!);
      notifications.push({
        shipment_id: shipmentId,
        key: u.key,
        status: u.status,
        substatus: u.substatus,
        event_id: u.eventId,
        outcome: superseded ? 'superseded' : updateKindOfKey(u.key) === null ? 'not_mailed' : 'pending',
        mail_id: null,
        created_at: tx.now,
      });
    }
  }
  await store.writeStates(tx.db, states);
  await store.insertNotifications(tx.db, notifications);

  if ((input.effects ?? 'inline') === 'inline') {
    const effects = await applyTrackingEffects(tx, result.shipmentIds);
    result.mailsQueued += effects.mails;
  } else {
    await tx.enqueue({
      name: TRACKING_EFFECTS_JOB,
      dedupeKey: `${TRACKING_EFFECTS_JOB}:${newId('job')}`,
      maxAttempts: 10,
    });
  }
}
