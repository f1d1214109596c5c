import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTrackingEvent,
  customerUpdateKey,
  foldTrackingEvents,
  INITIAL_TRACKING_STATE,
  isTrackingStatus,
  sortTrackingEvents,
  TRACKING_STATUS_RANK,
  TRACKING_STATUSES,
  type TrackingEventInput,
  type TrackingStatus,
} from './tracking-status.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 8, 0) + minute * 60_000).toISOString();

function ev(
  id: string,
  minute: number,
  status: TrackingStatus,
  extra: Partial<TrackingEventInput> = {},
): TrackingEventInput {
  return { eventId: id, occurredAt: at(minute), status, substatus: null, reason: null, ...extra };
}

const keys = (events: TrackingEventInput[]) => foldTrackingEvents(events).updates.map((u) => u.key);

describe('tracking status set', () => {
  it('is AfterShip’s public set with a rank for every status', () => {
    expect(TRACKING_STATUSES).toHaveLength(9);
    for (const s of TRACKING_STATUSES) expect(TRACKING_STATUS_RANK[s]).toBeTypeOf('number');
    expect(isTrackingStatus('out_for_delivery')).toBe(true);
    expect(isTrackingStatus('OutForDelivery')).toBe(false);
    expect(TRACKING_STATUS_RANK.delivered).toBeGreaterThan(TRACKING_STATUS_RANK.out_for_delivery);
  });
});

