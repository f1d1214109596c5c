/**
 * Sales orders through the API on both databases: drafts with prices and addresses from the catalog and
 * customer, confirmation reserving stock and backordering the rest, cancellation releasing it, the
 * lifecycle's 409s, shipped quantities never above ordered, and an invoice draft from an order.
 */
import { expect, it } from 'vitest';
import { ledgerCheck, stockOf } from '../../src/modules/catalog/index.js';
import { getOrder, recordShipped } from '../../src/modules/orders/index.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { AppError } from '../../src/platform/errors.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { customerOf, stocked } from './orders.support.js';

describeEachApp('orders API', (get) => {
  const as = async (t: TestApp, role: 'sales' | 'logistics' | 'finance' | 'auditor' | 'admin' = 'sales') =>
    bearer(await t.tokenWith([role]));
  const post = async (t: TestApp, url: string, payload?: object, role?: 'sales' | 'finance' | 'logistics') =>
    t.inject({
      method: 'POST',
      url,
      headers: await as(t, role),
      ...(payload !== undefined ? { payload } : {}),
    });

  async function draft(t: TestApp, body: Record<string, unknown>) {
    const response = await post(t, '/api/orders', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it('creates a draft priced from the products, addressed to the customer, with a valid incoterm', async () => {
    const t = get();
    const customer = await customerOf(t, {
      shippingAddress: { line1: '3 quai Rambaud', city: 'Lyon', postalCode: '69002', country: 'FR' },
    });
    const a = await stocked(t, 10, 1250);
    const order = await draft(t, {
      customerId: customer.id,
      incoterm: 'dap',
      incotermPlace: 'Lyon',
      customerReference: 'PO-77',
      requestedDeliveryDate: '2026-12-20',
      promisedShipDate: '2026-12-15',
      lines: [{ sku: a.sku.toLowerCase(), warehouseId: a.warehouseId, quantity: 3 }],
    });
    expect(order).toMatchObject({
      id: expect.stringMatching(/^ord_/),
      number: null,
      status: 'draft',
      incoterm: 'DAP',
      currency: 'EUR',
      netTotal: 3750,
      customerReference: 'PO-77',
      shippingAddress: { line1: '3 quai Rambaud', city: 'Lyon' },
      lines: [
        {
          id: expect.stringMatching(/^orl_/),
          sku: a.sku,
          unitPrice: { amount: 1250, currency: 'EUR' },
          ordered: 3,
          reserved: 0,
          shipped: 0,
          backordered: 0,
        },
      ],
    });
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/orders/${order.id}`,
      headers: await as(t, 'logistics'),
      payload: {
        notes: 'Ring twice',
        lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 4 }],
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ notes: 'Ring twice', netTotal: 5000, lines: [{ ordered: 4 }] });
  });

  it('names the faulty field of bad input', async () => {
    const t = get();
    const customer = await customerOf(t);
    const a = await stocked(t, 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ customerId: customer.id, incoterm: 'DDU' }, 'incoterm'],
      [{ customerId: 'cus_nope' }, 'customerId'],
      [
        {
          customerId: customer.id,
          lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 1.5 }],
        },
        'lines.0.quantity',
      ],
      [
        {
          customerId: customer.id,
          lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 0 }],
        },
        'lines.0.quantity',
      ],
      [
        {
          customerId: customer.id,
          lines: [{ productId: 'prd_nope', warehouseId: a.warehouseId, quantity: 1 }],
        },
        'lines.0.productId',
      ],
      [
        {
          customerId: customer.id,
          lines: [{ productId: a.productId, warehouseId: 'whs_nope', quantity: 1 }],
        },
        'lines.0.warehouseId',
      ],
      [{ customerId: customer.id, requestedDeliveryDate: '2026-02-30' }, 'requestedDeliveryDate'],
    ];
    for (const [body, path] of cases) {
      const response = await post(t, '/api/orders', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const errors = (response.json().errors ?? []) as { path: string }[];
      expect(errors.map((e) => e.path).join(' '), response.body).toContain(path);
    }
  });

  it('confirm numbers the order, reserves what is available and backorders the rest; cancel releases it all', async () => {
    const t = get();
    const customer = await customerOf(t);
    const a = await stocked(t, 10);
    const b = await stocked(t, 2);
    const order = await draft(t, {
      customerId: customer.id,
      lines: [
        { productId: a.productId, warehouseId: a.warehouseId, quantity: 4 },
        { productId: b.productId, warehouseId: b.warehouseId, quantity: 5 },
      ],
    });
    const confirmed = await post(t, `/api/orders/${order.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      number: expect.stringMatching(/^SO-2026-\d{6}$/),
      backordered: true,
      confirmedAt: expect.any(String),
      lines: [
        { ordered: 4, reserved: 4, backordered: 0 },
        { ordered: 5, reserved: 2, backordered: 3 },
      ],
    });
    expect(await stockOf(t.ctx.db, a.productId, a.warehouseId)).toMatchObject({
      onHand: 10,
      reserved: 4,
      available: 6,
    });
    expect(await stockOf(t.ctx.db, b.productId, b.warehouseId)).toMatchObject({
      onHand: 2,
      reserved: 2,
      available: 0,
    });

    const listed = await t.inject({
      method: 'GET',
      url: `/api/orders?backordered=true&customerId=${customer.id}&status=confirmed,draft&from=2026-12-01&to=2026-12-31`,
      headers: await as(t, 'auditor'),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);

    const again = await post(t, `/api/orders/${order.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('"confirmed" to "confirmed"');
    const edit = await t.inject({
      method: 'PATCH',
      url: `/api/orders/${order.id}`,
      headers: await as(t),
      payload: { notes: 'late' },
    });
    expect(edit.statusCode).toBe(409);

    const cancelled = await post(t, `/api/orders/${order.id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelledAt: expect.any(String),
      lines: [
        { reserved: 0, backordered: 0 },
        { reserved: 0, backordered: 0 },
      ],
    });
    expect(await stockOf(t.ctx.db, a.productId, a.warehouseId)).toMatchObject({
      onHand: 10,
      reserved: 0,
      available: 10,
    });
    expect(await stockOf(t.ctx.db, b.productId, b.warehouseId)).toMatchObject({
      onHand: 2,
      reserved: 0,
      available: 2,
    });
    for (const check of await ledgerCheck(t.ctx.db)) expect(check.level).toEqual(check.ledger);

    const reconfirm = await post(t, `/api/orders/${order.id}/confirm`);
    expect(reconfirm.statusCode).toBe(409);
    expect(reconfirm.json().detail).toContain('"cancelled" is final');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', order.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['order.created', 'order.confirmed', 'order.cancelled']),
    );
    const events = await t.ctx.db
      .selectFrom('outbox_events' as never)
      .selectAll()
      .execute()
      .catch(() => null);
    if (events) expect(JSON.stringify(events)).toContain('order.cancelled');
  });

  it('an empty draft cannot be confirmed', async () => {
    const t = get();
    const order = await draft(t, { customerId: (await customerOf(t)).id });
    const response = await post(t, `/api/orders/${order.id}/confirm`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('lines');
  });

  it('recordShipped moves the order to partially shipped then shipped, and never ships more than ordered', async () => {
    const t = get();
    const a = await stocked(t, 3);
    const order = await draft(t, {
      customerId: (await customerOf(t)).id,
      lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 5 }],
    });
    const lineId = order.lines[0].id as string;
    const ship = (quantity: number) =>
      transaction(t.ctx, t.adminActor, (tx) =>
        recordShipped(tx, { orderId: order.id, lines: [{ lineId, quantity }] }),
      );

    const early = await ship(1).catch((e: unknown) => e);
    expect((early as AppError).status).toBe(409);
    expect((early as AppError).message + JSON.stringify(early)).toContain('draft');

    expect((await post(t, `/api/orders/${order.id}/confirm`)).statusCode).toBe(200);
    const first = await ship(4);
    expect(first).toMatchObject({
      status: 'partially_shipped',
      lines: [{ lineId, quantity: 4, fromReserved: 3 }],
    });
    expect((await getOrder(t.ctx, order.id)).lines[0]).toMatchObject({
      shipped: 4,
      reserved: 0,
      backordered: 1,
      open: 1,
    });

    const over = await ship(2).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(AppError);
    expect((over as AppError).status).toBe(409);
    expect(JSON.stringify((over as AppError).errors)).toContain(a.sku);
    expect((await getOrder(t.ctx, order.id)).lines[0]!.shipped).toBe(4);

    const cancel = await post(t, `/api/orders/${order.id}/cancel`);
    expect(cancel.statusCode).toBe(409);

    expect(await ship(1)).toMatchObject({ status: 'shipped' });
    const shipped = await getOrder(t.ctx, order.id);
    expect(shipped).toMatchObject({
      status: 'shipped',
      shippedAt: expect.any(String),
      firstShippedAt: expect.any(String),
    });
    expect(((await ship(1).catch((e: unknown) => e)) as AppError).status).toBe(409);
  });

  it('creates an invoice draft from a confirmed order and links it, once', async () => {
    const t = get();
    const customer = await customerOf(t);
    const a = await stocked(t, 10, 1999);
    const order = await draft(t, {
      customerId: customer.id,
      customerReference: 'PO-9',
      lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 3 }],
    });
    const early = await post(t, `/api/orders/${order.id}/invoice`, { taxRate: '20' }, 'finance');
    expect(early.statusCode).toBe(409);
    expect((await post(t, `/api/orders/${order.id}/confirm`)).statusCode).toBe(200);
    const bySales = await post(t, `/api/orders/${order.id}/invoice`, { taxRate: '20' }, 'sales');
    expect(bySales.statusCode).toBe(403);
    const invoiced = await post(t, `/api/orders/${order.id}/invoice`, { taxRate: '20' }, 'finance');
    expect(invoiced.statusCode, invoiced.body).toBe(201);
    const { invoiceId, order: linked } = invoiced.json();
    expect(linked.invoiceId).toBe(invoiceId);
    const invoice = await t.inject({
      method: 'GET',
      url: `/api/invoices/${invoiceId}`,
      headers: await as(t, 'finance'),
    });
    expect(invoice.statusCode, invoice.body).toBe(200);
    expect(invoice.json()).toMatchObject({
      status: 'draft',
      customerId: customer.id,
      currency: 'EUR',
      purchaseOrder: 'PO-9',
      orderReference: linked.number,
    });
    expect(JSON.stringify(invoice.json().lines)).toContain(a.sku);
    const twice = await post(t, `/api/orders/${order.id}/invoice`, { taxRate: '20' }, 'finance');
    expect(twice.statusCode).toBe(409);
    const bad = await post(t, `/api/orders/${order.id}/invoice`, { taxRate: 'twenty' }, 'finance');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('taxRate');
  });
});
