import { describe, expect, it } from 'vitest';
import {
  delayNotice,
  evaluateOrder,
  evaluateShipment,
  DEFAULT_DELAY_SETTINGS as S,
  type ShipmentFacts,
} from './rules.js';

describe('order delay rule', () => {
  const order = (promisedShipDate: string | null, status = 'confirmed') => ({ status, promisedShipDate });
  it('is on time without a promised date or well before it', () => {
    expect(evaluateOrder(order(null), '2026-12-04', S)).toMatchObject({ state: 'on_time', open: true });
    expect(evaluateOrder(order('2026-12-10'), '2026-12-04', S)).toMatchObject({
      state: 'on_time',
      expectedDate: '2026-12-10',
    });
  });
  it('is at risk within atRiskDays of the promised ship date, today included', () => {
    expect(evaluateOrder(order('2026-12-05'), '2026-12-04', S)).toMatchObject({
      state: 'at_risk',
      kind: 'order_at_risk',
    });
    expect(evaluateOrder(order('2026-12-04'), '2026-12-04', S).reasons[0]).toContain('today');
    expect(evaluateOrder(order('2026-12-06'), '2026-12-04', { ...S, atRiskDays: 2 }).state).toBe('at_risk');
    expect(evaluateOrder(order('2026-12-06'), '2026-12-04', S).state).toBe('on_time');
  });
  it('is late the day after the promised ship date, with no expected date', () => {
    const e = evaluateOrder(order('2026-12-01', 'partially_shipped'), '2026-12-04', S);
    expect(e).toMatchObject({ state: 'late', expectedDate: null, kind: 'order_late' });
    expect(e.reasons[0]).toBe('Only partly shipped by the promised ship date 2026-12-01 (3 days late)');
  });
  it('is no longer open once shipped, delivered, closed or cancelled', () => {
    for (const status of ['shipped', 'delivered', 'closed', 'cancelled', 'draft'])
      expect(evaluateOrder(order('2026-11-01', status), '2026-12-04', S)).toMatchObject({
        state: 'on_time',
        open: false,
      });
  });
});

describe('shipment delay rule', () => {
  const facts = (
    over: Partial<ShipmentFacts> = {},
    tracking: Partial<NonNullable<ShipmentFacts['tracking']>> | null = {},
  ) => ({
    status: 'shipped',
    requestedDeliveryDate: '2026-12-08',
    shippedDate: '2026-12-04',
    tracking:
      tracking === null
        ? null
        : {
            status: 'in_transit',
            substatus: null,
            reason: null,
            lastEventDate: '2026-12-04',
            etaDate: null,
            ...tracking,
          },
    ...over,
  });
  it('is on time in transit with an ETA on or before the requested date', () => {
    expect(evaluateShipment(facts({}, { etaDate: '2026-12-08' }), '2026-12-05', S)).toMatchObject({
      state: 'on_time',
      expectedDate: '2026-12-08',
      open: true,
    });
  });
  it('is late when the carrier ETA is after the requested delivery date', () => {
    const e = evaluateShipment(facts({}, { etaDate: '2026-12-10' }), '2026-12-05', S);
    expect(e).toMatchObject({ state: 'late', kind: 'shipment_late', expectedDate: '2026-12-10' });
    expect(e.reasons).toEqual(['The carrier expects delivery on 2026-12-10, after the requested 2026-12-08']);
  });
  it('is late once the requested date has passed undelivered', () => {
    expect(
      evaluateShipment(facts({}, { lastEventDate: '2026-12-09', etaDate: '2026-12-08' }), '2026-12-09', S)
        .state,
    ).toBe('late');
  });
  it('is at risk near the requested date without an ETA, or after a failed attempt', () => {
    expect(evaluateShipment(facts({}, { lastEventDate: '2026-12-07' }), '2026-12-07', S).state).toBe(
      'at_risk',
    );
    const failed = evaluateShipment(
      facts(
        {},
        {
          status: 'attempt_fail',
          substatus: 'recipient_absent',
          lastEventDate: '2026-12-05',
          etaDate: '2026-12-06',
        },
      ),
      '2026-12-05',
      S,
    );
    expect(failed).toMatchObject({ state: 'at_risk', kind: 'shipment_at_risk' });
    expect(failed.reasons[0]).toContain('recipient_absent');
  });
  it('is stalled after stalledDays without an event (or hand-over), and when tracking expired', () => {
    const quiet = evaluateShipment(
      facts({}, { etaDate: '2026-12-08', lastEventDate: '2026-12-04' }),
      '2026-12-07',
      S,
    );
    expect(quiet).toMatchObject({ state: 'stalled', kind: 'shipment_stalled' });
    expect(quiet.reasons[0]).toBe('No tracking event for 3 days (last event 2026-12-04)');
    expect(
      evaluateShipment(facts({ requestedDeliveryDate: null }, null), '2026-12-07', S).reasons[0],
    ).toContain('hand-over');
    expect(
      evaluateShipment(
        facts({}, { status: 'expired', etaDate: '2026-12-08', lastEventDate: '2026-12-05' }),
        '2026-12-05',
        S,
      ).state,
    ).toBe('stalled');
    expect(evaluateShipment(facts({}, { etaDate: '2026-12-08' }), '2026-12-06', S).state).toBe('on_time');
  });
  it('an exception is late (kind shipment_exception); late outranks stalled and at risk', () => {
    const e = evaluateShipment(
      facts(
        {},
        { status: 'exception', substatus: 'damaged', reason: 'Box crushed', lastEventDate: '2026-12-01' },
      ),
      '2026-12-07',
      S,
    );
    expect(e).toMatchObject({ state: 'late', kind: 'shipment_exception' });
    expect(e.reasons[0]).toBe('The carrier reports an exception (damaged: Box crushed)');
    // Worst first: the exception, then the silence, then the missing ETA close to the requested date.
    expect(e.reasons).toHaveLength(3);
    expect(e.reasons[1]).toContain('No tracking event');
    expect(e.reasons[2]).toContain('no ETA');
  });
  it('is no longer open when delivered, or before it was shipped', () => {
    expect(evaluateShipment(facts({}, { status: 'delivered' }), '2026-12-20', S)).toMatchObject({
      state: 'on_time',
      open: false,
    });
    expect(evaluateShipment(facts({ status: 'delivered' }), '2026-12-20', S).open).toBe(false);
    expect(evaluateShipment(facts({ status: 'packed' }, null), '2026-12-20', S).open).toBe(false);
  });
});

describe('delay notice', () => {
  it('names the new expected date, in English and French', () => {
    const input = {
      entityType: 'shipment' as const,
      number: 'SHP-2026-000001',
      orderNumber: 'SO-2026-000001',
      customerName: 'Acme',
      state: 'late' as const,
      expectedDate: '2026-12-10',
    };
    expect(delayNotice('en', input).text).toContain('The new expected date is 2026-12-10.');
    expect(delayNotice('fr', input).subject).toBe('Votre envoi SHP-2026-000001 (SO-2026-000001) : retard');
    expect(delayNotice('en', { ...input, expectedDate: null }).text).toContain('as soon as we have it');
  });
});
