import { describe, expect, it } from 'vitest';
import { delayStatesOf, evaluateAllDelays, evaluateDelay } from '../../src/modules/shipping/index.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { drainJobs } from './credit.support.js';
import { customerOf, stocked } from './orders.support.js';

let serial = 0;

async function post(
  t: TestApp,
  url: string,
  payload: unknown,
  status = 200,
  roles: readonly Role[] = ['logistics', 'sales'],
) {
  const response = await t.inject({
    method: 'POST',
    url,
    headers: bearer(await t.tokenWith(roles)),
    payload: payload as Record<string, unknown>,
  });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
  return response.json();
}

/** A confirmed order with these dates, for a customer with a billing email. */
async function confirmedOrder(
  t: TestApp,
  dates: { promisedShipDate?: string; requestedDeliveryDate?: string },
) {
  const email = `dock${++serial}-${Date.now()}@customer.example`;
  const customer = await customerOf(t, {
    language: 'en',
    contacts: [{ name: 'Receiving', email, receivesInvoices: true }],
  });
  const item = await stocked(t, 10);
  const order = await post(
    t,
    '/api/orders',
    {
      customerId: customer.id,
      lines: [{ productId: item.productId, warehouseId: item.warehouseId, quantity: 2 }],
      ...dates,
    },
    201,
  );
  await post(t, `/api/orders/${order.id}/confirm`, {});
  return { orderId: order.id as string, email };
}

async function ship(t: TestApp, orderId: string) {
  const carrier = await post(
    t,
    '/api/carriers',
    { code: `dl${++serial}`, name: `Carrier ${serial}`, webhookFormat: 'duely' },
    201,
    ['logistics'],
  );
  const shipment = await post(t, '/api/shipments', { orderId }, 201, ['logistics']);
  await post(t, `/api/shipments/${shipment.id}/pick`, {}, 200, ['logistics']);
  await post(t, `/api/shipments/${shipment.id}/pack`, { packages: [{ weightGrams: 1200 }] }, 200, [
    'logistics',
  ]);
  await post(
    t,
    `/api/shipments/${shipment.id}/ship`,
    { carrierId: carrier.carrier.id, service: 'standard', trackingNumbers: [`TRK${Date.now()}${serial}`] },
    200,
    ['logistics'],
  );
  return shipment.id as string;
}

/** One scripted carrier event through the tracking ingestion (manual entry), then the event deliveries. */
async function track(
  t: TestApp,
  shipmentId: string,
  occurredAt: string,
  status: string,
  extra: Record<string, unknown> = {},
) {
  await post(t, `/api/shipments/${shipmentId}/tracking/events`, { occurredAt, status, ...extra }, 201, [
    'logistics',
  ]);
  await drainJobs(t.ctx);
}

const stateOf = async (t: TestApp, type: 'order' | 'shipment', id: string) =>
  (await delayStatesOf(t.ctx.db, type, [id])).get(id);
const openTasks = async (t: TestApp, type: string, id: string) =>
  (await tasksOfRecord(t.ctx.db, type, id)).filter((x) => x.status === 'open');
const mailsTo = async (t: TestApp, email: string) =>
  (await t.ctx.db.selectFrom('mail_messages').selectAll().execute()).filter((m) =>
    (JSON.parse(m.to_addresses) as string[]).includes(email),
  );

