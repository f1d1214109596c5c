/**
 * Carrier tracking status (DESIGN.md §4, AfterShip's public set in snake_case) and the reducer that
 * folds a shipment's tracking events into its current state — a pure rule, no I/O.
 *
 * The rule is "the winning event" of everything received, under one total order, so the result does
 * not depend on the order in which events arrive nor on duplicates:
 *
 *   key(e) = (tier, occurredAt, status rank, eventId), the largest key wins, where tier is
 *   - 0 for `pending` and `expired`: they never overwrite progress (they win only when nothing else
 *     has been received);
 *   - 1 for the progress statuses (`info_received`, `in_transit`, `out_for_delivery`, `attempt_fail`,
 *     `available_for_pickup`) and for an `exception` with no delivery before it: the latest by the
 *     carrier's own event time wins, not the last to arrive;
 *   - 2 for `delivered`, and for an `exception` that happened after the first delivery (e.g. return to
 *     sender, damaged on delivery): `delivered` is final except for a LATER exception, and among those
 *     the latest wins (so a re-delivery after such an exception is `delivered` again).
 *
 * Consequences, intended and tested:
 * - An event older than the current one never changes the status — except a `delivered` (or an
 *   exception that follows a delivery), which outranks any non-exception event whatever its time: a
 *   late "in transit" scan after the delivery scan never un-delivers a parcel, whichever arrives first.
 * - The ETA is the latest carrier estimate by event time: the `eta` of the latest event (by key
 *   `(occurredAt, eventId)`, any status, any tier) that carries one. So an older event DOES fill in an
 *   ETA when no later event carried one, and never replaces an estimate from a later event.
 * - `deliveredAt` is the carrier time of the first delivery event; `lastEventAt` the latest carrier
 *   time of any event received.
 *
 * Deduplication is part of the input: the caller passes the event ids already applied (kept ≥ 72 h by
 * the store) and a duplicate returns the state unchanged.
 *
 * Customer updates. Each notifiable event gives one key — `in_transit` (the first "on its way"),
 * `out_for_delivery`, `delivered`, `attempt_fail:<substatus>`, `exception:<substatus>` — decided by
 * the event alone (flagged events with unknown codes notify no one). A key already sent is never
 * returned again. Because the key depends only on the event, the set of keys over a run is the same
 * for every arrival order and every duplication, and each is returned at most once. An update whose
 * event is older than the current state's winning event is marked `superseded` (e.g. an
 * "out for delivery" received after "delivered"): the caller records its key as sent — so it is
 * consumed and never sent later — and should not mail it.
 */

