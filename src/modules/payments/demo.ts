/**
 * Demo payments for the demo invoices, so ledgers, statements and the aging report look lived-in:
 * a bounced cheque with a fee and then a bank transfer quoting the RF reference (auto-allocated), a
 * partial payment, a cheque paying in full, an over-payment that leaves credit on account. One demo
 * invoice stays unpaid. Dates follow each invoice's issue date. Safe to run twice: a customer that
 * already has a payment is left alone.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import { findCustomerByCode } from '../customers/index.js';
import { listOpenItems, type OpenItem } from '../invoicing/index.js';
import type { Progress } from '../module.js';
import { allocatePayment, recordPayment, reversePayment } from './payments-service.js';
import * as store from './store.js';

type Scenario = (ctx: AppContext, actor: Actor, customerId: string, invoice: OpenItem) => Promise<void>;

const noDetails = { notes: null, autoAllocate: false } as const;

const bankTransfer = (
  customerId: string,
  invoice: OpenItem,
  amount: number,
  receivedDate: string,
  reference: string,
  payerName: string,
) => ({
  ...noDetails,
  method: 'bank_transfer' as const,
  customerId,
  amount,
  currency: invoice.currency,
  receivedDate,
  reference,
  payerName,
  payerIban: null,
  bankReference: `BNK-${receivedDate.replaceAll('-', '')}-${invoice.number.slice(-4)}`,
  valueDate: receivedDate,
  autoAllocate: true,
});

const SCENARIOS: Record<string, Scenario> = {
  /** A cheque that bounces (with a bank fee charged on), then a bank transfer quoting the RF reference. */
  'C-00001': async (ctx, actor, customerId, invoice) => {
    const received = addDays(invoice.issueDate, 20);
    const cheque = await recordPayment(ctx, actor, {
      ...noDetails,
      method: 'cheque',
      customerId,
      amount: invoice.openAmount,
      currency: invoice.currency,
      receivedDate: received,
      reference: invoice.number,
      chequeNumber: '0004417',
      draweeBank: 'Banque Populaire Auvergne Rhône Alpes',
      depositDate: addDays(received, 1),
      autoAllocate: true,
    });
    await reversePayment(ctx, actor, cheque.id, {
      reason: 'Cheque returned unpaid: insufficient funds',
      date: addDays(received, 8),
      fee: { amount: 2500, description: 'Bounced cheque 0004417: bank charges' },
    });
    await recordPayment(
      ctx,
      actor,
      bankTransfer(
        customerId,
        invoice,
        invoice.openAmount,
        addDays(received, 15),
        `Paiement facture ${invoice.rfReference ?? invoice.number}`,
        'BOULANGERIES MARTIN',
      ),
    );
  },
  /** A partial payment: about half, the rest stays open (and falls overdue). */
  'C-00003': async (ctx, actor, customerId, invoice) => {
    const amount = Math.round(invoice.openAmount / 2);
    const payment = await recordPayment(ctx, actor, {
      ...bankTransfer(
        customerId,
        invoice,
        amount,
        addDays(invoice.issueDate, 35),
        `Teilzahlung ${invoice.number}`,
        'NORDSEE HANDELS GMBH',
      ),
      autoAllocate: false,
    });
    await allocatePayment(ctx, actor, payment.id, {
      allocations: [{ invoiceId: invoice.id, amount }],
      creditRemainder: false,
      date: payment.receivedDate,
    });
  },
  /** A cheque paying the invoice in full. */
  'C-00010': async (ctx, actor, customerId, invoice) => {
    const received = addDays(invoice.issueDate, 18);
    await recordPayment(ctx, actor, {
      ...noDetails,
      method: 'cheque',
      customerId,
      amount: invoice.openAmount,
      currency: invoice.currency,
      receivedDate: received,
      reference: invoice.number,
      chequeNumber: '100234',
      draweeBank: 'Barclays Bank UK',
      depositDate: addDays(received, 2),
      autoAllocate: true,
    });
  },
  /** An over-payment by bank transfer: the invoice is paid, the surplus becomes credit on account. */
  'C-00015': async (ctx, actor, customerId, invoice) => {
    const surplus = invoice.currency === 'JPY' ? 2750 : 2750 * 10;
    await recordPayment(
      ctx,
      actor,
      bankTransfer(
        customerId,
        invoice,
        invoice.openAmount + surplus,
        addDays(invoice.issueDate, 12),
        invoice.rfReference ?? invoice.number,
        'SAKURA TRADING KK',
      ),
    );
  },
};

export async function seedDemoPayments(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  let seeded = 0;
  for (const [code, scenario] of Object.entries(SCENARIOS)) {
    const customer = await findCustomerByCode(ctx, code);
    if (!customer) continue;
    if ((await store.listPayments(ctx.db, { customerId: customer.id, limit: 1 })).length > 0) continue;
    const [invoice] = await listOpenItems(ctx.db, { customerId: customer.id, kind: 'invoice' });
    if (!invoice || invoice.openAmount !== invoice.grossTotal) continue;
    await scenario(ctx, actor, customer.id, invoice);
    seeded++;
  }
  progress(`payments: demo payments recorded for ${seeded} customer(s)`);
}