describeEachApp('dispatch delays', (get) => {
  describe('orders', () => {
    it('an order past its promised ship date is late, with one logistics task, closed once it ships', async () => {
      const t = get();
      t.clock.set('2026-12-04T09:00:00.000Z');
      const { orderId } = await confirmedOrder(t, {
        promisedShipDate: '2026-12-02',
        requestedDeliveryDate: '2026-12-20',
      });
      await drainJobs(t.ctx); // order.confirmed → evaluation
      expect(await stateOf(t, 'order', orderId)).toMatchObject({
        state: 'late',
        open: true,
        dueDate: '2026-12-02',
      });
      await evaluateDelay(t.ctx, 'order', orderId);
      await evaluateAllDelays(t.ctx);
      const tasks = await openTasks(t, 'order', orderId);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        kind: 'order_late',
        department: 'logistics',
        priority: 'high',
        dedupeKey: `delay:order:${orderId}:late`,
      });
      expect(tasks[0]?.reason).toContain('Not shipped by the promised ship date 2026-12-02');

      const shipmentId = await ship(t, orderId);
      await drainJobs(t.ctx); // shipment.status_changed and order.shipped → evaluations
      expect(await stateOf(t, 'order', orderId)).toMatchObject({ state: 'on_time', open: false });
      expect(await openTasks(t, 'order', orderId)).toHaveLength(0);
      const [closed] = await tasksOfRecord(t.ctx.db, 'order', orderId);
      expect(closed).toMatchObject({ status: 'closed', resolution: 'No longer open (2026-12-04)' });
      expect(await stateOf(t, 'shipment', shipmentId)).toMatchObject({ state: 'on_time', open: true });
    });

    it('an order due to ship tomorrow is at risk', async () => {
      const t = get();
      t.clock.set('2026-12-04T09:00:00.000Z');
      const { orderId } = await confirmedOrder(t, { promisedShipDate: '2026-12-05' });
      const state = await evaluateDelay(t.ctx, 'order', orderId);
      expect(state).toMatchObject({ state: 'at_risk', expectedDate: '2026-12-05' });
      expect((await openTasks(t, 'order', orderId)).map((x) => x.kind)).toEqual(['order_at_risk']);
    });
  });

  describe('shipments from scripted tracking streams', () => {
    it('moves through on time, late (ETA), on time, stalled, at risk (failed attempt), late (exception) and delivered', async () => {
      const t = get();
      t.clock.set('2026-12-04T09:00:00.000Z');
      const { orderId } = await confirmedOrder(t, {
        promisedShipDate: '2026-12-04',
        requestedDeliveryDate: '2026-12-08',
      });
      const shipmentId = await ship(t, orderId);
      await drainJobs(t.ctx);
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('on_time');

      await track(t, shipmentId, '2026-12-04T10:00:00Z', 'in_transit', { eta: '2026-12-07', eventId: 'e1' });
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('on_time');

      await track(t, shipmentId, '2026-12-04T11:00:00Z', 'in_transit', { eta: '2026-12-10', eventId: 'e2' });
      expect(await stateOf(t, 'shipment', shipmentId)).toMatchObject({
        state: 'late',
        expectedDate: '2026-12-10',
      });
      expect((await openTasks(t, 'shipment', shipmentId)).map((x) => x.kind)).toEqual(['shipment_late']);
      // The same event again (a duplicate delivery) changes nothing.
      await track(t, shipmentId, '2026-12-04T11:00:00Z', 'in_transit', { eta: '2026-12-10', eventId: 'e2' });
      expect(await tasksOfRecord(t.ctx.db, 'shipment', shipmentId)).toHaveLength(1);

      await track(t, shipmentId, '2026-12-04T12:00:00Z', 'in_transit', { eta: '2026-12-08', eventId: 'e3' });
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('on_time');
      expect(await openTasks(t, 'shipment', shipmentId)).toHaveLength(0);

      // Four quiet days: the daily run finds it stalled.
      t.clock.set('2026-12-07T09:00:00.000Z');
      await evaluateAllDelays(t.ctx);
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('stalled');
      expect((await openTasks(t, 'shipment', shipmentId)).map((x) => x.kind)).toEqual(['shipment_stalled']);
      await evaluateAllDelays(t.ctx);
      expect((await openTasks(t, 'shipment', shipmentId)).map((x) => x.kind)).toEqual(['shipment_stalled']);

      await track(t, shipmentId, '2026-12-07T08:00:00Z', 'attempt_fail', {
        substatus: 'recipient_absent',
        eta: '2026-12-08',
        eventId: 'e4',
      });
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('at_risk');
      expect((await openTasks(t, 'shipment', shipmentId)).map((x) => x.kind)).toEqual(['shipment_at_risk']);

      await track(t, shipmentId, '2026-12-07T08:30:00Z', 'exception', {
        reason: 'Address not found',
        eventId: 'e5',
      });
      expect((await stateOf(t, 'shipment', shipmentId))?.state).toBe('late');
      expect((await openTasks(t, 'shipment', shipmentId)).map((x) => x.kind)).toEqual(['shipment_exception']);

      await track(t, shipmentId, '2026-12-07T08:45:00Z', 'delivered', { eventId: 'e6' });
      expect(await stateOf(t, 'shipment', shipmentId)).toMatchObject({ state: 'on_time', open: false });
      expect(await openTasks(t, 'shipment', shipmentId)).toHaveLength(0);
      const all = await tasksOfRecord(t.ctx.db, 'shipment', shipmentId);
      expect(all.map((x) => x.kind).sort()).toEqual(
        ['shipment_at_risk', 'shipment_exception', 'shipment_late', 'shipment_stalled'].sort(),
      );
      expect(all.every((x) => x.status === 'closed')).toBe(true);
      t.clock.set('2026-12-04T09:00:00.000Z');
    });

    it('emails the customer once per state and expected date when configured', async () => {
      const t = get();
      t.clock.set('2026-12-04T09:00:00.000Z');
      const admin = bearer(await t.tokenWith(['admin']));
      const bad = await t.inject({
        method: 'PUT',
        url: '/api/delays/settings',
        headers: admin,
        payload: { atRiskDays: 1, stalledDays: 0, notifyCustomers: true, notifyStates: ['late'] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('stalledDays');
      const saved = await t.inject({
        method: 'PUT',
        url: '/api/delays/settings',
        headers: admin,
        payload: { atRiskDays: 1, stalledDays: 3, notifyCustomers: true, notifyStates: ['late'] },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      try {
        const { orderId, email } = await confirmedOrder(t, {
          promisedShipDate: '2026-12-04',
          requestedDeliveryDate: '2026-12-08',
        });
        const shipmentId = await ship(t, orderId);
        await drainJobs(t.ctx);
        await track(t, shipmentId, '2026-12-04T10:00:00Z', 'in_transit', {
          eta: '2026-12-10',
          eventId: 'n1',
        });
        await evaluateDelay(t.ctx, 'shipment', shipmentId);
        let mails = (await mailsTo(t, email)).filter((m) => m.subject.includes('delayed'));
        expect(mails).toHaveLength(1);
        expect(mails[0]?.text_body).toContain('The new expected date is 2026-12-10.');
        await track(t, shipmentId, '2026-12-04T11:00:00Z', 'in_transit', {
          eta: '2026-12-11',
          eventId: 'n2',
        });
        await track(t, shipmentId, '2026-12-04T12:00:00Z', 'in_transit', {
          eta: '2026-12-11',
          eventId: 'n3',
        });
        mails = (await mailsTo(t, email)).filter((m) => m.subject.includes('delayed'));
        expect(mails).toHaveLength(2);
        expect(mails.map((m) => m.text_body).join('\n')).toContain('2026-12-11');
        const detail = await t.inject({
          method: 'GET',
          url: `/api/delays/shipment/${shipmentId}`,
          headers: bearer(await t.tokenWith(['auditor'])),
        });
        expect(detail.json().notices.map((n: { expectedDate: string }) => n.expectedDate)).toEqual([
          '2026-12-10',
          '2026-12-11',
        ]);
      } finally {
        await t.inject({
          method: 'PUT',
          url: '/api/delays/settings',
          headers: admin,
          payload: { atRiskDays: 1, stalledDays: 3, notifyCustomers: false, notifyStates: ['late'] },
        });
      }
    });
  });

  describe('HTTP', () => {
    it('lists problem states and evaluates on demand', async () => {
      const t = get();
      t.clock.set('2026-12-04T09:00:00.000Z');
      const { orderId } = await confirmedOrder(t, { promisedShipDate: '2026-11-30' });
      const evaluated = await post(t, '/api/delays/evaluate', { entityType: 'order', id: orderId }, 200, [
        'logistics',
      ]);
      expect(evaluated.state).toMatchObject({ state: 'late', entityId: orderId });
      const auditor = bearer(await t.tokenWith(['auditor']));
      const list = await t.inject({
        method: 'GET',
        url: '/api/delays?state=late&entityType=order&limit=500',
        headers: auditor,
      });
      expect(list.json().items.map((i: { entityId: string }) => i.entityId)).toContain(orderId);
      const badState = await t.inject({ method: 'GET', url: '/api/delays?state=slow', headers: auditor });
      expect(badState.statusCode).toBe(400);
      expect(badState.json().errors[0].path).toBe('querystring.state');
      const half = await post(t, '/api/delays/evaluate', { entityType: 'order' }, 400, ['logistics']);
      expect(half.errors[0].path).toBe('id');
      const all = await post(t, '/api/delays/evaluate', {}, 200, ['admin']);
      expect(all.evaluated).toBeGreaterThan(0);
    });
  });
});
