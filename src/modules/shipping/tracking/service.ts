/**
 * Tracking use cases around the ingestion function: reading a shipment's tracking (state, timeline,
 * customer updates), manual entry of one event, and the review of unmatched tracking numbers
 * (resolve by linking the number to a shipment — its events are then applied — or dismiss).
 */
import type { Actor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { transaction } from '../../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { NormalisedTrackingEvent, TrackingFormat } from '../carrier-formats.js';
import { carrierRowsByIds, findCarrierRow } from '../carriers.js';
import type { TrackingStatus } from '../tracking-status.js';
import { type IngestResult, ingestTrackingEvents } from './ingest.js';
import type { ManualEventInput, TrackingEventView, TrackingStateView, UnmatchedView } from './schemas.js';
import { shipmentBrief, shipmentsByTrackingNumbers } from './shipments-port.js';
import * as store from './store.js';

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

const PENDING: TrackingStateView = {
  status: 'pending',
  substatus: null,
  reason: null,
  lastEventAt: null,
  eta: null,
  deliveredAt: null,
  flagged: false,
  flaggedEvents: 0,
  events: 0,
};

const toState = (r: store.StateRow): TrackingStateView => ({
  status: r.status as TrackingStatus,
  substatus: r.substatus,
  reason: r.reason,
  lastEventAt: r.last_event_at,
  eta: r.eta,
  deliveredAt: r.delivered_at,
  flagged: Number(r.flagged) > 0,
  flaggedEvents: Number(r.flagged),
  events: Number(r.events),
});

/** Tracking state per shipment; shipments without any event are absent. */
export async function trackingStateOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, TrackingStateView>> {
  const rows = await store.statesOf(db, shipmentIds);
  return new Map(rows.filter((r) => Number(r.events) > 0).map((r) => [r.shipment_id, toState(r)]));
}

const toEvent = (r: store.EventRow): TrackingEventView => ({
  id: r.id,
  carrierId: r.carrier_id,
  eventId: r.event_id,
  trackingNumber: r.tracking_number,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  status: r.status as TrackingStatus,
  substatus: r.substatus,
  reason: r.reason,
  location: r.location,
  eta: r.eta,
  flagged: Number(r.flagged) === 1,
  rawCode: r.raw_code,
  rawText: r.raw_text,
  format: r.format,
  source: r.source as TrackingEventView['source'],
});

/** A shipment's tracking events, oldest first by carrier time (the timeline). */
export async function listTrackingEvents(db: AnyDb, shipmentId: string): Promise<TrackingEventView[]> {
  return (await store.eventsOf(db, shipmentId)).map(toEvent);
}

export async function shipmentTracking(ctx: AppContext, shipmentId: string) {
  if (!(await shipmentBrief(ctx.db, shipmentId))) throw notFound('shipment', shipmentId);
  const [states, events, notifications] = await Promise.all([
    store.statesOf(ctx.db, [shipmentId]),
    store.eventsOf(ctx.db, shipmentId),
    store.notificationsOf(ctx.db, shipmentId),
  ]);
  return {
    shipmentId,
    state: states[0] && Number(states[0].events) > 0 ? toState(states[0]) : PENDING,
    events: events.map(toEvent),
    notifications: notifications.map((n) => ({
      key: n.key,
      status: n.status,
      substatus: n.substatus,
      eventId: n.event_id,
      outcome: n.outcome as 'pending' | 'queued' | 'superseded' | 'not_mailed' | 'no_recipient',
      mailId: n.mail_id,
      createdAt: n.created_at,
    })),
  };
}

// ── Manual entry ─────────────────────────────────────────────────────────────────────────────────

/** One event typed in by a person (a phone call with the carrier, a driver's note…), applied like any other. */
export async function addManualEvent(
  ctx: AppContext,
  actor: Actor,
  shipmentId: string,
  input: ManualEventInput,
): Promise<IngestResult> {
  return transaction(ctx, actor, async (tx) => {
    const shipment = await shipmentBrief(tx.db, shipmentId);
    if (!shipment) throw notFound('shipment', shipmentId);
    if (!shipment.carrierId || shipment.trackingNumbers.length === 0)
      throw conflict(
        `Shipment ${shipment.number} has no carrier and tracking number yet (it is ${shipment.status}); ship it first.`,
      );
    const carrier = await findCarrierRow(tx.db, shipment.carrierId);
    if (!carrier) throw notFound('carrier', shipment.carrierId);
    const trackingNumber = input.trackingNumber ?? shipment.trackingNumbers[0]!;
    if (!shipment.trackingNumbers.includes(trackingNumber))
      throw validationError(`Shipment ${shipment.number} has no tracking number "${trackingNumber}".`, [
        { path: 'trackingNumber', message: `is not one of ${shipment.trackingNumbers.join(', ')}` },
      ]);
    const occurredAt = new Date(Date.parse(input.occurredAt)).toISOString();
    const event: NormalisedTrackingEvent = {
      format: 'duely' as TrackingFormat,
      eventId: input.eventId ?? `manual_${newId('tracking_event')}`,
      trackingNumber,
      carrier: carrier.code,
      occurredAt,
      status: input.status,
      substatus: input.substatus ?? null,
      reason: input.reason ?? null,
      location: input.location ?? null,
      eta: input.eta ?? null,
      rawCode: input.status,
      rawText: input.note ?? '',
      flagged: false,
      raw: { ...input, enteredBy: actor.label },
    };
    const result = await ingestTrackingEvents(tx, {
      carrierId: carrier.id,
      source: 'manual',
      events: [event],
      shipmentOf: new Map([[trackingNumber, shipment.id]]),
    });
    tx.audit({
      action: 'tracking.manual_event',
      entityType: 'shipment',
      entityId: shipment.id,
      after: { ...event, raw: undefined, duplicate: result.applied === 0 },
    });
    return result;
  });
}

// ── Unmatched ────────────────────────────────────────────────────────────────────────────────────

export async function listUnmatched(
  db: AnyDb,
  filter: {
    state?: 'open' | 'resolved' | 'dismissed' | undefined;
    carrierId?: string | undefined;
    limit?: number;
  } = {},
): Promise<UnmatchedView[]> {
  const groups = await store.unmatchedGroups(db, {
    state: filter.state ?? 'open',
    carrierId: filter.carrierId,
    limit: filter.limit ?? 200,
  });
  const carriers = await carrierRowsByIds(
    db,
    groups.map((g) => g.carrier_id),
  );
  return groups.map((g) => ({
    id: g.first_id,
    carrierId: g.carrier_id,
    carrierCode: carriers.get(g.carrier_id)?.code ?? null,
    trackingNumber: g.tracking_number,
    state: g.state as UnmatchedView['state'],
    events: Number(g.events),
    firstReceivedAt: g.first_received_at,
    lastReceivedAt: g.last_received_at,
    lastOccurredAt: g.last_occurred_at,
  }));
}

async function groupOf(db: AnyDb, id: string) {
  const row = await store.findUnmatched(db, id);
  if (!row) throw notFound('unmatched tracking number', id);
  return { row, all: await store.unmatchedOfNumber(db, row.carrier_id, row.tracking_number) };
}

export async function getUnmatched(ctx: AppContext, id: string) {
  const { row, all } = await groupOf(ctx.db, id);
  const carrier = await findCarrierRow(ctx.db, row.carrier_id);
  const same = all.filter((r) => r.state === row.state);
  const received = same.map((r) => r.received_at).sort();
  const occurred = same.map((r) => r.occurred_at).sort();
  return {
    id: row.id,
    carrierId: row.carrier_id,
    carrierCode: carrier?.code ?? null,
    trackingNumber: row.tracking_number,
    state: row.state as UnmatchedView['state'],
    events: same.length,
    firstReceivedAt: received[0] ?? row.received_at,
    lastReceivedAt: received.at(-1) ?? row.received_at,
    lastOccurredAt: occurred.at(-1) ?? row.occurred_at,
    shipmentId: row.shipment_id,
    note: row.note,
    items: same.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      status: r.status as TrackingStatus,
      substatus: r.substatus,
      reason: r.reason,
      location: r.location,
      flagged: Number(r.flagged) === 1,
      rawCode: r.raw_code,
      rawText: r.raw_text,
      source: r.source,
    })),
  };
}

