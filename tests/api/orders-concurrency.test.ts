/**
 * "An order's shipped quantities never exceed its ordered quantities" under concurrency: racing
 * recordShipped calls (several connections on PostgreSQL, several processes on SQLite) ship at most
 * what was ordered; the losers get a 409 and change nothing.
 */
import { expect, it } from 'vitest';
import { confirmOrder, createOrder, getOrder, recordShipped } from '../../src/modules/orders/index.js';
import type { AppContext } from '../../src/platform/context.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp } from '../support/app.js';
import { REPO_ROOT, runTogether } from '../support/child-process.js';
import { customerOf, stocked } from './orders.support.js';

type Outcome = { ok: boolean; status?: string };

const CHILD = `
  import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
  import { recordShipped } from '${REPO_ROOT}/src/modules/orders/index.js';
  import { transaction } from '${REPO_ROOT}/src/platform/db/transaction.js';
  import { systemActor } from '${REPO_ROOT}/src/platform/auth/actor.js';
  import { AppError } from '${REPO_ROOT}/src/platform/errors.js';
  const [url, orderId, lineId, qty] = process.argv.slice(2);
  const ctx = await openChildContext(url, { busyTimeoutMs: 30000 });
  await startTogether();
  let result;
  try {
    const out = await transaction(ctx, systemActor('race'), (tx) =>
      recordShipped(tx, { orderId, lines: [{ lineId, quantity: Number(qty) }] }),
    );
    result = { ok: true, status: out.status };
  } catch (error) {
    if (error instanceof AppError && error.status === 409) result = { ok: false };
    else throw error;
  }
  await ctx.database.close();
  printResult(result);
`;

describeEachApp('orders concurrency', (get) => {
  const contexts: AppContext[] = [];

  it('racing shipments of one line never ship more than ordered', async () => {
    const t = get();
    const a = await stocked(t, 5);
    const customer = await customerOf(t);
    const order = await createOrder(t.ctx, t.adminActor, {
      customerId: customer.id,
      lines: [{ productId: a.productId, warehouseId: a.warehouseId, quantity: 5 }],
      incotermPlace: null,
      customerReference: null,
      notes: null,
    });
    await confirmOrder(t.ctx, t.adminActor, order.id);
    const lineId = order.lines[0]!.id;
    const racers = 6;
    let outcomes: Outcome[];
    if (t.kind === 'sqlite') {
      outcomes = await runTogether<Outcome>(
        Array.from({ length: racers }, () => ({
          source: CHILD,
          args: [t.url, order.id, lineId, '2'],
          timeoutMs: 60_000,
        })),
      );
    } else {
      while (contexts.length < racers) contexts.push(await t.openAnother());
      outcomes = await Promise.all(
        contexts.map((ctx) =>
          transaction(ctx, t.adminActor, (tx) =>
            recordShipped(tx, { orderId: order.id, lines: [{ lineId, quantity: 2 }] }),
          ).then(
            (r): Outcome => ({ ok: true, status: r.status }),
            (error: unknown): Outcome => {
              if (error instanceof AppError && error.status === 409) return { ok: false };
              throw error;
            },
          ),
        ),
      );
    }
    const wins = outcomes.filter((o) => o.ok).length;
    expect(wins).toBe(2);
    const after = await getOrder(t.ctx, order.id);
    expect(after.lines[0]).toMatchObject({ ordered: 5, shipped: 4, open: 1 });
    expect(after.status).toBe('partially_shipped');
  }, 120_000);
});
