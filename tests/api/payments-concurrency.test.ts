/**
 * 50 concurrent allocations against one invoice never over-apply it: several connections on
 * PostgreSQL, several processes on SQLite (one process must not run two SQLite transactions at once).
 */
import { expect, it } from 'vitest';
import { getOpenItem } from '../../src/modules/invoicing/index.js';
import { allocatePayment, recordPayment } from '../../src/modules/payments/index.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp } from '../support/app.js';
import { runTogether } from '../support/child-process.js';
import { makeCustomer, makeDocument } from './payments.support.js';

const CHILD = 'tests/api/payments-concurrency.child.ts';
const ATTEMPTS = 50;
const SHARE = 300;
const TOTAL = 10_000;

describeEachApp('payments under concurrency', (get) => {
  it(`${ATTEMPTS} concurrent allocations against one invoice never over-apply it`, async () => {
    const t = get();
    const customerId = await makeCustomer(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customerId, TOTAL);
    const paymentIds: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const p = await recordPayment(t.ctx, t.adminActor, {
        method: 'cash',
        customerId,
        amount: SHARE,
        currency: 'EUR',
        receivedDate: '2026-12-01',
        reference: null,
        notes: null,
        receiptNumber: null,
        autoAllocate: false,
      });
      paymentIds.push(p.id);
    }
    let ok = 0;
    let refused = 0;
    if (t.kind === 'postgres') {
      const contexts = await Promise.all(Array.from({ length: 5 }, () => t.openAnother()));
      const outcomes = await Promise.all(
        paymentIds.map((id, i) =>
          allocatePayment(contexts[i % contexts.length]!, t.adminActor, id, {
            allocations: [{ invoiceId: invoice.id, amount: SHARE }],
            creditRemainder: false,
          }).then(
            () => 'ok' as const,
            (error) => {
              if (error instanceof AppError && (error.status === 409 || error.status === 422))
                return 'refused' as const;
              throw error;
            },
          ),
        ),
      );
      ok = outcomes.filter((o) => o === 'ok').length;
      refused = outcomes.filter((o) => o === 'refused').length;
    } else {
      const groups = Array.from({ length: 5 }, (_, g) => paymentIds.filter((_, i) => i % 5 === g));
      const results = await runTogether<{ ok: number; refused: number }>(
        groups.map((group) => ({
          script: CHILD,
          args: [t.url, invoice.id, String(SHARE), group.join(',')],
          timeoutMs: 120_000,
        })),
      );
      for (const r of results) {
        ok += r.ok;
        refused += r.refused;
      }
    }
    expect(ok + refused).toBe(ATTEMPTS);
    expect(ok).toBe(Math.floor(TOTAL / SHARE));
    const item = (await getOpenItem(t.ctx.db, invoice.id))!;
    expect(item.openAmount).toBe(TOTAL - ok * SHARE);
    const allocations = await t.ctx.db
      .selectFrom('allocations')
      .select(['amount', 'source_id'])
      .where('target_id', '=', invoice.id)
      .execute();
    expect(allocations.reduce((s, a) => s + Number(a.amount), 0)).toBe(ok * SHARE);
    // Each refused payment is untouched; each successful one is fully applied.
    const payments = await t.ctx.db
      .selectFrom('payments')
      .select(['id', 'unapplied_amount'])
      .where('customer_id', '=', customerId)
      .execute();
    const applied = new Set(allocations.map((a) => a.source_id));
    for (const p of payments) expect(Number(p.unapplied_amount)).toBe(applied.has(p.id) ? 0 : SHARE);
  }, 180_000);
});
