import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  carrierTimeToUtc,
  derivedEventId,
  normaliseAftershipPayload,
  normaliseDuelyPayload,
  normaliseEasypostPayload,
  normaliseTrackingPayload,
} from './carrier-formats.js';
import { foldTrackingEvents } from './tracking-status.js';

// Fixtures written for these tests, shaped after the public documentation of each format.

const duelyFixture = {
  events: [
    {
      eventId: 'acme-77001',
      trackingNumber: 'ACME0001234567',
      carrier: 'acme-freight',
      occurredAt: '2026-03-02T09:15:00+01:00',
      status: 'in_transit',
      substatus: 'arrived_at_facility',
      location: 'Lyon, FR',
      eta: '2026-03-04',
      rawCode: 'AR',
      rawText: 'Arrived at hub Lyon-Corbas',
    },
    {
      trackingNumber: 'ACME0001234567',
      carrier: 'acme-freight',
      occurredAt: '2026-03-02T14:02:00Z',
      status: 'held_by_dragon',
      rawCode: 'HX9',
      rawText: 'Parcel withheld',
    },
  ],
};

const aftershipFixture = {
  event: 'tracking_update',
  event_id: '5f0c3a1e-8f0d-4f43-9c8e-2b1f4e7e0a11',
  is_tracking_first_tag: false,
  msg: {
    id: 'k5lh7dy7vvqeck71p5loe011',
    tracking_number: '9400111899562537866151',
    slug: 'usps',
    tag: 'OutForDelivery',
    subtag: 'OutForDelivery_001',
    subtag_message: 'Out for Delivery',
    expected_delivery: '2026-03-03',
    updated_at: '2026-03-03T08:05:12+00:00',
    checkpoints: [
      {
        slug: 'usps',
        checkpoint_time: '2026-03-01T17:40:00-05:00',
        tag: 'InfoReceived',
        subtag: 'InfoReceived_001',
        subtag_message: 'Info Received',
        message: 'Shipping Label Created, USPS Awaiting Item',
        city: 'BROOKLYN',
        state: 'NY',
        country_iso3: 'USA',
        raw_tag: 'GX',
      },
      {
        slug: 'usps',
        checkpoint_time: '2026-03-02T06:12:00-05:00',
        tag: 'InTransit',
        subtag: 'InTransit_003',
        subtag_message: 'Arrival scan',
        message: 'Arrived at USPS Regional Facility',
        location: 'NEW YORK NY NETWORK DISTRIBUTION CENTER',
        raw_tag: '10',
      },
      {
        slug: 'usps',
        checkpoint_time: '2026-03-03T07:58:00-05:00',
        tag: 'OutForDelivery',
        subtag: 'OutForDelivery_001',
        subtag_message: 'Out for Delivery',
        message: 'Out for Delivery',
        city: 'JERSEY CITY',
        state: 'NJ',
        raw_tag: 'OF',
      },
    ],
  },
  ts: 1772543112,
};

const easypostFixture = {
  id: 'evt_0c2b0e9a4f3d11efa1b2',
  object: 'Event',
  mode: 'test',
  description: 'tracker.updated',
  result: {
    id: 'trk_5d6e7f8a9b0c',
    object: 'Tracker',
    tracking_code: 'EZ4000000004',
    carrier: 'UPS',
    status: 'delivered',
    status_detail: 'arrived_at_destination',
    est_delivery_date: '2026-03-04T18:00:00Z',
    updated_at: '2026-03-04T15:31:00Z',
    tracking_details: [
      {
        object: 'TrackingDetail',
        message: 'Shipment information sent to carrier',
        description: '',
        status: 'pre_transit',
        status_detail: 'status_update',
        datetime: '2026-03-02T10:00:00Z',
        source: 'UPS',
        tracking_location: { object: 'TrackingLocation', city: null, state: null, country: null, zip: null },
      },
      {
        object: 'TrackingDetail',
        message: 'Departed facility',
        description: '',
        status: 'in_transit',
        status_detail: 'departed_facility',
        datetime: '2026-03-03T01:20:00Z',
        carrier_code: 'DP',
        tracking_location: {
          object: 'TrackingLocation',
          city: 'Louisville',
          state: 'KY',
          country: 'US',
          zip: '40209',
        },
      },
      {
        object: 'TrackingDetail',
        message: 'Delivered, front porch',
        status: 'delivered',
        status_detail: 'arrived_at_destination',
        datetime: '2026-03-04T15:30:00Z',
        tracking_location: {
          object: 'TrackingLocation',
          city: 'Springfield',
          state: 'OH',
          country: 'US',
          zip: null,
        },
      },
      {
        object: 'TrackingDetail',
        message: 'Teleported',
        status: 'quantum_state',
        status_detail: 'unknown',
        datetime: '2026-03-04T15:35:00Z',
      },
    ],
  },
};

function problemOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('carrier times', () => {
  it('normalises offsets to UTC and reads naive times as UTC', () => {
    expect(carrierTimeToUtc('2026-03-02T09:15:00+01:00')).toBe('2026-03-02T08:15:00.000Z');
    expect(carrierTimeToUtc('2026-03-02T09:15:00+0100')).toBe('2026-03-02T08:15:00.000Z');
    expect(carrierTimeToUtc('2026-03-02 09:15')).toBe('2026-03-02T09:15:00.000Z');
    expect(carrierTimeToUtc('2026-03-02T09:15:00.250Z')).toBe('2026-03-02T09:15:00.250Z');
    expect(carrierTimeToUtc('02/03/2026 09:15')).toBeNull();
    expect(carrierTimeToUtc('2026-13-02T09:15:00Z')).toBeNull();
  });
});

describe('Duely generic format', () => {
  it('normalises events, keeping the carrier id or deriving a stable one', () => {
    const [a, b] = normaliseDuelyPayload(duelyFixture);
    expect(a).toMatchObject({
      format: 'duely',
      eventId: 'acme-77001',
      occurredAt: '2026-03-02T08:15:00.000Z',
      status: 'in_transit',
      substatus: 'arrived_at_facility',
      reason: null,
      location: 'Lyon, FR',
      eta: '2026-03-04',
      rawCode: 'AR',
      rawText: 'Arrived at hub Lyon-Corbas',
      flagged: false,
    });
    expect(a!.raw).toBe(duelyFixture.events[0]);
    expect(b!.eventId).toMatch(/^h_[0-9a-f]{32}$/);
    expect(normaliseDuelyPayload(duelyFixture)[1]!.eventId).toBe(b!.eventId);
  });

  it('keeps an unknown status as a flagged exception with the raw code verbatim', () => {
    const b = normaliseDuelyPayload(duelyFixture)[1]!;
    expect(b).toMatchObject({ status: 'exception', substatus: 'unknown', flagged: true, rawCode: 'HX9' });
  });

  it('refuses malformed payloads with field paths', () => {
    const err = problemOf(() =>
      normaliseDuelyPayload({ events: [{ ...duelyFixture.events[0], occurredAt: '2026-03-02T09:15:00' }] }),
    );
    expect(err.status).toBe(400);
    expect(err.errors[0]!.path).toBe('events.0.occurredAt');
    expect(problemOf(() => normaliseDuelyPayload({ events: [] })).errors[0]!.path).toBe('events');
    expect(
      problemOf(() => normaliseDuelyPayload({ events: [{ carrier: 'x' }] })).errors.map((e) => e.path),
    ).toContain('events.0.trackingNumber');
    expect(problemOf(() => normaliseDuelyPayload('nope')).errors[0]!.path).toBe('(body)');
  });
});