const toNormalised = (r: store.UnmatchedRow, carrierCode: string): NormalisedTrackingEvent => ({
  format: r.format as TrackingFormat,
  eventId: r.event_id,
  trackingNumber: r.tracking_number,
  carrier: carrierCode,
  occurredAt: r.occurred_at,
  status: r.status as TrackingStatus,
  substatus: r.substatus,
  reason: r.reason,
  location: r.location,
  eta: r.eta,
  rawCode: r.raw_code,
  rawText: r.raw_text,
  flagged: Number(r.flagged) === 1,
  raw: r.raw_payload === null ? undefined : JSON.parse(r.raw_payload),
});

/**
 * Links an unmatched tracking number to a shipment and applies its events there (as if they had
 * arrived now, in one transaction). Later events of that number match the shipment directly.
 */
export async function resolveUnmatched(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { shipmentId: string },
): Promise<IngestResult> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findUnmatched(tx.db, id);
    if (!row) throw notFound('unmatched tracking number', id);
    const open = await store.openUnmatchedOfNumber(tx.db, row.carrier_id, row.tracking_number);
    if (open.length === 0)
      throw conflict(
        `Tracking number ${row.tracking_number} was already ${row.state}; nothing is open for it.`,
      );
    const shipment = await shipmentBrief(tx.db, input.shipmentId);
    if (!shipment)
      throw validationError(`No shipment with id "${input.shipmentId}".`, [
        { path: 'shipmentId', message: 'is not a known shipment' },
      ]);
    if (shipment.status === 'draft' || shipment.status === 'cancelled')
      throw conflict(
        `Shipment ${shipment.number} is ${shipment.status}; only a shipment that left can be tracked.`,
      );
    const carrier = await findCarrierRow(tx.db, row.carrier_id);
    if (!carrier) throw notFound('carrier', row.carrier_id);
    const linked = (await shipmentsByTrackingNumbers(tx.db, row.carrier_id, [row.tracking_number])).get(
      row.tracking_number,
    );
    if (linked !== undefined && linked !== shipment.id)
      throw conflict(
        `Tracking number ${row.tracking_number} of ${carrier.code} belongs to another shipment.`,
        [{ path: 'shipmentId', message: `the number is linked to ${linked}` }],
      );
    if (linked === undefined)
      await store.linkTrackingNumber(tx.db, {
        carrier_id: row.carrier_id,
        tracking_number: row.tracking_number,
        shipment_id: shipment.id,
        created_at: tx.now,
      });
    await store.closeUnmatched(
      tx.db,
      open.map((r) => r.id),
      { state: 'resolved', shipment_id: shipment.id, resolved_at: tx.now, resolved_by: actor.id, note: null },
    );
    const result = await ingestTrackingEvents(tx, {
      carrierId: row.carrier_id,
      source: 'unmatched',
      events: open.map((r) => toNormalised(r, carrier.code)),
      shipmentOf: new Map([[row.tracking_number, shipment.id]]),
    });
    tx.audit({
      action: 'tracking.unmatched_resolved',
      entityType: 'shipment',
      entityId: shipment.id,
      after: { carrierId: row.carrier_id, trackingNumber: row.tracking_number, events: open.length },
    });
    return result;
  });
}

/** Closes an unmatched tracking number without applying its events (e.g. not one of ours). */
export async function dismissUnmatched(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { reason: string },
): Promise<{ dismissed: number }> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findUnmatched(tx.db, id);
    if (!row) throw notFound('unmatched tracking number', id);
    const open = await store.openUnmatchedOfNumber(tx.db, row.carrier_id, row.tracking_number);
    if (open.length === 0)
      throw conflict(
        `Tracking number ${row.tracking_number} was already ${row.state}; nothing is open for it.`,
      );
    await store.closeUnmatched(
      tx.db,
      open.map((r) => r.id),
      {
        state: 'dismissed',
        shipment_id: null,
        resolved_at: tx.now,
        resolved_by: actor.id,
        note: input.reason,
      },
    );
    tx.audit({
      action: 'tracking.unmatched_dismissed',
      entityType: 'tracking_unmatched',
      entityId: row.id,
      after: {
        carrierId: row.carrier_id,
        trackingNumber: row.tracking_number,
        events: open.length,
        reason: input.reason,
      },
    });
    return { dismissed: open.length };
  });
}
