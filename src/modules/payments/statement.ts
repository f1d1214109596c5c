/**
 * A customer statement for a period, in one currency: the opening balance (the ledger's balance the
 * day before `from`), the movements of the period with a running balance, the closing balance (at
 * `to`), and an aging summary as of `to` — open invoices by days past due, unused credit notes,
 * unapplied payments and credit on account, open fees — that adds up to the closing balance.
 */
import type { AppContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Customer, getCustomer } from '../customers/index.js';
import { type AgingDocument, agingDocuments } from '../invoicing/index.js';
import { balanceBefore, ledgerLines } from './account-service.js';
import { rejected, requireCustomer, today } from './common.js';
import type { LedgerDetail, LedgerKind, LedgerLine } from './rules.js';
import type { AllocationRow } from './store.js';
import * as store from './store.js';

/** Days past due that close each aging bucket: current, 1–30, 31–60, 61–90, 90+. */
export const STATEMENT_BUCKET_DAYS = [30, 60, 90] as const;
export const STATEMENT_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type StatementBucket = (typeof STATEMENT_BUCKETS)[number];

export interface StatementLine {
  date: string;
  kind: LedgerKind;
  /** The record the line comes from (inv_…, pay_…, rfd_…, wof_…, chg_…). */
  id: string;
  /** Document number, cheque number, payment reference… */
  reference: string | null;
  description: string;
  /** What the line adds to the balance (invoices, fees, refunds, reversals); 0 when none. */
  debit: number;
  /** What the line takes off the balance (payments, credit notes, write-offs); 0 when none. */
  credit: number;
  balance: number;
  detail: LedgerDetail;
}

export interface StatementOpenItem {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string;
  grossTotal: number;
  /** Open (invoice) or unused (credit note) at `to`. */
  openAmount: number;
  daysOverdue: number;
  /** Invoices: the aging bucket; credit notes: null. */
  bucket: StatementBucket | null;
}

export interface StatementAging {
  asOf: string;
  buckets: { key: StatementBucket; amount: number }[];
  /** Σ buckets: open invoices at `to`. */
  openInvoices: number;
  /** Σ buckets except current. */
  overdue: number;
  /** Unused credit of credit notes at `to` (≥ 0, deducted). */
  unusedCredit: number;
  /** Unapplied payments and credit on account at `to` (≥ 0, deducted). */
  unappliedPayments: number;
  /** Fees charged by `to` and not invoiced (≥ 0). */
  openCharges: number;
  /** openInvoices + openCharges − unusedCredit − unappliedPayments: equals the closing balance. */
  balance: number;
}

export interface Statement {
  customerId: string;
  customer: { code: string; name: string; language: string };
  currency: string;
  from: string;
  to: string;
  /** The day the statement was produced (the company's today). */
  generatedOn: string;
  openingBalance: number;
  closingBalance: number;
  totals: { debit: number; credit: number };
  lines: StatementLine[];
  aging: StatementAging;
  openItems: StatementOpenItem[];
}

export interface StatementInput {
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
}

/** The statement of one customer; `to` defaults to today, `from` to the first day of `to`'s month, the currency to the customer's. */
export async function customerStatement(
  ctx: AppContext,
  customerId: string,
  input: StatementInput,
): Promise<Statement> {
  const { customer, period } = await statementScope(ctx, customerId, input);
  return buildStatement(ctx.db, customer, { ...period, generatedOn: today(ctx) });
}

export async function statementScope(ctx: AppContext, customerId: string, input: StatementInput) {
  await requireCustomer(ctx, customerId, 'customerId');
  const customer = await getCustomer(ctx, customerId);
  const to = input.to ?? today(ctx);
  const from = input.from ?? `${to.slice(0, 8)}01`;
  if (from > to)
    throw rejected('invalid-period', `The period starts (${from}) after it ends (${to}).`, [
      { path: 'from', message: `must be on or before to (${to})` },
    ]);
  return { customer, period: { from, to, currency: input.currency ?? customer.currency } };
}

