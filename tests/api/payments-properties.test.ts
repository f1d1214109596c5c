/**
 * Property: any sequence of record / allocate / auto-allocate / apply credit / refund / reverse keeps
 * the receivables invariants — nothing over-applied, nothing negative, balance = ledger.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { getOpenItem, type OpenItem } from '../../src/modules/invoicing/index.js';
import {
  allocatePayment,
  applyCustomerCredit,
  autoAllocatePayment,
  customerBalance,
  customerLedger,
  recordPayment,
  recordRefund,
  reversePayment,
} from '../../src/modules/payments/index.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp, type TestApp } from '../support/app.js';
import { makeCustomer, makeDocument } from './payments.support.js';

type Command =
  | { op: 'record'; amount: number; auto: boolean }
  | { op: 'allocate'; payment: number; invoice: number; amount: number; credit: boolean }
  | { op: 'auto'; payment: number }
  | { op: 'reverse'; payment: number; fee: number }
  | { op: 'applyCredit' }
  | { op: 'refund'; amount: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    op: fc.constant('record' as const),
    amount: fc.integer({ min: 1, max: 9000 }),
    auto: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('allocate' as const),
    payment: fc.nat(9),
    invoice: fc.nat(2),
    amount: fc.integer({ min: 1, max: 6000 }),
    credit: fc.boolean(),
  }),
  fc.record({ op: fc.constant('auto' as const), payment: fc.nat(9) }),
  fc.record({ op: fc.constant('reverse' as const), payment: fc.nat(9), fee: fc.constantFrom(0, 0, 500) }),
  fc.record({ op: fc.constant('applyCredit' as const) }),
  fc.record({ op: fc.constant('refund' as const), amount: fc.integer({ min: 1, max: 3000 }) }),
);

async function expectInvariants(t: TestApp, customerId: string, invoices: readonly OpenItem[]) {
  const db = t.ctx.db;
  const allocations = await db
    .selectFrom('allocations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  const sum = (pred: (a: (typeof allocations)[number]) => boolean) =>
    allocations.filter(pred).reduce((s, a) => s + Number(a.amount), 0);
  const payments = await db
    .selectFrom('payments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  for (const p of payments) {
    const allocated = sum((a) => a.source_id === p.id);
    const unapplied = Number(p.unapplied_amount);
    expect(unapplied).toBeGreaterThanOrEqual(0);
    expect(allocated).toBeGreaterThanOrEqual(0);
    expect(allocated).toBeLessThanOrEqual(Number(p.amount));
    if (p.status === 'received') expect(unapplied).toBe(Number(p.amount) - allocated);
    else expect([unapplied, allocated]).toEqual([0, 0]);
  }
  for (const inv of invoices) {
    const item = (await getOpenItem(db, inv.id))!;
    const applied = sum((a) => a.target_id === inv.id);
    expect(item.openAmount).toBeGreaterThanOrEqual(0);
    expect(applied).toBeLessThanOrEqual(item.grossTotal);
    expect(item.openAmount).toBe(item.grossTotal - applied);
  }
  const credits = await db
    .selectFrom('customer_credits')
    .selectAll()
    .where('customer_id', '=', customerId)
    .execute();
  for (const c of credits) {
    const remaining = Number(c.remaining_amount);
    expect(remaining).toBeGreaterThanOrEqual(0);
    expect(remaining).toBe(sum((a) => a.target_id === c.id) - sum((a) => a.source_id === c.id));
  }
  const balance = await customerBalance(t.ctx, customerId);
  const eur = balance.currencies.find((c) => c.currency === 'EUR')!;
  let openInvoices = 0;
  for (const inv of invoices) openInvoices += (await getOpenItem(db, inv.id))!.openAmount;
  const unapplied = payments
    .filter((p) => p.status === 'received')
    .reduce((s, p) => s + Number(p.unapplied_amount), 0);
  const credit = credits.reduce((s, c) => s + Number(c.remaining_amount), 0);
  expect(eur.balance).toBe(openInvoices - unapplied - credit + eur.openCharges);
  const ledger = await customerLedger(t.ctx, customerId, { currency: 'EUR' });
  expect(ledger.closingBalance).toBe(eur.balance);
}

describeEachApp('payments invariants (fast-check)', (get) => {
  it('hold after any sequence of payment operations', async () => {
    const t = get();
    const actor = t.adminActor;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1000, max: 8000 }), { minLength: 3, maxLength: 3 }),
        fc.array(command, { minLength: 1, maxLength: 14 }),
        async (totals, commands) => {
          const customerId = await makeCustomer(t.ctx, actor);
          const invoices: OpenItem[] = [];
          for (const gross of totals) invoices.push(await makeDocument(t.ctx, actor, customerId, gross));
          const paymentIds: string[] = [];
          const pick = (i: number) => paymentIds[i % Math.max(1, paymentIds.length)];
          for (const c of commands) {
            try {
              if (c.op === 'record') {
                const p = await recordPayment(t.ctx, actor, {
                  method: 'bank_transfer',
                  customerId,
                  amount: c.amount,
                  currency: 'EUR',
                  receivedDate: '2026-12-01',
                  reference: null,
                  notes: null,
                  payerName: null,
                  payerIban: null,
                  bankReference: null,
                  valueDate: null,
                  autoAllocate: c.auto,
                });
                paymentIds.push(p.id);
              } else if (c.op === 'allocate' && pick(c.payment)) {
                await allocatePayment(t.ctx, actor, pick(c.payment)!, {
                  allocations: [{ invoiceId: invoices[c.invoice]!.id, amount: c.amount }],
                  creditRemainder: c.credit,
                });
              } else if (c.op === 'auto' && pick(c.payment)) {
                await autoAllocatePayment(t.ctx, actor, pick(c.payment)!, { creditRemainder: true });
              } else if (c.op === 'reverse' && pick(c.payment)) {
                await reversePayment(t.ctx, actor, pick(c.payment)!, {
                  reason: 'bounced',
                  ...(c.fee ? { fee: { amount: c.fee, description: null } } : {}),
                });
              } else if (c.op === 'applyCredit') {
                await applyCustomerCredit(t.ctx, actor, customerId, { currency: 'EUR' });
              } else if (c.op === 'refund') {
                await recordRefund(t.ctx, actor, customerId, {
                  amount: c.amount,
                  currency: 'EUR',
                  method: 'bank_transfer',
                  date: '2026-12-04',
                  reference: null,
                  notes: null,
                });
              }
            } catch (error) {
              // Refusals are fine (over-applying, reversing twice, refunding more than the credit): they must change nothing.
              if (!(error instanceof AppError) || error.status < 400 || error.status >= 500) throw error;
            }
          }
          await expectInvariants(t, customerId, invoices);
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});
