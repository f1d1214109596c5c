/**
 * Fixtures for the reports tests: customers, issued invoices and credit notes, payments and a void,
 * all made through the modules' services (customers, invoicing, payments), dated so that the aging is
 * known at several dates. Documents must be issued in date order (numbers follow issue dates).
 */
import { createCustomer } from '../../src/modules/customers/index.js';
import { createDraft, creditInvoice, issueDocument } from '../../src/modules/invoicing/index.js';
import { allocatePayment, recordPayment } from '../../src/modules/payments/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import type { AnyDb } from '../../src/platform/db/database.js';

let seq = 0;

export async function customer(
  ctx: AppContext,
  actor: Actor,
  name: string,
  currency = 'EUR',
): Promise<string> {
  const created = await createCustomer(ctx, actor, {
    legalName: `${name} ${++seq}`,
    billingAddress: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
    currency,
    paymentTerms: { kind: 'net', days: 30 },
  } as Parameters<typeof createCustomer>[2]);
  return created.id;
}

const line = (amount: number, currency: string) => ({
  description: 'Goods',
  quantity: '1',
  unit: 'pcs',
  unitPrice: currency === 'JPY' ? String(amount) : (amount / 100).toFixed(2),
  taxCategory: 'Z' as const,
  taxRate: '0',
  itemCode: null,
  exemptionReason: null,
  exemptionReasonCode: null,
});

/** An issued invoice of exactly `gross` minor units (zero-rated), net 30 from `issueDate`. */
export async function invoice(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  issueDate: string,
  gross: number,
  currency = 'EUR',
): Promise<string> {
  const draft = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId,
    currency,
    issueDate,
    lines: [line(gross, currency)],
  } as Parameters<typeof createDraft>[2]);
  await issueDocument(ctx, actor, draft.id, { issueDate });
  return draft.id;
}

export async function draftInvoice(ctx: AppContext, actor: Actor, customerId: string, gross: number) {
  const draft = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId,
    currency: 'EUR',
    lines: [line(gross, 'EUR')],
  } as Parameters<typeof createDraft>[2]);
  return draft.id;
}

export async function partialCredit(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  issueDate: string,
  gross: number,
  currency = 'EUR',
) {
  const credit = await creditInvoice(ctx, actor, invoiceId, {
    mode: 'partial',
    issueDate,
    notes: null,
    lines: [line(gross, currency)],
  } as Parameters<typeof creditInvoice>[3]);
  return credit.id;
}

export async function fullCredit(ctx: AppContext, actor: Actor, invoiceId: string, issueDate: string) {
  const credit = await creditInvoice(ctx, actor, invoiceId, {
    mode: 'full',
    issueDate,
    notes: null,
  } as Parameters<typeof creditInvoice>[3]);
  return credit.id;
}

/** A cash payment received and allocated on `date`. */
export async function pay(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  invoiceId: string,
  date: string,
  amount: number,
  currency = 'EUR',
) {
  const payment = await recordPayment(ctx, actor, {
    method: 'cash',
    customerId,
    amount,
    currency,
    receivedDate: date,
    reference: null,
    notes: null,
    receiptNumber: null,
    autoAllocate: false,
  } as Parameters<typeof recordPayment>[2]);
  await allocatePayment(ctx, actor, payment.id, {
    allocations: [{ invoiceId, amount }],
    date,
    creditRemainder: false,
  } as Parameters<typeof allocatePayment>[3]);
  return payment.id;
}

export interface Scenario {
  a: string;
  b: string;
  c: string;
  a1: string;
  a2: string;
  a3: string;
  aCredit: string;
  b1: string;
  b2: string;
  c1: string;
}

/**
 * Customers A and B in EUR, C in USD; clock today 2026-12-04 (the test databases' clock).
 *
 *   A1  06-01 due 07-01  1000.00  400.00 paid 08-15        → today 600.00 over 90 days
 *   B1  07-01 due 07-31   300.00  voided by a full credit note 09-01
 *   C1  08-01 due 08-31   250.00 USD unpaid               → today over 90 days (95)
 *   B2  09-01 due 10-01   700.00  unpaid                  → today 61–90 (64 days)
 *   A2  10-01 due 10-31   500.00  paid in full 11-20
 *   A3  11-15 due 12-15   200.00  unpaid                  → today current
 *   A-CN 11-20            50.00 partial credit note on A3, unused → A's unapplied credit
 *   plus a draft invoice for A (never in a report).
 */
export async function buildScenario(ctx: AppContext, actor: Actor): Promise<Scenario> {
  const a = await customer(ctx, actor, 'Alpha');
  const b = await customer(ctx, actor, 'Bravo');
  const c = await customer(ctx, actor, 'Charlie', 'USD');
  const a1 = await invoice(ctx, actor, a, '2026-06-01', 100_000);
  const b1 = await invoice(ctx, actor, b, '2026-07-01', 30_000);
  const c1 = await invoice(ctx, actor, c, '2026-08-01', 25_000, 'USD');
  await pay(ctx, actor, a, a1, '2026-08-15', 40_000);
  const b2 = await invoice(ctx, actor, b, '2026-09-01', 70_000);
  await fullCredit(ctx, actor, b1, '2026-09-01');
  const a2 = await invoice(ctx, actor, a, '2026-10-01', 50_000);
  const a3 = await invoice(ctx, actor, a, '2026-11-15', 20_000);
  await pay(ctx, actor, a, a2, '2026-11-20', 50_000);
  const aCredit = await partialCredit(ctx, actor, a3, '2026-11-20', 5_000);
  await draftInvoice(ctx, actor, a, 99_900);
  return { a, b, c, a1, a2, a3, aCredit, b1, b2, c1 };
}

/** A handle that counts the statements run through it (a Kysely plugin sees every executed query). */
export function countingDb(db: AnyDb): { db: AnyDb; take: () => number } {
  let count = 0;
  const counted = db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      count++;
      return args.result;
    },
  });
  return {
    db: counted,
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
  };
}

export function countingContext(ctx: AppContext): { ctx: AppContext; take: () => number } {
  const { db, take } = countingDb(ctx.db);
  return { ctx: { ...ctx, db }, take };
}
