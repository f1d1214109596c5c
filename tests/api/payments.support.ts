/** Fixtures for the payments tests: customers and issued invoices / credit notes through their modules' public surfaces. */
import { createCustomer } from '../../src/modules/customers/index.js';
import { createDraft, getOpenItem, issueDocument } from '../../src/modules/invoicing/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { addDays } from '../../src/platform/dates.js';

let seq = 0;
/** Numbers follow issue dates, so each database's documents are issued one day after the previous one. */
const lastIssue = new WeakMap<AppContext, string>();
const nextIssueDate = (ctx: AppContext): string => {
  const previous = lastIssue.get(ctx) ?? '2024-12-31';
  const next = addDays(previous, 1);
  lastIssue.set(ctx, next);
  return next;
};

export async function makeCustomer(ctx: AppContext, actor: Actor, currency = 'EUR'): Promise<string> {
  const customer = await createCustomer(ctx, actor, {
    legalName: `Payer ${++seq} SARL`,
    billingAddress: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
    currency,
    paymentTerms: { kind: 'net', days: 30 },
  } as Parameters<typeof createCustomer>[2]);
  return customer.id;
}

/**
 * Issues an invoice (or credit note) of exactly `gross` minor units (zero-rated line), each one a day
 * after the previous one, so documents made later fall due later (net 30).
 */
export async function makeDocument(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  gross: number,
  options: { currency?: string; kind?: 'invoice' | 'credit_note' } = {},
) {
  const currency = options.currency ?? 'EUR';
  const exponent = currency === 'JPY' ? 0 : 2;
  const price = exponent === 0 ? String(gross) : (gross / 100).toFixed(2);
  const issueDate = nextIssueDate(ctx);
  const draft = await createDraft(ctx, actor, {
    kind: options.kind ?? 'invoice',
    customerId,
    currency,
    issueDate,
    lines: [
      {
        description: 'Goods',
        quantity: '1',
        unit: 'pcs',
        unitPrice: price,
        taxCategory: 'Z',
        taxRate: '0',
        itemCode: null,
        exemptionReason: null,
        exemptionReasonCode: null,
      },
    ],
  } as Parameters<typeof createDraft>[2]);
  await issueDocument(ctx, actor, draft.id, { issueDate });
  const item = await getOpenItem(ctx.db, draft.id);
  if (!item) throw new Error(`document ${draft.id} is not open after issue`);
  if (item.grossTotal !== gross) throw new Error(`expected gross ${gross}, got ${item.grossTotal}`);
  return item;
}

export const openAmountOf = async (ctx: AppContext, id: string) =>
  (await getOpenItem(ctx.db, id))?.openAmount ?? 0;