describe('the tracking reducer', () => {
  it('follows a clean stream and emits each customer update once', () => {
    const run = foldTrackingEvents([
      ev('a', 0, 'info_received'),
      ev('b', 60, 'in_transit', { eta: '2026-03-05' }),
      ev('c', 120, 'in_transit', { substatus: 'arrived_at_facility', eta: '2026-03-04' }),
      ev('d', 900, 'out_for_delivery'),
      ev('e', 960, 'delivered', { substatus: 'signed' }),
    ]);
    expect(run.state).toMatchObject({
      status: 'delivered',
      substatus: 'signed',
      lastEventAt: at(960),
      eta: '2026-03-04',
      deliveredAt: at(960),
    });
    expect(run.updates.map((u) => u.key)).toEqual(['in_transit', 'out_for_delivery', 'delivered']);
    expect(run.updates.every((u) => !u.superseded)).toBe(true);
  });

  it('orders by carrier time, not arrival: an older event never moves the status back', () => {
    const run = foldTrackingEvents([ev('late', 300, 'out_for_delivery'), ev('early', 100, 'in_transit')]);
    expect(run.state.status).toBe('out_for_delivery');
    expect(run.state.lastEventAt).toBe(at(300));
    const step = applyTrackingEvent(run.state, ev('older', 200, 'in_transit', { substatus: 'x' }), run);
    expect(step.changed).toBe(false);
    expect(step.state.status).toBe('out_for_delivery');
  });

  it('drops duplicates by event id', () => {
    const first = foldTrackingEvents([ev('a', 0, 'in_transit')]);
    const step = applyTrackingEvent(first.state, ev('a', 500, 'delivered'), first);
    expect(step).toMatchObject({ duplicate: true, changed: false, updates: [] });
    expect(step.state).toBe(first.state);
  });

  it('never lets pending or expired overwrite progress', () => {
    expect(foldTrackingEvents([ev('a', 0, 'in_transit'), ev('b', 50, 'expired')]).state.status).toBe(
      'in_transit',
    );
    expect(foldTrackingEvents([ev('b', 50, 'pending'), ev('a', 0, 'in_transit')]).state.status).toBe(
      'in_transit',
    );
    // Alone, they do count.
    expect(foldTrackingEvents([ev('a', 0, 'pending'), ev('b', 50, 'expired')]).state.status).toBe('expired');
  });

  it('keeps delivered final against later scans, in either arrival order', () => {
    for (const events of [
      [ev('d', 100, 'delivered'), ev('t', 200, 'in_transit')],
      [ev('t', 200, 'in_transit'), ev('d', 100, 'delivered')],
      [ev('d', 100, 'delivered'), ev('x', 200, 'expired')],
    ]) {
      const state = foldTrackingEvents(events).state;
      expect(state.status).toBe('delivered');
      expect(state.deliveredAt).toBe(at(100));
    }
  });

  it('lets a LATER exception (return to sender) change a delivered shipment, an earlier one not', () => {
    const rts = ev('x', 300, 'exception', { substatus: 'returned_to_sender', reason: 'refused' });
    const run = foldTrackingEvents([ev('d', 100, 'delivered'), rts, ev('t', 400, 'in_transit')]);
    expect(run.state).toMatchObject({
      status: 'exception',
      substatus: 'returned_to_sender',
      reason: 'refused',
    });
    expect(run.state.deliveredAt).toBe(at(100));
    // The exception arrived first, the delivery that preceded it later: same result.
    expect(
      foldTrackingEvents([ev('t', 400, 'in_transit'), rts, ev('d', 100, 'delivered')]).state.status,
    ).toBe('exception');
    // An exception before the delivery is history.
    const before = foldTrackingEvents([
      ev('d', 100, 'delivered'),
      ev('x', 50, 'exception', { substatus: 'delay' }),
    ]);
    expect(before.state.status).toBe('delivered');
    // Re-delivered after the exception.
    expect(
      foldTrackingEvents([ev('d', 100, 'delivered'), rts, ev('d2', 500, 'delivered')]).state.status,
    ).toBe('delivered');
  });

  it('recovers from an exception before delivery with the next scan', () => {
    const state = foldTrackingEvents([
      ev('x', 100, 'exception', { substatus: 'customs_hold' }),
      ev('t', 200, 'in_transit'),
    ]).state;
    expect(state.status).toBe('in_transit');
  });

  it('takes the ETA from the latest event carrying one; an older event only fills a missing ETA', () => {
    const run = foldTrackingEvents([
      ev('b', 200, 'in_transit'),
      ev('a', 100, 'info_received', { eta: '2026-03-06' }),
    ]);
    expect(run.state.eta).toBe('2026-03-06');
    const later = applyTrackingEvent(run.state, ev('c', 300, 'in_transit', { eta: '2026-03-05' }), run).state;
    expect(later.eta).toBe('2026-03-05');
    const older = applyTrackingEvent(later, ev('z', 150, 'in_transit', { eta: '2026-03-09' }), run).state;
    expect(older.eta).toBe('2026-03-05');
  });

  it('marks a late "out for delivery" after "delivered" as superseded, still consuming its key', () => {
    const run = foldTrackingEvents([ev('d', 300, 'delivered'), ev('o', 200, 'out_for_delivery')]);
    expect(run.updates.map((u) => [u.key, u.superseded])).toEqual([
      ['delivered', false],
      ['out_for_delivery', true],
    ]);
    expect(run.sentUpdateKeys.has('out_for_delivery')).toBe(true);
  });

  it('keys updates by status, and by substatus for problems; unknown codes notify no one', () => {
    expect(customerUpdateKey({ status: 'in_transit', substatus: 'departed' })).toBe('in_transit');
    expect(customerUpdateKey({ status: 'exception', substatus: 'damaged' })).toBe('exception:damaged');
    expect(customerUpdateKey({ status: 'attempt_fail', substatus: null })).toBe('attempt_fail:');
    expect(customerUpdateKey({ status: 'exception', substatus: 'unknown', flagged: true })).toBeNull();
    expect(customerUpdateKey({ status: 'info_received', substatus: null })).toBeNull();
    expect(
      keys([
        ev('1', 0, 'in_transit'),
        ev('2', 10, 'in_transit', { substatus: 'arrived' }),
        ev('3', 20, 'attempt_fail', { substatus: 'no_one_home' }),
        ev('4', 30, 'attempt_fail', { substatus: 'no_one_home' }),
        ev('5', 40, 'attempt_fail', { substatus: 'address_issue' }),
      ]),
    ).toEqual(['in_transit', 'attempt_fail:no_one_home', 'attempt_fail:address_issue']);
  });

  it('continues from stored state, seen ids and sent keys', () => {
    const first = foldTrackingEvents([ev('a', 0, 'in_transit')]);
    const second = foldTrackingEvents(
      [ev('a', 0, 'in_transit'), ev('b', 10, 'in_transit', { substatus: 'y' })],
      first,
    );
    expect(second.duplicates).toBe(1);
    expect(second.updates).toEqual([]);
    expect(second.state.substatus).toBe('y');
  });

  it('refuses an event time it cannot read', () => {
    expect(() =>
      applyTrackingEvent(
        INITIAL_TRACKING_STATE,
        { ...ev('a', 0, 'in_transit'), occurredAt: 'yesterday' },
        {
          seenEventIds: new Set(),
          sentUpdateKeys: new Set(),
        },
      ),
    ).toThrow(/not a valid event time/);
  });
});

