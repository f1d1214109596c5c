/**
 * The stock ledger's invariants on both databases: levels = Σ movements after any sequence of
 * movements, available never below zero without an override, and racing reservations or dispatches
 * (several connections on PostgreSQL, several processes on SQLite) never take the same units twice.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  adjustStockInTx,
  createProduct,
  createWarehouse,
  dispatchStock,
  ledgerCheck,
  receiveStockInTx,
  releaseReservation,
  reserveStock,
  returnStock,
  stockOf,
} from '../../src/modules/catalog/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp, type TestApp } from '../support/app.js';
import { REPO_ROOT, runTogether } from '../support/child-process.js';

let serial = 0;

async function makeStock(
  t: TestApp,
  onHand: number,
): Promise<{ productId: string; warehouseId: string; sku: string }> {
  serial++;
  const sku = `RACE-${serial}-${Date.now()}`;
  const product = await createProduct(t.ctx, t.adminActor, {
    sku,
    name: `Item ${serial}`,
    unit: 'pcs',
    active: true,
  });
  const warehouse = await createWarehouse(t.ctx, t.adminActor, {
    code: `W${serial}-${Date.now() % 100000}`,
    name: 'W',
    address: { line1: 'x', line2: null, postalCode: null, city: 'Lyon', region: null, country: 'FR' },
    active: true,
  });
  if (onHand > 0)
    await transaction(t.ctx, t.adminActor, (tx) =>
      receiveStockInTx(tx, { productId: product.id, warehouseId: warehouse.id, quantity: onHand }),
    );
  return { productId: product.id, warehouseId: warehouse.id, sku };
}

const ref = (id: string) => ({ type: 'test', id });

type Op =
  | { op: 'receipt'; qty: number }
  | { op: 'reserve'; qty: number; partial: boolean }
  | { op: 'release'; qty: number }
  | { op: 'dispatch'; qty: number; fromReserved: boolean }
  | { op: 'return'; qty: number }
  | { op: 'adjust'; qty: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('receipt' as const), qty: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    op: fc.constant('reserve' as const),
    qty: fc.integer({ min: 1, max: 15 }),
    partial: fc.boolean(),
  }),
  fc.record({ op: fc.constant('release' as const), qty: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    op: fc.constant('dispatch' as const),
    qty: fc.integer({ min: 1, max: 15 }),
    fromReserved: fc.boolean(),
  }),
  fc.record({ op: fc.constant('return' as const), qty: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    op: fc.constant('adjust' as const),
    qty: fc.integer({ min: -10, max: 10 }).filter((q) => q !== 0),
  }),
);

async function run(ctx: AppContext, actor: Actor, ids: { productId: string; warehouseId: string }, op: Op) {
  return transaction(ctx, actor, async (tx) => {
    const base = { ...ids, quantity: op.qty, reference: ref('prop') };
    switch (op.op) {
      case 'receipt':
        return receiveStockInTx(tx, base);
      case 'reserve':
        return reserveStock(tx, { ...base, allowPartial: op.partial });
      case 'release':
        return releaseReservation(tx, base);
      case 'dispatch':
        return dispatchStock(tx, { ...base, fromReserved: op.fromReserved });
      case 'return':
        return returnStock(tx, base);
      case 'adjust':
        return adjustStockInTx(tx, { ...base, reason: 'property test' });
    }
  });
}

const refused = (error: unknown) => error instanceof AppError && error.status === 409;

describeEachApp('stock ledger', (get) => {
  it('on hand and reserved equal Σ movements after any sequence; available never goes negative', async () => {
    const t = get();
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const ids = await makeStock(t, 0);
        const model = { onHand: 0, reserved: 0 };
        for (const op of ops) {
          const before = { ...model };
          try {
            const result = await run(t.ctx, t.adminActor, ids, op);
            if (op.op === 'reserve') {
              const split = result as { reserved: number; short: number };
              const free = Math.max(0, before.onHand - before.reserved);
              expect(split.reserved + split.short).toBe(op.qty);
              expect(split.reserved).toBe(op.partial ? Math.min(free, op.qty) : free >= op.qty ? op.qty : 0);
              model.reserved += split.reserved;
            } else if (op.op === 'release') model.reserved -= op.qty;
            else if (op.op === 'dispatch') {
              model.onHand -= op.qty;
              if (op.fromReserved) model.reserved -= op.qty;
            } else model.onHand += op.qty;
          } catch (error) {
            if (!refused(error)) throw error;
          }
          const level = await stockOf(t.ctx.db, ids.productId, ids.warehouseId);
          expect({ onHand: level.onHand, reserved: level.reserved }).toEqual(model);
          expect(level.available).toBeGreaterThanOrEqual(0);
          expect(level.onHand).toBeGreaterThanOrEqual(0);
          expect(level.reserved).toBeGreaterThanOrEqual(0);
        }
        // No level row at all when every movement was refused (each refusal rolls its transaction back).
        const check = (await ledgerCheck(t.ctx.db)).find((c) => c.productId === ids.productId);
        if (check) expect(check.level).toEqual(check.ledger);
        else expect(model).toEqual({ onHand: 0, reserved: 0 });
      }),
      { numRuns: 25 },
    );
    // And for every level in the database.
    for (const c of await ledgerCheck(t.ctx.db)) expect(c.level, c.productId).toEqual(c.ledger);
  }, 120_000);

  it('reserves what is available and reports the rest as short; dispatch beyond it is a 409 naming the SKU', async () => {
    const t = get();
    const ids = await makeStock(t, 5);
    const split = await transaction(t.ctx, t.adminActor, (tx) =>
      reserveStock(tx, { ...ids, quantity: 8, reference: ref('order-line-1') }),
    );
    expect(split).toEqual({ reserved: 5, short: 3 });
    const error = await transaction(t.ctx, t.adminActor, (tx) =>
      dispatchStock(tx, { ...ids, quantity: 1, fromReserved: false, reference: ref('shp-1') }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    expect((error as AppError).message).toContain(ids.sku);
    await transaction(t.ctx, t.adminActor, (tx) =>
      dispatchStock(tx, { ...ids, quantity: 4, fromReserved: true, reference: ref('shp-1') }),
    );
    expect(await stockOf(t.ctx.db, ids.productId, ids.warehouseId)).toMatchObject({
      onHand: 1,
      reserved: 1,
      available: 0,
    });
    // Nothing half-written by the refused dispatch: 1 receipt, 1 reservation, 1 dispatch.
    const kinds = await t.ctx.db
      .selectFrom('stock_movements')
      .select('kind')
      .where('product_id', '=', ids.productId)
      .orderBy('id')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['receipt', 'reservation', 'dispatch']);
  });

  it('an override needs the admin or logistics role', async () => {
    const t = get();
    const ids = await makeStock(t, 1);
    const finance: Actor = { ...t.adminActor, roles: ['finance'] };
    const denied = await transaction(t.ctx, finance, (tx) =>
      dispatchStock(tx, {
        ...ids,
        quantity: 3,
        fromReserved: false,
        reference: ref('x'),
        override: { reason: 'urgent' },
      }),
    ).catch((e: unknown) => e);
    expect((denied as AppError).status).toBe(403);
    const logistics: Actor = { ...t.adminActor, roles: ['logistics'] };
    const done = await transaction(t.ctx, logistics, (tx) =>
      dispatchStock(tx, {
        ...ids,
        quantity: 3,
        fromReserved: false,
        reference: ref('x'),
        override: { reason: 'urgent' },
      }),
    );
    expect(done.level).toEqual({ onHand: -2, reserved: 0, available: -2 });
    expect(done.movement.override).toBe(true);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', ids.productId)
      .where('action', '=', 'stock.override')
      .execute();
    expect(audit).toHaveLength(1);
  });

  // ── Races ──

  type RaceOp = { op: 'dispatch' | 'reserve'; qty: number };
  type Outcome = { ok: boolean; reserved?: number; short?: number };

  const CHILD = `
    import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
    import { dispatchStock, reserveStock } from '${REPO_ROOT}/src/modules/catalog/index.js';
    import { transaction } from '${REPO_ROOT}/src/platform/db/transaction.js';
    import { systemActor } from '${REPO_ROOT}/src/platform/auth/actor.js';
    import { AppError } from '${REPO_ROOT}/src/platform/errors.js';
    const [url, op, productId, warehouseId, qty] = process.argv.slice(2);
    const ctx = await openChildContext(url, { busyTimeoutMs: 30000 });
    await startTogether();
    let result;
    try {
      const reference = { type: 'race', id: String(process.pid) };
      const out = await transaction(ctx, systemActor('race'), (tx) =>
        op === 'dispatch'
          ? dispatchStock(tx, { productId, warehouseId, quantity: Number(qty), fromReserved: false, reference })
          : reserveStock(tx, { productId, warehouseId, quantity: Number(qty), reference }),
      );
      result = op === 'dispatch' ? { ok: true } : { ok: true, ...out };
    } catch (error) {
      if (error instanceof AppError && error.status === 409) result = { ok: false };
      else throw error;
    }
    await ctx.database.close();
    printResult(result);
  `;

  const contexts: AppContext[] = [];
  async function race(
    t: TestApp,
    ids: { productId: string; warehouseId: string },
    ops: RaceOp[],
  ): Promise<Outcome[]> {
    if (t.kind === 'sqlite')
      return runTogether<Outcome>(
        ops.map((o) => ({
          source: CHILD,
          args: [t.url, o.op, ids.productId, ids.warehouseId, String(o.qty)],
          timeoutMs: 60_000,
        })),
      );
    while (contexts.length < ops.length) contexts.push(await t.openAnother());
    return Promise.all(
      ops.map((o, i) =>
        transaction(contexts[i]!, t.adminActor, async (tx) => {
          const reference = { type: 'race', id: String(i) };
          if (o.op === 'dispatch') {
            await dispatchStock(tx, { ...ids, quantity: o.qty, fromReserved: false, reference });
            return { ok: true };
          }
          return { ok: true, ...(await reserveStock(tx, { ...ids, quantity: o.qty, reference })) };
        }).catch((error: unknown) => {
          if (refused(error)) return { ok: false };
          throw error;
        }),
      ),
    );
  }

  it('two dispatches racing for the last units cannot both take them', async () => {
    const t = get();
    const ids = await makeStock(t, 3);
    const outcomes = await race(t, ids, [
      { op: 'dispatch', qty: 3 },
      { op: 'dispatch', qty: 3 },
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await stockOf(t.ctx.db, ids.productId, ids.warehouseId)).toMatchObject({
      onHand: 0,
      available: 0,
    });
  }, 90_000);

  it('six racers of each kind never take more than there is', async () => {
    const t = get();
    const ids = await makeStock(t, 10);
    const ops: RaceOp[] = [
      ...Array.from({ length: 6 }, () => ({ op: 'reserve' as const, qty: 2 })),
      ...Array.from({ length: 6 }, () => ({ op: 'dispatch' as const, qty: 1 })),
    ];
    const outcomes = await race(t, ids, ops);
    const reserved = outcomes.reduce((s, o) => s + (o.reserved ?? 0), 0);
    const dispatched = outcomes.filter((o, i) => ops[i]!.op === 'dispatch' && o.ok).length;
    for (const [i, o] of outcomes.entries())
      if (ops[i]!.op === 'reserve') expect((o.reserved ?? 0) + (o.short ?? 0)).toBe(2);
    expect(reserved + dispatched).toBe(10);
    const level = await stockOf(t.ctx.db, ids.productId, ids.warehouseId);
    expect(level).toMatchObject({ onHand: 10 - dispatched, reserved, available: 0 });
    const check = (await ledgerCheck(t.ctx.db)).find((c) => c.productId === ids.productId)!;
    expect(check.level).toEqual(check.ledger);
  }, 120_000);
});