export const TRACKING_STATUSES = [
  'pending',
  'info_received',
  'in_transit',
  'out_for_delivery',
  'attempt_fail',
  'available_for_pickup',
  'delivered',
  'exception',
  'expired',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export function isTrackingStatus(value: unknown): value is TrackingStatus {
  return typeof value === 'string' && (TRACKING_STATUSES as readonly string[]).includes(value);
}

/**
 * How far along the way a status is, for sorting and for breaking ties between events with the same
 * carrier time. `pending` and `expired` carry no progress; `exception` ranks just below `delivered`
 * so that, at the same instant, a problem is not hidden behind a scan.
 */
export const TRACKING_STATUS_RANK: Readonly<Record<TrackingStatus, number>> = {
  pending: 0,
  expired: 0,
  info_received: 1,
  in_transit: 2,
  out_for_delivery: 3,
  available_for_pickup: 4,
  attempt_fail: 5,
  exception: 6,
  delivered: 7,
};

/** A normalised event as the reducer needs it (carrier-formats.ts produces these). */
export interface TrackingEventInput {
  eventId: string;
  /** The carrier's event time, ISO 8601 with offset (normalised to UTC by the carrier formats). */
  occurredAt: string;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  /** The carrier's estimated delivery as of this event (ISO date or instant), if it gave one. */
  eta?: string | null;
  /** Events with a carrier code Duely does not know: kept, shown for review, never notified. */
  flagged?: boolean;
  /** The carrier's raw code and text, verbatim; not used by the rule. */
  raw?: unknown;
}

/** The event that currently decides the status. */
export interface WinningEvent {
  eventId: string;
  occurredAt: string;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
}

export interface TrackingState {
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  /** Latest carrier event time of any event received (null before the first). */
  lastEventAt: string | null;
  /** Latest carrier delivery estimate, by event time. */
  eta: string | null;
  /** Carrier time of the first delivery event. */
  deliveredAt: string | null;
  /** Bookkeeping that makes the rule order-independent; store it with the state. */
  winner: WinningEvent | null;
  /** The latest exception received (it outranks a delivery once one happened before it). */
  lastException: WinningEvent | null;
  /** The event the ETA was taken from. */
  etaFrom: { eventId: string; occurredAt: string } | null;
}

export const INITIAL_TRACKING_STATE: TrackingState = Object.freeze({
  status: 'pending',
  substatus: null,
  reason: null,
  lastEventAt: null,
  eta: null,
  deliveredAt: null,
  winner: null,
  lastException: null,
  etaFrom: null,
});

export interface CustomerUpdate {
  /** The dedupe key, per shipment: `in_transit`, `out_for_delivery`, `delivered`, `exception:<substatus>`… */
  key: string;
  status: TrackingStatus;
  substatus: string | null;
  eventId: string;
  occurredAt: string;
  /** The event is older than the state's winning event: record the key, do not mail it. */
  superseded: boolean;
}

export interface TrackingStep {
  state: TrackingState;
  /** The event id was already applied: nothing changed. */
  duplicate: boolean;
  /** Status or substatus changed: a meaningful change for the timeline and delay state. */
  changed: boolean;
  /** Customer updates to send now (keys not in `sentUpdateKeys`). */
  updates: CustomerUpdate[];
}

export interface TrackingContext {
  /** Event ids already applied to this shipment. */
  seenEventIds: ReadonlySet<string>;
  /** Customer update keys already sent for this shipment. */
  sentUpdateKeys: ReadonlySet<string>;
}

const timeOf = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`"${iso}" is not a valid event time`);
  return t;
};

