/**
 * 50 concurrent settle calls against one invoice never over-apply it: several connections on
 * PostgreSQL, several processes on SQLite (one process must not run two SQLite transactions at once).
 */
import { expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import {
  createDraft,
  getInvoice,
  getOpenItem,
  issueDocument,
  settle,
} from '../../src/modules/invoicing/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { REPO_ROOT, runTogether } from '../support/child-process.js';
import { describeEachDatabase } from '../support/databases.js';

const CALLS = 50;
const AMOUNT = 300;
const GROSS = 10_000; // 33 calls fit (9 900), 17 must be refused

describeEachDatabase('invoicing: concurrent settlements', (get) => {
  it(`${CALLS} concurrent settle calls never over-apply one invoice`, async () => {
    const { ctx, kind, url } = get();
    const actor = systemActor('test');
    const customer = await createCustomer(ctx, actor, {
      legalName: 'Concurrent Payer SA',
      billingAddress: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
    } as Parameters<typeof createCustomer>[2]);
    const draft = await createDraft(ctx, actor, {
      kind: 'invoice',
      customerId: customer.id,
      purchaseOrder: null,
      orderReference: null,
      notes: null,
      lines: [
        {
          description: 'Goods',
          itemCode: null,
          quantity: '1',
          unit: 'pcs',
          unitPrice: '100.00',
          taxCategory: 'Z',
          taxRate: '0',
          exemptionReason: null,
          exemptionReasonCode: null,
        },
      ],
    });
    const invoice = await issueDocument(ctx, actor, draft.id);
    expect(invoice.grossTotal).toBe(GROSS);

    let outcomes: ('ok' | 'refused')[];
    if (kind === 'postgres') {
      const contexts = await Promise.all(Array.from({ length: 5 }, () => get().openAnother()));
      const results = await Promise.allSettled(
        Array.from({ length: CALLS }, (_, i) =>
          transaction(contexts[i % contexts.length]!, actor, (tx) =>
            settle(tx, {
              documentId: invoice.id,
              allocationId: `alc_${i}`,
              amount: AMOUNT,
              currency: 'EUR',
              date: '2026-12-04',
            }),
          ),
        ),
      );
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
      outcomes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : 'refused'));
    } else {
      const processes = 5;
      const source = `
        import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
        import { transaction } from '${REPO_ROOT}/src/platform/db/transaction.js';
        import { systemActor } from '${REPO_ROOT}/src/platform/auth/actor.js';
        import { settle } from '${REPO_ROOT}/src/modules/invoicing/index.js';
        const [url, id, first, count, amount] = process.argv.slice(2);
        const ctx = await openChildContext(url, { busyTimeoutMs: 30000 });
        await startTogether();
        const out = await Promise.allSettled(Array.from({ length: Number(count) }, (_, i) => transaction(ctx, systemActor('settler'), (tx) =>
          settle(tx, { documentId: id, allocationId: 'alc_' + (Number(first) + i), amount: Number(amount), currency: 'EUR', date: '2026-12-04' }))));
        const unexpected = out.filter((o) => o.status === 'rejected' && o.reason?.status !== 409);
        if (unexpected.length > 0) { console.error(unexpected.map((o) => String(o.reason))); process.exitCode = 1; }
        printResult(out.map((o) => (o.status === 'fulfilled' ? 'ok' : 'refused')));
        await ctx.database.close();
      `;
      const results = await runTogether<('ok' | 'refused')[]>(
        Array.from({ length: processes }, (_, p) => ({
          source,
          args: [url, invoice.id, String(p * 10), String(CALLS / processes), String(AMOUNT)],
        })),
      );
      outcomes = results.flat();
    }
    const applied = outcomes.filter((o) => o === 'ok').length;
    expect(outcomes).toHaveLength(CALLS);
    expect(applied).toBe(Math.floor(GROSS / AMOUNT));
    const item = await getOpenItem(ctx.db, invoice.id);
    expect(item?.openAmount).toBe(GROSS - applied * AMOUNT);
    const after = await getInvoice(ctx, invoice.id);
    expect(after.settlements).toHaveLength(applied);
    expect(after.settlements.reduce((s, x) => s + x.amount, 0)).toBe(after.grossTotal - after.openAmount);
  }, 120_000);
});
