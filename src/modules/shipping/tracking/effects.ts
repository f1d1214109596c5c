/**
 * The effects of new tracking events on a shipment, applied after ingestion: the customer mails of its
 * pending updates, the lifecycle move its tracking state calls for (outcome.ts: delivered → the
 * shipments part's `completeDelivery`, which also delivers the order when all its shipments are;
 * returned / lost → `markShipmentOutcome`), and one `tracking.updated` event.
 *
 * Ingestion marks a shipment `effects_pending`. Manual entry, CSV import and unmatched resolution apply
 * the effects in their own transaction; the webhook leaves them to the `tracking.effects` job (enqueued
 * in the same transaction, run by the job runner right after) so a carrier's request is answered as
 * soon as its events are stored and folded. Effects work from the stored state, never from the batch
 * that triggered them, so several batches of one shipment coalesce into one run, and the result does
 * not depend on which batch came first.
 *
 * Exactly once: the state rows are locked (FOR UPDATE on PostgreSQL, SQLite's writer lock) and
 * re-read, a pending update is settled with a guarded UPDATE (pending → queued | no_recipient) in the
 * same transaction as its mail, the lifecycle moves are idempotent, and `effects_pending` is cleared
 * in that transaction: a second run finds nothing to do.
 */
import { systemActor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { type Tx, transaction } from '../../../platform/db/transaction.js';
import type { TrackingEventInput, TrackingStatus } from '../tracking-status.js';
import { TRACKING_UPDATED, type TrackingUpdatedPayload } from './ingest-events.js';
import { type MailContext, mailPendingUpdate } from './notifications.js';
import { lifecycleMove, outcomeOf } from './outcome.js';
import { completeDelivery, markShipmentOutcome, shipmentBriefs } from './shipments-port.js';
import { olderThanState, stateOfRow } from './state-row.js';
import * as store from './store.js';

export const TRACKING_EFFECTS_JOB = 'tracking.effects';

const eventInputOf = (e: store.EventRow): TrackingEventInput => ({
  eventId: e.event_id,
  occurredAt: e.occurred_at,
  status: e.status as TrackingStatus,
  substatus: e.substatus,
  reason: e.reason,
});
/** Shipments per effects transaction: short, so webhook transactions are not kept waiting (SQLite). */
const EFFECTS_BATCH = 50;

export interface EffectsResult {
  shipments: number;
  mails: number;
  moves: number;
}

/** Applies the pending effects of these shipments inside the caller's transaction. */
export async function applyTrackingEffects(tx: Tx, shipmentIds: readonly string[]): Promise<EffectsResult> {
  const result: EffectsResult = { shipments: 0, mails: 0, moves: 0 };
  const rows = (await store.lockStates(tx.db, tx.dialect, shipmentIds)).filter(
    (r) => Number(r.effects_pending) === 1,
  );
  if (rows.length === 0) return result;
  const ids = rows.map((r) => r.shipment_id);
  const pending = await store.pendingNotificationsOf(tx.db, ids);
  const needsShipment = new Set(pending.map((n) => n.shipment_id));
  for (const r of rows) {
    const target = outcomeOf({
      status: r.status as TrackingStatus,
      substatus: r.substatus,
      deliveredAt: r.delivered_at,
    });
    if (target !== null && target !== r.outcome) needsShipment.add(r.shipment_id);
  }
  const shipments = await shipmentBriefs(tx.db, [...needsShipment]);
  const events = pending.some((n) => n.event_id)
    ? await store.eventsByIds(
        tx.db,
        [...new Set(pending.map((n) => n.shipment_id))],
        pending.flatMap((n) => (n.event_id ? [n.event_id] : [])),
      )
    : [];
  const eventOf = new Map(events.map((e) => [`${e.shipment_id}\u0000${e.event_id}`, e]));
  const pendingOf = new Map<string, store.NotificationRow[]>();
  for (const n of pending) pendingOf.set(n.shipment_id, [...(pendingOf.get(n.shipment_id) ?? []), n]);
  const mail: MailContext = { cache: new Map() };

  for (const row of rows) {
    const shipmentId = row.shipment_id;
    result.shipments++;
    let outcome = row.outcome;
    const target = outcomeOf({
      status: row.status as TrackingStatus,
      substatus: row.substatus,
      deliveredAt: row.delivered_at,
    });
    if (target !== null && target !== row.outcome) {
      const shipment = shipments.get(shipmentId);
      const move = shipment ? lifecycleMove(shipment.status, target) : null;
      const winner = row.winner ? (JSON.parse(row.winner) as { occurredAt: string }) : null;
      if (move === 'delivered' && (await completeDelivery(tx, shipmentId, row.delivered_at ?? tx.now)))
        result.moves++;
      else if (
        (move === 'returned' || move === 'lost') &&
        (await markShipmentOutcome(tx, shipmentId, move, winner?.occurredAt ?? tx.now))
      )
        result.moves++;
      outcome = target;
    }
    const state = stateOfRow(row);
    for (const notification of pendingOf.get(shipmentId) ?? []) {
      const event = notification.event_id
        ? eventOf.get(`${shipmentId}\u0000${notification.event_id}`)
        : undefined;
      // News that a later event overtook since it was recorded is not mailed any more.
      if (event && olderThanState(state, eventInputOf(event))) {
        await store.settleNotification(tx.db, shipmentId, notification.key, null, 'superseded');
        continue;
      }
      const shipment = shipments.get(shipmentId);
      if (await mailPendingUpdate(tx, mail, { notification, shipment, event, eta: row.eta })) result.mails++;
    }

    const emit = Number(row.events) > Number(row.emitted_events);
    if (emit)
      await tx.emit<TrackingUpdatedPayload>({
        type: TRACKING_UPDATED,
        aggregateType: 'shipment',
        aggregateId: shipmentId,
        payload: {
          shipmentId,
          status: row.status as TrackingStatus,
          substatus: row.substatus,
          changed: row.status !== row.emitted_status || row.substatus !== row.emitted_substatus,
          eta: row.eta,
          lastEventAt: row.last_event_at,
        },
      });
    await store.updateState(tx.db, shipmentId, {
      effects_pending: 0,
      outcome,
      ...(emit
        ? { emitted_status: row.status, emitted_substatus: row.substatus, emitted_events: Number(row.events) }
        : {}),
    });
  }
  return result;
}

/** Applies every pending effect, a batch of shipments per transaction, until none is left. */
export async function runPendingTrackingEffects(ctx: AppContext): Promise<EffectsResult> {
  const total: EffectsResult = { shipments: 0, mails: 0, moves: 0 };
  for (;;) {
    const ids = (await store.pendingEffects(ctx.db, EFFECTS_BATCH)).map((r) => r.shipment_id);
    if (ids.length === 0) return total;
    const r = await transaction(ctx, systemActor(TRACKING_EFFECTS_JOB), (tx) =>
      applyTrackingEffects(tx, ids),
    );
    total.shipments += r.shipments;
    total.mails += r.mails;
    total.moves += r.moves;
    // Rows another run took in the meantime are skipped; if none was ours, they are done.
    if (r.shipments === 0 && ids.length < EFFECTS_BATCH) return total;
  }
}
