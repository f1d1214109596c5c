/** Fixtures for the follow-up tests: customers with a reminder contact, invoices with a chosen due date. */
import { registerBackgroundWork } from '../../src/app.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createDraft, getOpenItem, issueDocument } from '../../src/modules/invoicing/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { addDays, daysBetween } from '../../src/platform/dates.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';

let seq = 0;
const registered = new WeakSet<AppContext>();

/** Registers the subscribers and jobs once per context (event deliveries create follow-up items). */
export function withBackgroundWork(ctx: AppContext): AppContext {
  if (!registered.has(ctx)) {
    registerBackgroundWork(ctx);
    registered.add(ctx);
  }
  return ctx;
}

export async function drainJobs(ctx: AppContext): Promise<void> {
  const runner = new JobRunner(ctx, { concurrency: 1, pollMs: 1000, backoff: { baseMs: 60_000, jitter: 0 } });
  for (let i = 0; i < 50; i++) if ((await runner.runOnce()) === 0) return;
  throw new Error('jobs kept coming after 50 rounds');
}

export async function customer(
  ctx: AppContext,
  actor: Actor,
  options: { language?: string; email?: string | null; currency?: string } = {},
) {
  const n = ++seq;
  const email = options.email === undefined ? `ap${n}@customer${n}.example` : options.email;
  return createCustomer(ctx, actor, {
    legalName: `Follow Customer ${n} SAS`,
    billingAddress: { line1: '1 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' },
    currency: options.currency ?? 'EUR',
    language: options.language ?? 'en',
    paymentTerms: { kind: 'net', days: 30 },
    contacts: email ? [{ name: 'Accounts', email, receivesInvoices: true, receivesReminders: true }] : [],
  } as Parameters<typeof createCustomer>[2]);
}

/** Issue dates only move forward (numbering follows them): each invoice is issued on the latest date so far. */
const lastIssue = new WeakMap<AppContext, string>();

/** Issues an invoice of `gross` minor units due on `dueDate` (issued up to 60 days before). */
export async function invoiceDue(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  gross: number,
  dueDate: string,
  currency = 'EUR',
) {
  const earliest = lastIssue.get(ctx) ?? '2026-01-01';
  let issueDate = addDays(dueDate, -30);
  if (issueDate < earliest) issueDate = earliest;
  if (issueDate > dueDate) throw new Error(`cannot issue on ${issueDate} an invoice due ${dueDate}`);
  lastIssue.set(ctx, issueDate);
  const draft = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId,
    currency,
    issueDate,
    paymentTerms: { kind: 'net', days: daysBetween(issueDate, dueDate) },
    lines: [
      {
        description: 'Goods',
        quantity: '1',
        unit: 'pcs',
        unitPrice: (gross / 100).toFixed(2),
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
  if (!item || item.dueDate !== dueDate) throw new Error(`invoice ${draft.id} is not due on ${dueDate}`);
  return item;
}

export async function countRows(ctx: AppContext, table: string): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function itemOf(ctx: AppContext, invoiceId: string) {
  return ctx.db
    .selectFrom('followup_items')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
}
