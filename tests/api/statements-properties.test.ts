/**
 * Property: after any sequence of payments, allocations, credit on account, refunds, reversals with
 * fees and full credit notes (dated in any order), every statement adds up — its closing balance is
 * the ledger's balance at `to` and equals the aging summary (open invoices + fees − unused credit −
 * unapplied payments and credit) as of `to`; a period opens where the previous day closes; and the
 * statement up to today closes at the balance endpoint (Σ open amounts − unapplied credit).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { creditInvoice, type OpenItem } from '../../src/modules/invoicing/index.js';
import {
  allocatePayment,
  applyCustomerCredit,
  customerBalance,
  customerLedger,
  customerStatement,
  recordPayment,
  recordRefund,
  reversePayment,
} from '../../src/modules/payments/index.js';
import { addDays } from '../../src/platform/dates.js';
import { AppError } from '../../src/platform/errors.js';
import { describeEachApp } from '../support/app.js';
import { makeCustomer, makeDocument } from './payments.support.js';

type Command =
  | { op: 'record'; amount: number; day: number; auto: boolean }
  | { op: 'allocate'; payment: number; invoice: number; amount: number; credit: boolean }
  | { op: 'reverse'; payment: number; after: number; fee: number }
  | { op: 'applyCredit'; day: number }
  | { op: 'refund'; amount: number; day: number }
  | { op: 'creditFull'; invoice: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    op: fc.constant('record' as const),
    amount: fc.integer({ min: 1, max: 9000 }),
    day: fc.nat(60),
    auto: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('allocate' as const),
    payment: fc.nat(9),
    invoice: fc.nat(3),
    amount: fc.integer({ min: 1, max: 6000 }),
    credit: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('reverse' as const),
    payment: fc.nat(9),
    after: fc.nat(20),
    fee: fc.constantFrom(0, 700),
  }),
  fc.record({ op: fc.constant('applyCredit' as const), day: fc.nat(80) }),
  fc.record({
    op: fc.constant('refund' as const),
    amount: fc.integer({ min: 1, max: 3000 }),
    day: fc.nat(80),
  }),
  fc.record({ op: fc.constant('creditFull' as const), invoice: fc.nat(3) }),
);

describeEachApp('statements add up (fast-check)', (get) => {
  it('for any history and any period', async () => {
    const t = get();
    const actor = t.adminActor;
    // Full credit notes are numbered in their own series, so their dates only move forward.
    let creditNoteDay = '2025-09-01';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1000, max: 8000 }), { minLength: 4, maxLength: 4 }),
        fc.array(command, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: -10, max: 150 }), fc.nat(60)), { minLength: 3, maxLength: 3 }),
        async (totals, commands, periods) => {
          const customerId = await makeCustomer(t.ctx, actor);
          const invoices: OpenItem[] = [];
          for (const gross of totals) invoices.push(await makeDocument(t.ctx, actor, customerId, gross));
          const start = invoices[invoices.length - 1]!.issueDate;
          const payments: { id: string; date: string }[] = [];
          const pick = (i: number) => payments[i % Math.max(1, payments.length)];
          for (const c of commands) {
            try {
              if (c.op === 'record') {
                const date = addDays(start, c.day);
                const p = await recordPayment(t.ctx, actor, {
                  method: 'cheque',
                  chequeNumber: String(1000 + payments.length),
                  draweeBank: null,
                  depositDate: null,
                  customerId,
                  amount: c.amount,
                  currency: 'EUR',
                  receivedDate: date,
                  reference: null,
                  notes: null,
                  autoAllocate: c.auto,
                });
                payments.push({ id: p.id, date });
              } else if (c.op === 'allocate' && pick(c.payment)) {
                const p = pick(c.payment)!;
                await allocatePayment(t.ctx, actor, p.id, {
                  allocations: [{ invoiceId: invoices[c.invoice]!.id, amount: c.amount }],
                  creditRemainder: c.credit,
                  date: p.date,
                });
              } else if (c.op === 'reverse' && pick(c.payment)) {
                const p = pick(c.payment)!;
                await reversePayment(t.ctx, actor, p.id, {
                  reason: 'bounced',
                  date: addDays(p.date, c.after),
                  ...(c.fee ? { fee: { amount: c.fee, description: null } } : {}),
                });
              } else if (c.op === 'applyCredit') {
                await applyCustomerCredit(t.ctx, actor, customerId, {
                  currency: 'EUR',
                  date: addDays(start, c.day),
                });
              } else if (c.op === 'refund') {
                await recordRefund(t.ctx, actor, customerId, {
                  amount: c.amount,
                  currency: 'EUR',
                  method: 'bank_transfer',
                  date: addDays(start, c.day),
                  reference: null,
                  notes: null,
                });
              } else if (c.op === 'creditFull') {
                creditNoteDay = addDays(creditNoteDay, 1);
                await creditInvoice(t.ctx, actor, invoices[c.invoice]!.id, {
                  mode: 'full',
                  issueDate: creditNoteDay,
                  notes: null,
                });
              }
            } catch (error) {
              if (!(error instanceof AppError) || error.status < 400 || error.status >= 500) throw error;
            }
          }

          const first = invoices[0]!.issueDate;
          for (const [offset, length] of periods) {
            const from = addDays(first, offset);
            const to = addDays(from, length);
            const s = await customerStatement(t.ctx, customerId, { from, to, currency: 'EUR' });
            expect(s.aging.balance).toBe(s.closingBalance);
            let running = s.openingBalance;
            for (const line of s.lines) {
              running += line.debit - line.credit;
              expect(line.balance).toBe(running);
            }
            expect(running).toBe(s.closingBalance);
            const before = await customerStatement(t.ctx, customerId, {
              from: addDays(from, -5),
              to: addDays(from, -1),
              currency: 'EUR',
            });
            expect(before.closingBalance).toBe(s.openingBalance);
            expect(before.aging.balance).toBe(before.closingBalance);
          }
          const balance = await customerBalance(t.ctx, customerId);
          const eur = balance.currencies.find((c) => c.currency === 'EUR')!;
          const now = await customerStatement(t.ctx, customerId, { from: first, currency: 'EUR' });
          const ledger = await customerLedger(t.ctx, customerId, { currency: 'EUR' });
          expect(now.closingBalance).toBe(eur.balance);
          expect(ledger.closingBalance).toBe(eur.balance);
          expect(now.aging.balance).toBe(
            eur.openInvoices +
              eur.openCharges -
              eur.openCreditNotes -
              eur.unappliedPayments -
              eur.customerCredit,
          );
          // Every issued or void document is in the ledger, voided ones included.
          const documents = new Set(ledger.lines.filter((l) => l.kind === 'invoice').map((l) => l.id));
          for (const inv of invoices) expect(documents.has(inv.id)).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  }, 240_000);
});