export async function buildStatement(
  db: AnyDb,
  customer: Customer,
  period: { from: string; to: string; currency: string; generatedOn: string },
): Promise<Statement> {
  const { from, to, currency } = period;
  const [ledger, documents, records, allocations] = await Promise.all([
    ledgerLines(db, customer.id, currency),
    openDocumentsAt(db, customer.id, currency, to, period.generatedOn),
    store.customerRecords(db, customer.id),
    store.customerAllocations(db, customer.id),
  ]);
  const lines = ledger.filter((l) => l.date >= from && l.date <= to).map(toStatementLine);
  const openingBalance = balanceBefore(ledger, from);
  const closingBalance = balanceBefore(ledger, addDays(to, 1));
  const aging = agingAt(documents, records, allocations, currency, to);
  return {
    customerId: customer.id,
    customer: { code: customer.code, name: customer.legalName, language: customer.language },
    currency,
    from,
    to,
    generatedOn: period.generatedOn,
    openingBalance,
    closingBalance,
    totals: {
      debit: lines.reduce((s, l) => s + l.debit, 0),
      credit: lines.reduce((s, l) => s + l.credit, 0),
    },
    lines,
    aging,
    openItems: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      issueDate: d.issueDate,
      dueDate: d.dueDate,
      grossTotal: d.grossTotal,
      openAmount: d.openAmount,
      daysOverdue: d.daysOverdue,
      bucket: d.bucket === null ? null : STATEMENT_BUCKETS[d.bucket]!,
    })),
  };
}

const toStatementLine = (l: LedgerLine): StatementLine => ({
  date: l.date,
  kind: l.kind,
  id: l.id,
  reference: l.reference,
  description: l.description,
  debit: Math.max(l.amount, 0),
  credit: Math.max(-l.amount, 0),
  balance: l.balance,
  detail: l.detail ?? {},
});

/** The customer's documents open at `asOf` (invoicing's aging drill-down, all buckets), a page at a time. */
async function openDocumentsAt(
  db: AnyDb,
  customerId: string,
  currency: string,
  asOf: string,
  today: string,
): Promise<AgingDocument[]> {
  const limit = 1000;
  const all: AgingDocument[] = [];
  let after: { dueDate: string; id: string } | undefined;
  for (;;) {
    const page = await agingDocuments(db, {
      asOf,
      today,
      bucketDays: STATEMENT_BUCKET_DAYS,
      currency,
      customerId,
      limit,
      after,
    });
    all.push(...page.slice(0, limit));
    if (page.length <= limit) return all;
    const last = page[limit - 1]!;
    after = { dueDate: last.dueDate, id: last.id };
  }
}

/**
 * The aging summary at D. Invoices and credit notes come from invoicing (open amounts at D from their
 * dated settlements); payments, credit on account and fees from this module's records, each as of D
 * by the dates of the allocations that used them.
 */
function agingAt(
  documents: readonly AgingDocument[],
  records: Awaited<ReturnType<typeof store.customerRecords>>,
  allocations: readonly AllocationRow[],
  currency: string,
  asOf: string,
): StatementAging {
  const buckets = STATEMENT_BUCKETS.map((key) => ({ key, amount: 0 }));
  let unusedCredit = 0;
  for (const d of documents) {
    if (d.kind === 'invoice') buckets[d.bucket ?? 0]!.amount += d.openAmount;
    else unusedCredit += d.openAmount;
  }
  // Allocations dated on or before D, summed per source and for the credit on account.
  const usedBy = new Map<string, number>();
  let creditOnAccount = 0;
  for (const a of allocations) {
    if (a.currency !== currency || a.date > asOf) continue;
    if (a.source_type === 'payment') usedBy.set(a.source_id, (usedBy.get(a.source_id) ?? 0) + a.amount);
    if (a.target_type === 'customer_credit') creditOnAccount += a.amount;
    if (a.source_type === 'customer_credit') creditOnAccount -= a.amount;
  }
  // Exactly the ledger's view of each payment at D: received (−), reversed (+), less what its allocations used.
  let unappliedPayments = creditOnAccount;
  for (const p of records.payments) {
    if (p.currency !== currency) continue;
    if (p.received_date <= asOf) unappliedPayments += p.amount;
    if (p.status === 'reversed' && (p.reversal_date ?? p.received_date) <= asOf)
      unappliedPayments -= p.amount;
    unappliedPayments -= usedBy.get(p.id) ?? 0;
  }
  const openCharges = records.charges
    .filter((c) => c.currency === currency && c.date <= asOf && !c.invoiced_document_id)
    .reduce((s, c) => s + c.amount, 0);
  const openInvoices = buckets.reduce((s, b) => s + b.amount, 0);
  return {
    asOf,
    buckets,
    openInvoices,
    overdue: openInvoices - buckets[0]!.amount,
    unusedCredit,
    unappliedPayments,
    openCharges,
    balance: openInvoices + openCharges - unusedCredit - unappliedPayments,
  };
}