describe('AfterShip webhook', () => {
  it('turns each checkpoint into an event, ETA on the latest', () => {
    const events = normaliseAftershipPayload(aftershipFixture);
    expect(events.map((e) => [e.status, e.substatus, e.occurredAt])).toEqual([
      ['info_received', 'inforeceived_001', '2026-03-01T22:40:00.000Z'],
      ['in_transit', 'intransit_003', '2026-03-02T11:12:00.000Z'],
      ['out_for_delivery', 'outfordelivery_001', '2026-03-03T12:58:00.000Z'],
    ]);
    expect(events[0]).toMatchObject({
      carrier: 'usps',
      trackingNumber: '9400111899562537866151',
      location: 'BROOKLYN, NY, USA',
      rawCode: 'GX',
      rawText: 'Shipping Label Created, USPS Awaiting Item',
      reason: 'Info Received',
      eta: null,
    });
    expect(events[1]!.location).toBe('NEW YORK NY NETWORK DISTRIBUTION CENTER');
    expect(events[2]!.eta).toBe('2026-03-03');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
  });

  it('gives the same ids when AfterShip resends the whole checkpoint list', () => {
    const first = normaliseAftershipPayload(aftershipFixture);
    const again = normaliseAftershipPayload(structuredClone(aftershipFixture));
    expect(again.map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));
    const run = foldTrackingEvents([...first, ...again]);
    expect(run.duplicates).toBe(3);
    expect(run.state).toMatchObject({ status: 'out_for_delivery', eta: '2026-03-03' });
  });

  it('uses the tracking tag when there are no checkpoints, and flags unknown tags', () => {
    const bare = structuredClone(aftershipFixture);
    bare.msg.checkpoints = [];
    bare.msg.tag = 'Teleported';
    const [e] = normaliseAftershipPayload(bare);
    expect(e).toMatchObject({
      status: 'exception',
      substatus: 'unknown',
      flagged: true,
      occurredAt: '2026-03-03T08:05:12.000Z',
      rawCode: 'OutForDelivery_001',
      eta: '2026-03-03',
    });
  });

  it('refuses a payload without msg.tracking_number or with an unreadable time', () => {
    expect(
      problemOf(() => normaliseAftershipPayload({ msg: { slug: 'usps', tag: 'Pending' } })).errors.map(
        (e) => e.path,
      ),
    ).toContain('msg.tracking_number');
    const bad = structuredClone(aftershipFixture);
    bad.msg.checkpoints[1]!.checkpoint_time = 'soon';
    expect(problemOf(() => normaliseAftershipPayload(bad)).errors[0]!.path).toBe(
      'msg.checkpoints.1.checkpoint_time',
    );
  });
});

describe('EasyPost webhook', () => {
  it('maps tracking details, keeping status_detail as substatus', () => {
    const events = normaliseEasypostPayload(easypostFixture);
    expect(events.map((e) => [e.status, e.substatus, e.flagged])).toEqual([
      ['info_received', 'status_update', false],
      ['in_transit', 'departed_facility', false],
      ['delivered', 'arrived_at_destination', false],
      ['exception', 'unknown', true],
    ]);
    expect(events[1]).toMatchObject({ location: 'Louisville, KY, 40209, US', rawCode: 'DP', carrier: 'UPS' });
    expect(events[0]!.location).toBeNull();
    expect(events[3]).toMatchObject({
      rawCode: 'unknown',
      rawText: 'Teleported',
      eta: '2026-03-04T18:00:00Z',
    });
    // The flagged event after delivery is an exception later than the delivery: it shows for review.
    expect(foldTrackingEvents(events).state).toMatchObject({ status: 'exception', substatus: 'unknown' });
  });

  it('maps return_to_sender to an exception with its own substatus', () => {
    const rts = structuredClone(easypostFixture);
    rts.result.tracking_details = [
      {
        object: 'TrackingDetail',
        message: 'Returned to shipper',
        description: '',
        status: 'return_to_sender',
        status_detail: 'return',
        datetime: '2026-03-06T09:00:00Z',
        source: 'UPS',
        tracking_location: { object: 'TrackingLocation', city: null, state: null, country: null, zip: null },
      },
    ];
    expect(normaliseEasypostPayload(rts)[0]).toMatchObject({
      status: 'exception',
      substatus: 'return_to_sender',
      reason: 'return',
    });
  });

  it('refuses non-tracker events', () => {
    const err = problemOf(() =>
      normaliseEasypostPayload({ ...easypostFixture, description: 'batch.updated' }),
    );
    expect(err.errors[0]!.path).toBe('description');
  });

  it('dispatches by format name', () => {
    expect(normaliseTrackingPayload('easypost', easypostFixture)).toHaveLength(4);
    expect(normaliseTrackingPayload('aftership', aftershipFixture)).toHaveLength(3);
    expect(normaliseTrackingPayload('duely', duelyFixture)).toHaveLength(2);
  });
});

describe('derived event ids', () => {
  it('are stable and differ when any part differs', () => {
    const parts = {
      format: 'easypost' as const,
      carrier: 'UPS',
      trackingNumber: 'EZ1',
      occurredAt: '2026-03-02T10:00:00.000Z',
      rawCode: 'DP',
      rawText: 'Departed',
    };
    expect(derivedEventId(parts)).toBe(derivedEventId({ ...parts }));
    expect(derivedEventId({ ...parts, occurredAt: '2026-03-02T10:00:01.000Z' })).not.toBe(
      derivedEventId(parts),
    );
    expect(derivedEventId({ ...parts, trackingNumber: 'EZ2' })).not.toBe(derivedEventId(parts));
  });
});