describe('order independence (property)', () => {
  const eventSet = fc
    .uniqueArray(
      fc.record({
        eventId: fc.stringMatching(/^[a-f0-9]{4}$/),
        // A narrow time range so that equal carrier times (ties) happen often.
        minute: fc.integer({ min: 0, max: 12 }),
        status: fc.constantFrom(...TRACKING_STATUSES),
        substatus: fc.constantFrom(null, 'a', 'b'),
        reason: fc.constantFrom(null, 'r'),
        eta: fc.option(fc.constantFrom('2026-03-04', '2026-03-05', '2026-03-06'), { nil: undefined }),
        flagged: fc.boolean(),
      }),
      { selector: (e) => e.eventId, minLength: 1, maxLength: 14 },
    )
    .map((rows) =>
      rows.map(
        (r): TrackingEventInput => ({
          eventId: r.eventId,
          occurredAt: at(r.minute),
          status: r.status,
          substatus: r.substatus,
          reason: r.reason,
          eta: r.eta ?? null,
          flagged: r.flagged,
        }),
      ),
    );

  it('any permutation with each event delivered 1–5 times gives the sorted stream’s state and update keys', () => {
    fc.assert(
      fc.property(
        eventSet.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: events.length, maxLength: events.length }),
          ),
        ),
        fc.infiniteStream(fc.nat()),
        ([events, copies], randoms) => {
          const clean = foldTrackingEvents(sortTrackingEvents(events));
          const noisy = events.flatMap((e, i) => Array.from({ length: copies[i]! }, () => ({ ...e })));
          // Fisher–Yates with fast-check's random stream, so failures shrink and replay.
          const it = randoms[Symbol.iterator]();
          for (let i = noisy.length - 1; i > 0; i--) {
            const j = it.next().value % (i + 1);
            [noisy[i], noisy[j]] = [noisy[j]!, noisy[i]!];
          }
          const shuffled = foldTrackingEvents(noisy);

          expect(shuffled.state).toEqual(clean.state);
          const shuffledKeys = shuffled.updates.map((u) => u.key);
          expect(new Set(shuffledKeys)).toEqual(new Set(clean.updates.map((u) => u.key)));
          expect(shuffledKeys).toHaveLength(new Set(shuffledKeys).size);
          expect(shuffled.duplicates).toBe(noisy.length - events.length);
          // The key set is exactly what the events themselves call for.
          const expected = new Set(events.map(customerUpdateKey).filter((k) => k !== null));
          expect(new Set(shuffledKeys)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('delivered stays unless a later exception; pending and expired never hide progress', () => {
    fc.assert(
      fc.property(eventSet, (events) => {
        const sorted = sortTrackingEvents(events);
        const run = foldTrackingEvents(sorted);
        const firstDelivery = sorted.find((e) => e.status === 'delivered');
        if (firstDelivery) {
          const laterException = sorted.some(
            (e) =>
              e.status === 'exception' && Date.parse(e.occurredAt) > Date.parse(firstDelivery.occurredAt),
          );
          if (!laterException) expect(run.state.status).toBe('delivered');
          expect(run.state.deliveredAt).toBe(firstDelivery.occurredAt);
        }
        const progress = sorted.some((e) => e.status !== 'pending' && e.status !== 'expired');
        if (progress) expect(['pending', 'expired']).not.toContain(run.state.status);
      }),
      { numRuns: 300 },
    );
  });
});
