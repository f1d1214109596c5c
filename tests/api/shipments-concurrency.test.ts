/**
 * "Two shipments racing for the last units cannot both take them": shipments of different orders,
 * all backordered, race for units received afterwards (several connections on PostgreSQL, several
 * processes started together on SQLite). Exactly as many ship as the stock covers; the losers get a
 * 409 naming the SKU and change nothing (shipment still packed, order untouched, no tracking number);
 * stock never goes below zero and every level still equals the sum of its movements.
 */
import { expect, it } from 'vitest';
import { ledgerCheck, listMovements, receiveStockInTx, stockOf } from '../../src/modules/catalog/index.js';
import { getOrder } from '../../src/modules/orders/index.js';
import {
  createShipment,
  getShipment,
  listShipments,
  packShipment,
  pickShipment,
  shipShipment,
} from '../../src/modules/shipping/index.js';
import type { AppContext } from '../../src/platform/context.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp } from '../support/app.js';
import { REPO_ROOT, runTogether } from '../support/child-process.js';
import { carrierOf, confirmedOrder, stocked, trackingNumber } from './shipments.support.js';

type Outcome = { ok: boolean; detail?: string };

describeEachApp('shipments concurrency', (get) => {
  const contexts: AppContext[] = [];

  it('racing shipments for the last units: only as many ship as the stock covers', async () => {
    const t = get();
    const item = await stocked(t, 0);
    const carrier = await carrierOf(t);
    const racers = 4;
    const perOrder = 5;
    const shipments: { id: string; orderId: string; tracking: string }[] = [];
    for (let i = 0; i < racers; i++) {
      const order = await confirmedOrder(t, [{ item, quantity: perOrder }]);
      expect(order.lines[0]).toMatchObject({ reserved: 0, backordered: perOrder });
      const s = await createShipment(t.ctx, t.adminActor, { orderId: order.id });
      await pickShipment(t.ctx, t.adminActor, s.id);
      await packShipment(t.ctx, t.adminActor, s.id, { packages: [{ weightGrams: 1000 }] });
      shipments.push({ id: s.id, orderId: order.id, tracking: trackingNumber() });
    }
    // Enough for two of the four.
    await transaction(t.ctx, t.adminActor, (tx) =>
      receiveStockInTx(tx, {
        productId: item.productId,
        warehouseId: item.warehouseId,
        quantity: 2 * perOrder,
      }),
    );

    let outcomes: Outcome[];
    if (t.kind === 'sqlite') {
      outcomes = await runTogether<Outcome>(
        shipments.map((s) => ({
          script: `${REPO_ROOT}/tests/api/shipments-concurrency.child.ts`,
          args: [t.url, 'ship', s.id, carrier.id, s.tracking],
          timeoutMs: 90_000,
        })),
      );
    } else {
      while (contexts.length < racers) contexts.push(await t.openAnother());
      outcomes = await Promise.all(
        shipments.map((s, i) =>
          shipShipment(contexts[i]!, t.adminActor, s.id, {
            carrierId: carrier.id,
            service: 'Race',
            trackingNumbers: [s.tracking],
          }).then(
            (): Outcome => ({ ok: true }),
            (error: unknown): Outcome => {
              if (error instanceof AppError && error.status === 409)
                return { ok: false, detail: error.message };
              throw error;
            },
          ),
        ),
      );
    }

    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    for (const lost of outcomes.filter((o) => !o.ok)) expect(lost.detail).toContain(item.sku);
    expect(await stockOf(t.ctx.db, item.productId, item.warehouseId)).toMatchObject({
      onHand: 0,
      reserved: 0,
      available: 0,
    });
    const dispatched = (await listMovements(t.ctx, { productId: item.productId, limit: 100 })).filter(
      (m) => m.kind === 'dispatch',
    );
    expect(dispatched).toHaveLength(2);
    for (const [i, s] of shipments.entries()) {
      const shipment = await getShipment(t.ctx.db, s.id);
      const order = await getOrder(t.ctx, s.orderId);
      if (outcomes[i]!.ok) {
        expect(shipment.status).toBe('shipped');
        expect(order.lines[0]!.shipped).toBe(perOrder);
        expect(dispatched.filter((m) => m.reference?.id === s.id)).toHaveLength(1);
      } else {
        expect(shipment).toMatchObject({ status: 'packed', trackingNumbers: [], shippedAt: null });
        expect(order.lines[0]).toMatchObject({ shipped: 0, backordered: perOrder });
        expect(order.status).toBe('confirmed');
      }
    }
    for (const row of await ledgerCheck(t.ctx.db)) expect(row.level).toEqual(row.ledger);
  }, 180_000);

  it('racing creations on one order: only one shipment takes the open units', async () => {
    const t = get();
    const item = await stocked(t, 10);
    const order = await confirmedOrder(t, [{ item, quantity: 6 }]);
    const racers = 3;
    let outcomes: Outcome[];
    if (t.kind === 'sqlite') {
      outcomes = await runTogether<Outcome>(
        Array.from({ length: racers }, () => ({
          script: `${REPO_ROOT}/tests/api/shipments-concurrency.child.ts`,
          args: [t.url, 'create', order.id],
          timeoutMs: 90_000,
        })),
      );
    } else {
      while (contexts.length < racers) contexts.push(await t.openAnother());
      outcomes = await Promise.all(
        contexts.slice(0, racers).map((ctx) =>
          createShipment(ctx, t.adminActor, { orderId: order.id }).then(
            (): Outcome => ({ ok: true }),
            (error: unknown): Outcome => {
              if (error instanceof AppError && error.status === 409)
                return { ok: false, detail: error.message };
              throw error;
            },
          ),
        ),
      );
    }
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const lost of outcomes.filter((o) => !o.ok)) expect(lost.detail).toContain('nothing left to ship');
    const shipments = await listShipments(t.ctx, { orderId: order.id, limit: 10 });
    expect(shipments).toHaveLength(1);
    expect(shipments[0]!.lines).toMatchObject([{ quantity: 6 }]);
  }, 180_000);
});
