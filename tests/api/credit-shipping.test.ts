/**
 * A credit hold blocks shipping, on both databases: a customer above its credit limit cannot ship
 * (409 naming the hold and its reason, an 'order_blocked' task for sales); a payment brings the
 * balance back under the limit, the hold is released by itself, the task closes and the shipment goes.
 * An authorised override ships despite a hold and is audited; logistics may not override. A dispute
 * resolved by reship creates a replacement shipment.
 */
import { expect, it } from 'vitest';
import { activeHoldsOf } from '../../src/modules/credit/index.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { drainJobs, makeDocument, pay } from './credit.support.js';
import { api, carrierOf, confirmedOrder, stocked, trackingNumber } from './shipments.support.js';

async function packedShipment(t: TestApp, customerBody: Record<string, unknown>) {
  const { ok } = api(t);
  const item = await stocked(t, 10);
  const order = await confirmedOrder(t, [{ item, quantity: 2 }], customerBody);
  const shipment = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
  await ok('POST', `/api/shipments/${shipment.id}/pick`);
  await ok('POST', `/api/shipments/${shipment.id}/pack`, { packages: [{ weightGrams: 900 }] });
  return { order, shipment };
}

describeEachApp('credit hold and shipping', (get) => {
  it('blocks shipping while the customer is over its limit, and ships after a payment releases the hold', async () => {
    const t = get();
    const { call, ok } = api(t);
    const carrier = await carrierOf(t);
    const { order, shipment } = await packedShipment(t, { creditLimit: 10_000 });
    await makeDocument(t.ctx, t.adminActor, order.customerId, 50_000);
    await drainJobs(t.ctx);
    expect(
      (await activeHoldsOf(t.ctx.db, [order.customerId])).get(order.customerId)!.map((h) => h.cause),
    ).toEqual(['credit_limit']);

    const ship = { carrierId: carrier.id, service: 'Ground', trackingNumbers: [trackingNumber()] };
    const blocked = await call('POST', `/api/shipments/${shipment.id}/ship`, ship);
    expect(blocked.statusCode).toBe(409);
    const problem = blocked.json();
    expect(problem.type).toContain('credit-hold');
    expect(problem.detail).toContain(
      'is on credit hold: credit limit exceeded (Balance €500.00 is above the credit limit of €100.00)',
    );
    expect(problem.errors).toEqual([
      {
        path: 'override',
        message: 'credit limit exceeded: Balance €500.00 is above the credit limit of €100.00.',
      },
    ]);
    expect((await ok('GET', `/api/shipments/${shipment.id}`)).status).toBe('packed');
    const blockedTasks = await tasksOfRecord(t.ctx.db, 'order', order.id);
    expect(blockedTasks).toMatchObject([
      { kind: 'order_blocked', status: 'open', department: 'sales', customerId: order.customerId },
    ]);
    // A second attempt does not open a second task.
    expect((await call('POST', `/api/shipments/${shipment.id}/ship`, ship)).statusCode).toBe(409);
    expect(await tasksOfRecord(t.ctx.db, 'order', order.id)).toHaveLength(1);

    await pay(t.ctx, t.adminActor, order.customerId, 45_000);
    await drainJobs(t.ctx);
    expect((await activeHoldsOf(t.ctx.db, [order.customerId])).has(order.customerId)).toBe(false);
    expect((await tasksOfRecord(t.ctx.db, 'order', order.id))[0]!.status).not.toBe('open');

    const shipped = await ok('POST', `/api/shipments/${shipment.id}/ship`, ship);
    expect(shipped.status).toBe('shipped');
  });

  it('ships despite a hold with an override by finance (audited); logistics may not override', async () => {
    const t = get();
    const { call } = api(t);
    const carrier = await carrierOf(t);
    const { order, shipment } = await packedShipment(t, {});
    const placed = await t.inject({
      method: 'POST',
      url: `/api/customers/${order.customerId}/holds`,
      headers: bearer(await t.tokenWith(['finance'])),
      payload: { reason: 'Legal dispute with the customer' },
    });
    expect(placed.statusCode).toBe(201);
    const ship = {
      carrierId: carrier.id,
      service: 'Ground',
      trackingNumbers: [trackingNumber()],
      override: { reason: 'Goods are perishable; CFO approved' },
    };
    const refused = await call('POST', `/api/shipments/${shipment.id}/ship`, ship, ['logistics']);
    expect(refused.statusCode).toBe(403);
    const shipped = await call('POST', `/api/shipments/${shipment.id}/ship`, ship, ['admin']);
    expect(shipped.statusCode, shipped.body).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('entity_id', '=', order.customerId)
      .where('action', '=', 'credit_hold.overridden')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json as string)).toMatchObject({
      reason: 'Goods are perishable; CFO approved',
      holds: [{ cause: 'manual', reason: 'Legal dispute with the customer' }],
    });
  });

  it('resolves a dispute by reship: a replacement shipment of the lines, named on the case', async () => {
    const t = get();
    const { ok } = api(t);
    const carrier = await carrierOf(t);
    const { order, shipment } = await packedShipment(t, {});
    await ok('POST', `/api/shipments/${shipment.id}/ship`, {
      carrierId: carrier.id,
      service: 'Ground',
      trackingNumbers: [trackingNumber()],
    });
    const invoice = await makeDocument(t.ctx, t.adminActor, order.customerId, 2_000);
    const finance = bearer(await t.tokenWith(['finance']));
    const dispute = await t.inject({
      method: 'POST',
      url: '/api/disputes',
      headers: finance,
      payload: { invoiceId: invoice.id, reason: 'damaged', description: 'One unit broken' },
    });
    expect(dispute.statusCode).toBe(201);
    const resolved = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.json().id}/resolve`,
      headers: finance,
      payload: {
        resolution: 'reship',
        note: 'Sending a new unit',
        orderId: order.id,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const body = resolved.json();
    expect(body).toMatchObject({ status: 'resolved', resolution: 'reship' });
    const replacement = await ok('GET', `/api/shipments/${body.resolutionRef}`);
    expect(replacement).toMatchObject({ orderId: order.id, status: 'draft' });
    expect(replacement.lines).toMatchObject([{ quantity: 1 }]);
  });
});
