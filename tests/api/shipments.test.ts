/**
 * Shipments through the API on both databases: the lifecycle (create, pick, pack with SSCCs, ship with
 * stock dispatched once and the order updated, delivery completing the order), partial shipments and
 * backorders, over-shipping refused with nothing applied, bad input named by field path, archived
 * documents with a stable SHA-256, invoices from a shipment, replacement reships.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { ledgerCheck, listMovements, stockOf } from '../../src/modules/catalog/index.js';
import { getInvoice } from '../../src/modules/invoicing/index.js';
import { getOrder, recordShipped } from '../../src/modules/orders/index.js';
import {
  completeDelivery,
  markShipmentOutcome,
  renderShipmentDocuments,
  shipmentsByTrackingNumbers,
} from '../../src/modules/shipping/index.js';
import { isValidSscc } from '../../src/modules/shipping/sscc.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { describeEachApp, type TestApp } from '../support/app.js';
import { api, carrierOf, confirmedOrder, stocked, stockedIn, trackingNumber } from './shipments.support.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeEachApp('shipments API', (get) => {
  async function expectLedgerBalanced(t: TestApp) {
    for (const row of await ledgerCheck(t.ctx.db)) expect(row.level).toEqual(row.ledger);
  }

  it('takes an order through pick, pack, ship and delivery, with documents and stock dispatched once', async () => {
    const t = get();
    const { ok, call } = api(t);
    const a = await stocked(t, 20, 1250);
    const b = await stockedIn(t, a.warehouseId, 10, 300);
    const order = await confirmedOrder(t, [
      { item: a, quantity: 5 },
      { item: b, quantity: 3 },
    ]);
    const carrier = await carrierOf(t);

    const created = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
    expect(created).toMatchObject({
      number: expect.stringMatching(/^SHP-\d{4}-\d{6}$/),
      kind: 'regular',
      status: 'draft',
      orderId: order.id,
      orderNumber: order.number,
      warehouseId: a.warehouseId,
      lines: [
        { orderLineId: order.lines[0]!.id, sku: a.sku, quantity: 5 },
        { orderLineId: order.lines[1]!.id, sku: b.sku, quantity: 3 },
      ],
      documents: [{ kind: 'pick_list', contentType: 'application/pdf' }],
    });
    const picked = await ok('POST', `/api/shipments/${created.id}/pick`);
    expect(picked.status).toBe('picked');
    expect(picked.pickedAt).toEqual(expect.any(String));

    const [la, lb] = created.lines;
    const packed = await ok('POST', `/api/shipments/${created.id}/pack`, {
      packages: [
        {
          weightGrams: 6250,
          dimensionsMm: { length: 400, width: 300, height: 200 },
          contents: [{ shipmentLineId: la.id, quantity: 5 }],
        },
        { packaging: 'pallet', weightGrams: 120500, contents: [{ shipmentLineId: lb.id, quantity: 3 }] },
      ],
    });
    expect(packed.status).toBe('packed');
    expect(packed.packages).toHaveLength(2);
    for (const p of packed.packages) expect(isValidSscc(p.sscc)).toBe(true);
    expect(packed.packages[0].sscc).not.toBe(packed.packages[1].sscc);
    expect(packed.packages[0].sscc.slice(1, 8)).toBe(t.ctx.config.GS1_COMPANY_PREFIX);
    expect(packed.packages[0].ssccText).toMatch(/^\(00\) \d \d{7} \d{9} \d$/);
    expect(packed.documents.map((d: { kind: string }) => d.kind)).toEqual(['pick_list', 'packing_list']);

    // The packing list renders again to the same bytes as archived.
    const [packing] = await renderShipmentDocuments(t.ctx.db, created.id, 'packing_list');
    expect(sha256(packing!.content)).toBe(packed.documents[1].sha256);
    // Nothing moved in stock before shipping.
    expect((await stockOf(t.ctx.db, a.productId, a.warehouseId)).onHand).toBe(20);

    const numbers = [trackingNumber(), trackingNumber()];
    const shipped = await ok('POST', `/api/shipments/${created.id}/ship`, {
      carrierId: carrier.id,
      service: 'Express',
      trackingNumbers: numbers,
      proNumber: 'PRO-1001',
      freightTerms: 'collect',
    });
    expect(shipped).toMatchObject({
      status: 'shipped',
      carrier: { id: carrier.id, scac: 'TSTC' },
      service: 'Express',
      proNumber: 'PRO-1001',
      freightTerms: 'collect',
      trackingNumbers: numbers.map((n) => ({
        carrierId: carrier.id,
        trackingNumber: n,
        url: `https://track.example.com/t/${n}?ref=duely`,
      })),
    });
    expect(shipped.shippedAt).toEqual(expect.any(String));
    const kinds = shipped.documents.map((d: { kind: string }) => d.kind).sort();
    expect(kinds).toEqual(
      [
        'bill_of_lading',
        'label_pdf',
        'label_pdf',
        'label_zpl',
        'label_zpl',
        'packing_list',
        'pick_list',
      ].sort(),
    );

    // Stock: each line dispatched exactly once, out of the order's reservation.
    const sa = await stockOf(t.ctx.db, a.productId, a.warehouseId);
    expect(sa).toMatchObject({ onHand: 15, reserved: 0, available: 15 });
    const dispatches = (await listMovements(t.ctx, { productId: a.productId, limit: 100 })).filter(
      (m) => m.kind === 'dispatch',
    );
    expect(dispatches).toHaveLength(1);
    expect(dispatches[0]).toMatchObject({ reference: { type: 'shipment', id: created.id } });
    await expectLedgerBalanced(t);

    const afterOrder = await getOrder(t.ctx, order.id);
    expect(afterOrder.status).toBe('shipped');
    expect(afterOrder.lines.map((l) => l.shipped)).toEqual([5, 3]);

    // The documents download exactly as archived, inline for printing.
    for (const d of shipped.documents) {
      const response = await call('GET', d.url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(`inline; filename="${d.filename}"`);
      expect(response.headers['x-content-sha256']).toBe(d.sha256);
      expect(sha256(response.rawPayload)).toBe(d.sha256);
      if (d.kind === 'label_zpl') {
        expect(response.body).toContain('^XA');
        const pkg = shipped.packages.find((p: { id: string }) => p.id === d.packageId);
        expect(response.body).toContain(`>;>800${pkg.sscc}`);
        // One tracking number per package: package N carries the N-th number given.
        expect(response.body).toContain(numbers[pkg.sequence - 1]);
        expect(response.body).not.toContain(numbers[2 - pkg.sequence]);
      } else expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const attachment = await call('GET', `${shipped.documents[0].url}?download=1`);
    expect(attachment.headers['content-disposition']).toMatch(/^attachment; filename="/);
    // Rendering again from the stored data gives the same bytes (the pick list's data never changes).
    const [again] = await renderShipmentDocuments(t.ctx.db, created.id, 'pick_list');
    expect(sha256(again!.content)).toBe(
      shipped.documents.find((d: { kind: string }) => d.kind === 'pick_list').sha256,
    );
    const listed = await ok('GET', `/api/shipments/${created.id}/documents`, undefined, 200);
    expect(listed.items).toHaveLength(7);

    // Tracking: numbers resolve to the shipment; delivery completes the shipment and the order.
    const found = await shipmentsByTrackingNumbers(t.ctx.db, carrier.id, [...numbers, 'UNKNOWN1']);
    expect([...found.entries()]).toEqual(numbers.map((n) => [n, created.id]));
    const deliveredAt = '2026-12-05T10:15:00.000Z';
    expect(
      await transaction(t.ctx, t.adminActor, (tx) => completeDelivery(tx, created.id, deliveredAt)),
    ).toBe(true);
    expect(
      await transaction(t.ctx, t.adminActor, (tx) => completeDelivery(tx, created.id, deliveredAt)),
    ).toBe(false);
    const delivered = await ok('GET', `/api/shipments/${created.id}`, undefined, 200, ['support']);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt });
    expect((await getOrder(t.ctx, order.id)).status).toBe('delivered');
    // A return after delivery is allowed; a second one changes nothing.
    expect(
      await transaction(t.ctx, t.adminActor, (tx) =>
        markShipmentOutcome(tx, created.id, 'returned', deliveredAt),
      ),
    ).toBe(true);
    expect(
      await transaction(t.ctx, t.adminActor, (tx) =>
        markShipmentOutcome(tx, created.id, 'lost', deliveredAt),
      ),
    ).toBe(false);

    // Every step is audited and announced.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'shipment.created',
        'shipment.picked',
        'shipment.packed',
        'shipment.shipped',
        'shipment.delivered',
        'shipment.returned',
      ]),
    );
    const events = await (
      t.ctx.db as unknown as import('kysely').Kysely<{
        outbox_events: { type: string; aggregate_id: string; payload: string; id: string };
      }>
    )
      .selectFrom('outbox_events')
      .select(['type', 'payload'])
      .where('aggregate_id', '=', created.id)
      .orderBy('id')
      .execute();
    // Ids are ordered by time; two steps in one millisecond may not be, so compare without order.
    expect(events.map((e) => e.type).sort()).toEqual([
      'shipment.created',
      ...Array(5).fill('shipment.status_changed'),
    ]);
    const moves = events
      .filter((e) => e.type === 'shipment.status_changed')
      .map((e) => JSON.parse(e.payload));
    expect(moves).toHaveLength(5);
    expect(moves).toEqual(
      expect.arrayContaining(
        [
          ['draft', 'picked'],
          ['picked', 'packed'],
          ['packed', 'shipped'],
          ['shipped', 'delivered'],
          ['delivered', 'returned'],
        ].map(([from, to]) => ({
          shipmentId: created.id,
          orderId: order.id,
          customerId: order.customerId,
          from,
          to,
        })),
      ),
    );

    // Listing with filters and paging.
    const byOrder = await ok('GET', `/api/shipments?orderId=${order.id}&status=returned`, undefined, 200, [
      'auditor',
    ]);
    expect(byOrder.items.map((s: { id: string }) => s.id)).toEqual([created.id]);
    const byCarrier = await ok('GET', `/api/shipments?carrierId=${carrier.id}&limit=1`, undefined, 200);
    expect(byCarrier.items).toHaveLength(1);
    const none = await ok(
      'GET',
      `/api/shipments?customerId=${order.customerId}&status=draft`,
      undefined,
      200,
    );
    expect(none.items).toEqual([]);
  });

  it('ships part of an order, leaves the rest open and backordered, and cancels without freeing anything', async () => {
    const t = get();
    const { ok, call } = api(t);
    const a = await stocked(t, 6);
    const order = await confirmedOrder(t, [{ item: a, quantity: 10 }]);
    expect(order.lines[0]).toMatchObject({ reserved: 6, backordered: 4 });
    const line = order.lines[0]!;
    const carrier = await carrierOf(t, { scac: null });

    const first = await ok(
      'POST',
      '/api/shipments',
      { orderId: order.id, lines: [{ orderLineId: line.id, quantity: 4 }] },
      201,
    );
    // The default takes what is not on another open shipment; a third has nothing left.
    const second = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
    expect(second.lines).toMatchObject([{ orderLineId: line.id, quantity: 6 }]);
    const third = await call('POST', '/api/shipments', { orderId: order.id });
    expect(third.statusCode).toBe(409);
    const more = await call('POST', '/api/shipments', {
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: 1 }],
    });
    expect(more.statusCode).toBe(409);
    expect(more.json().errors).toEqual([{ path: 'lines.0.quantity', message: `${a.sku}: at most 0` }]);

    await ok('POST', `/api/shipments/${first.id}/pick`);
    await ok('POST', `/api/shipments/${first.id}/pack`, { packages: [{ weightGrams: 900 }] });
    const shipped = await ok('POST', `/api/shipments/${first.id}/ship`, {
      carrierId: carrier.id,
      service: 'Standard',
      trackingNumbers: [trackingNumber()],
    });
    // No SCAC: no bill of lading, labels all the same.
    expect(shipped.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'pick_list',
      'packing_list',
      'label_pdf',
      'label_zpl',
    ]);
    const partial = await getOrder(t.ctx, order.id);
    expect(partial.status).toBe('partially_shipped');
    expect(partial.lines[0]).toMatchObject({ ordered: 10, shipped: 4, reserved: 2, backordered: 4, open: 6 });
    expect(await stockOf(t.ctx.db, a.productId, a.warehouseId)).toMatchObject({ onHand: 2, reserved: 2 });

    const movementsBefore = await listMovements(t.ctx, { productId: a.productId, limit: 100 });
    const cancelled = await ok('POST', `/api/shipments/${second.id}/cancel`, {
      reason: 'Customer waits for all',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect(await listMovements(t.ctx, { productId: a.productId, limit: 100 })).toEqual(movementsBefore);
    expect((await getOrder(t.ctx, order.id)).lines[0]).toMatchObject({
      shipped: 4,
      reserved: 2,
      backordered: 4,
    });
    // Cancelled is final; shipped cannot be cancelled.
    expect((await call('POST', `/api/shipments/${second.id}/pick`)).statusCode).toBe(409);
    const cancelShipped = await call('POST', `/api/shipments/${first.id}/cancel`);
    expect(cancelShipped.statusCode, cancelShipped.body).toBe(409);
    // Cancelling gave the units back to the order: a new shipment may take them.
    const again = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
    expect(again.lines).toMatchObject([{ quantity: 6 }]);
    await expectLedgerBalanced(t);
  });

  it('refuses to ship more than ordered with a 409 naming the line and SKU, applying nothing', async () => {
    const t = get();
    const { ok, call } = api(t);
    const a = await stocked(t, 10);
    const order = await confirmedOrder(t, [{ item: a, quantity: 5 }]);
    const line = order.lines[0]!;
    const carrier = await carrierOf(t);
    const over = await call('POST', '/api/shipments', {
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: 6 }],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toContain(a.sku);
    expect(over.json().detail).toContain('line 1');
    expect((await ok('GET', `/api/shipments?orderId=${order.id}`)).items).toEqual([]);

    const s = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
    await ok('POST', `/api/shipments/${s.id}/pick`);
    await ok('POST', `/api/shipments/${s.id}/pack`, { packages: [{ weightGrams: 500 }] });
    // Meanwhile two units leave by another way: the shipment's 5 no longer fit.
    await transaction(t.ctx, t.adminActor, (tx) =>
      recordShipped(tx, { orderId: order.id, lines: [{ lineId: line.id, quantity: 2 }] }),
    );
    const stockBefore = await stockOf(t.ctx.db, a.productId, a.warehouseId);
    const tn = trackingNumber();
    const refused = await call('POST', `/api/shipments/${s.id}/ship`, {
      carrierId: carrier.id,
      service: 'X',
      trackingNumbers: [tn],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain(`Cannot ship 5 of ${a.sku} (line 1`);
    expect(refused.json().errors[0].path).toBe('lines.0.quantity');
    const after = await ok('GET', `/api/shipments/${s.id}`);
    expect(after).toMatchObject({ status: 'packed', trackingNumbers: [], carrier: null, shippedAt: null });
    expect(after.documents).toHaveLength(2);
    expect(await stockOf(t.ctx.db, a.productId, a.warehouseId)).toEqual(stockBefore);
    expect((await getOrder(t.ctx, order.id)).lines[0]!.shipped).toBe(2);
    expect((await shipmentsByTrackingNumbers(t.ctx.db, carrier.id, [tn])).size).toBe(0);
  });

  it('names the faulty field of bad input and applies nothing', async () => {
    const t = get();
    const { ok, call } = api(t);
    const a = await stocked(t, 10);
    const order = await confirmedOrder(t, [{ item: a, quantity: 4 }]);
    const expectError = async (url: string, body: object, status: number, path: string) => {
      const response = await call('POST', url, body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await expectError('/api/shipments', { orderId: 'ord_nope' }, 400, 'orderId');
    await expectError(
      '/api/shipments',
      { orderId: order.id, lines: [{ orderLineId: 'orl_x', quantity: 1 }] },
      400,
      'lines.0.orderLineId',
    );
    await expectError(
      '/api/shipments',
      { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 0 }] },
      400,
      'lines.0.quantity',
    );
    await expectError(
      '/api/shipments',
      {
        orderId: order.id,
        lines: [
          { orderLineId: order.lines[0]!.id, quantity: 1 },
          { orderLineId: order.lines[0]!.id, quantity: 1 },
        ],
      },
      400,
      'lines.1.orderLineId',
    );
    expect((await ok('GET', `/api/shipments?orderId=${order.id}`)).items).toEqual([]);

    const s = await ok('POST', '/api/shipments', { orderId: order.id }, 201);
    // Packing needs a picked shipment.
    expect(
      (await call('POST', `/api/shipments/${s.id}/pack`, { packages: [{ weightGrams: 1 }] })).statusCode,
    ).toBe(409);
    await ok('POST', `/api/shipments/${s.id}/pick`);
    const lineId = s.lines[0].id;
    await expectError(
      `/api/shipments/${s.id}/pack`,
      { packages: [{ weightGrams: 100, contents: [{ shipmentLineId: lineId, quantity: 3 }] }] },
      400,
      'packages',
    );
    await expectError(
      `/api/shipments/${s.id}/pack`,
      { packages: [{ weightGrams: 100 }, { weightGrams: 100 }] },
      400,
      'packages.0.contents',
    );
    await expectError(
      `/api/shipments/${s.id}/pack`,
      { packages: [{ weightGrams: 100, contents: [{ shipmentLineId: 'shl_x', quantity: 4 }] }] },
      400,
      'packages.0.contents.0.shipmentLineId',
    );
    await expectError(
      `/api/shipments/${s.id}/pack`,
      { packages: [{ weightGrams: -5 }] },
      400,
      'packages.0.weightGrams',
    );
    expect((await ok('GET', `/api/shipments/${s.id}`)).packages).toEqual([]);
    await ok('POST', `/api/shipments/${s.id}/pack`, {
      packages: [
        { weightGrams: 100, contents: [{ shipmentLineId: lineId, quantity: 1 }] },
        { weightGrams: 300, contents: [{ shipmentLineId: lineId, quantity: 3 }] },
      ],
    });

    const carrier = await carrierOf(t);
    const inactive = await carrierOf(t, { active: false });
    const used = trackingNumber();
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: 'car_nope', service: 'X', trackingNumbers: [used] },
      400,
      'carrierId',
    );
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: inactive.id, service: 'X', trackingNumbers: [used] },
      400,
      'carrierId',
    );
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: carrier.id, service: 'X', trackingNumbers: ['bad number!'] },
      400,
      'trackingNumbers.0',
    );
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: carrier.id, service: 'X', trackingNumbers: [] },
      400,
      'trackingNumbers',
    );
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: carrier.id, service: 'X', trackingNumbers: [used], freightTerms: 'cod' },
      400,
      'freightTerms',
    );

    // A tracking number another shipment of this carrier already has.
    const other = await confirmedOrder(t, [{ item: a, quantity: 1 }]);
    const o = await ok('POST', '/api/shipments', { orderId: other.id }, 201);
    await ok('POST', `/api/shipments/${o.id}/pick`);
    await ok('POST', `/api/shipments/${o.id}/pack`, { packages: [{ weightGrams: 100 }] });
    await ok('POST', `/api/shipments/${o.id}/ship`, {
      carrierId: carrier.id,
      service: 'X',
      trackingNumbers: [used],
    });
    await expectError(
      `/api/shipments/${s.id}/ship`,
      { carrierId: carrier.id, service: 'X', trackingNumbers: [trackingNumber(), used] },
      409,
      'trackingNumbers.1',
    );
    expect((await ok('GET', `/api/shipments/${s.id}`)).status).toBe('packed');
    expect((await getOrder(t.ctx, order.id)).lines[0]!.shipped).toBe(0);
    // Sales and support read but do not write.
    expect((await call('POST', `/api/shipments/${s.id}/cancel`, {}, ['sales'])).statusCode).toBe(403);
    await expectLedgerBalanced(t);
  });

  it('invoices a shipment at its shipped quantities once, and reships a replacement without touching the order', async () => {
    const t = get();
    const { ok, call } = api(t);
    const a = await stocked(t, 10, 1250);
    const order = await confirmedOrder(t, [{ item: a, quantity: 5 }]);
    const carrier = await carrierOf(t);
    const s = await ok(
      'POST',
      '/api/shipments',
      { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, quantity: 3 }] },
      201,
    );
    // Not shipped yet: nothing to bill.
    expect(
      (await call('POST', `/api/shipments/${s.id}/invoice`, { taxRate: '20' }, ['finance'])).statusCode,
    ).toBe(409);
    await ok('POST', `/api/shipments/${s.id}/pick`);
    await ok('POST', `/api/shipments/${s.id}/pack`, { packages: [{ weightGrams: 1500 }] });
    await ok('POST', `/api/shipments/${s.id}/ship`, {
      carrierId: carrier.id,
      service: 'Road',
      trackingNumbers: [trackingNumber()],
    });

    expect(
      (await call('POST', `/api/shipments/${s.id}/invoice`, { taxRate: '20' }, ['logistics'])).statusCode,
    ).toBe(403);
    const { invoiceId, shipment } = await ok(
      'POST',
      `/api/shipments/${s.id}/invoice`,
      { taxRate: '20' },
      201,
      ['finance'],
    );
    expect(shipment.invoiceId).toBe(invoiceId);
    const invoice = await getInvoice(t.ctx, invoiceId);
    expect(invoice).toMatchObject({
      status: 'draft',
      customerId: order.customerId,
      orderReference: order.number,
    });
    expect(invoice.lines).toMatchObject([{ itemCode: a.sku, quantity: '3' }]);
    expect(Number(invoice.lines[0]!.unitPrice)).toBe(12.5);
    const second = await call('POST', `/api/shipments/${s.id}/invoice`, { taxRate: '20' }, ['finance']);
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toContain(invoiceId);

    // A replacement of 2 shipped units: stock leaves, the order's shipped quantities stay.
    const tooMany = await call('POST', '/api/shipments/replacements', {
      orderId: order.id,
      lines: [{ orderLineId: order.lines[0]!.id, quantity: 4 }],
      reason: 'Damaged in transit',
    });
    expect(tooMany.statusCode).toBe(409);
    const r = await ok(
      'POST',
      '/api/shipments/replacements',
      {
        orderId: order.id,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 2 }],
        reason: 'Damaged in transit',
        replacementFor: s.id,
      },
      201,
    );
    expect(r).toMatchObject({
      kind: 'replacement',
      replacementFor: s.id,
      replacementReason: 'Damaged in transit',
    });
    await ok('POST', `/api/shipments/${r.id}/pick`);
    await ok('POST', `/api/shipments/${r.id}/pack`, { packages: [{ weightGrams: 1000 }] });
    await ok('POST', `/api/shipments/${r.id}/ship`, {
      carrierId: carrier.id,
      service: 'Road',
      trackingNumbers: [trackingNumber()],
    });
    expect(await stockOf(t.ctx.db, a.productId, a.warehouseId)).toMatchObject({ onHand: 5, reserved: 2 });
    expect((await getOrder(t.ctx, order.id)).lines[0]).toMatchObject({ shipped: 3, open: 2 });
    expect(
      (await call('POST', `/api/shipments/${r.id}/invoice`, { taxRate: '20' }, ['finance'])).statusCode,
    ).toBe(409);
    await expectLedgerBalanced(t);
  });
});