function compareTimeThenId(
  a: { occurredAt: string; eventId: string },
  b: { occurredAt: string; eventId: string },
) {
  const d = timeOf(a.occurredAt) - timeOf(b.occurredAt);
  if (d !== 0) return d;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function tierOf(e: WinningEvent, firstDeliveredAt: string | null): number {
  if (e.status === 'pending' || e.status === 'expired') return 0;
  if (e.status === 'delivered') return 2;
  if (
    e.status === 'exception' &&
    firstDeliveredAt !== null &&
    timeOf(e.occurredAt) > timeOf(firstDeliveredAt)
  )
    return 2;
  return 1;
}

/** Total order of events under the rule in the module comment; > 0 when `a` wins over `b`. */
function compareKey(a: WinningEvent, b: WinningEvent, firstDeliveredAt: string | null): number {
  const tier = tierOf(a, firstDeliveredAt) - tierOf(b, firstDeliveredAt);
  if (tier !== 0) return tier;
  const t = timeOf(a.occurredAt) - timeOf(b.occurredAt);
  if (t !== 0) return t;
  const rank = TRACKING_STATUS_RANK[a.status] - TRACKING_STATUS_RANK[b.status];
  if (rank !== 0) return rank;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** The customer update key an event gives, or null when it notifies no one. */
export function customerUpdateKey(
  e: Pick<TrackingEventInput, 'status' | 'substatus' | 'flagged'>,
): string | null {
  if (e.flagged) return null;
  switch (e.status) {
    case 'in_transit':
    case 'out_for_delivery':
    case 'delivered':
      return e.status;
    case 'attempt_fail':
    case 'exception':
      return `${e.status}:${e.substatus ?? ''}`;
    default:
      return null;
  }
}

const winningOf = (e: TrackingEventInput): WinningEvent => ({
  eventId: e.eventId,
  occurredAt: e.occurredAt,
  status: e.status,
  substatus: e.substatus ?? null,
  reason: e.reason ?? null,
});

const maxTime = (a: string | null, b: string): string => (a === null || timeOf(b) > timeOf(a) ? b : a);
const minTime = (a: string | null, b: string): string => (a === null || timeOf(b) < timeOf(a) ? b : a);

/**
 * Apply one event. Pure: the inputs are not changed; the caller stores the new state and adds the
 * event id to its seen ids and the returned update keys to its sent keys.
 */
export function applyTrackingEvent(
  state: TrackingState,
  event: TrackingEventInput,
  context: TrackingContext,
): TrackingStep {
  if (context.seenEventIds.has(event.eventId)) return { state, duplicate: true, changed: false, updates: [] };
  timeOf(event.occurredAt);
  const incoming = winningOf(event);

  const deliveredAt =
    event.status === 'delivered' ? minTime(state.deliveredAt, event.occurredAt) : state.deliveredAt;
  let lastException = state.lastException;
  if (
    event.status === 'exception' &&
    (lastException === null || compareTimeThenId(incoming, lastException) > 0)
  )
    lastException = incoming;

  // The winner over all events so far, under the (possibly changed) tiers: the old winner, the new
  // event, or the latest exception (the only event whose tier can rise when an earlier delivery arrives).
  let winner: WinningEvent = incoming;
  for (const candidate of [state.winner, lastException]) {
    if (candidate && compareKey(candidate, winner, deliveredAt) > 0) winner = candidate;
  }

  let eta = state.eta;
  let etaFrom = state.etaFrom;
  if (event.eta && (etaFrom === null || compareTimeThenId(event, etaFrom) > 0)) {
    eta = event.eta;
    etaFrom = { eventId: event.eventId, occurredAt: event.occurredAt };
  }

  const next: TrackingState = {
    status: winner.status,
    substatus: winner.substatus,
    reason: winner.reason,
    lastEventAt: maxTime(state.lastEventAt, event.occurredAt),
    eta,
    deliveredAt,
    winner,
    lastException,
    etaFrom,
  };
  const changed = next.status !== state.status || next.substatus !== state.substatus || state.winner === null;

  const updates: CustomerUpdate[] = [];
  const key = customerUpdateKey(event);
  if (key !== null && !context.sentUpdateKeys.has(key)) {
    updates.push({
      key,
      status: event.status,
      substatus: event.substatus ?? null,
      eventId: event.eventId,
      occurredAt: event.occurredAt,
      superseded: winner.eventId !== event.eventId && compareKey(incoming, winner, deliveredAt) < 0,
    });
  }
  return { state: next, duplicate: false, changed, updates };
}

export interface TrackingRun {
  state: TrackingState;
  seenEventIds: Set<string>;
  sentUpdateKeys: Set<string>;
  /** Every update returned, in the order returned. */
  updates: CustomerUpdate[];
  duplicates: number;
}

/** Fold a batch of events (any order, duplicates allowed) — the reducer applied one by one. */
export function foldTrackingEvents(
  events: readonly TrackingEventInput[],
  start: {
    state?: TrackingState;
    seenEventIds?: Iterable<string>;
    sentUpdateKeys?: Iterable<string>;
  } = {},
): TrackingRun {
  const run: TrackingRun = {
    state: start.state ?? INITIAL_TRACKING_STATE,
    seenEventIds: new Set(start.seenEventIds ?? []),
    sentUpdateKeys: new Set(start.sentUpdateKeys ?? []),
    updates: [],
    duplicates: 0,
  };
  for (const event of events) {
    const step = applyTrackingEvent(run.state, event, run);
    if (step.duplicate) {
      run.duplicates++;
      continue;
    }
    run.state = step.state;
    run.seenEventIds.add(event.eventId);
    for (const u of step.updates) {
      run.sentUpdateKeys.add(u.key);
      run.updates.push(u);
    }
  }
  return run;
}

/** Events in carrier-time order (ties by event id): the "clean ordered stream". */
export function sortTrackingEvents<E extends { occurredAt: string; eventId: string }>(
  events: readonly E[],
): E[] {
  return [...events].sort(compareTimeThenId);
}
