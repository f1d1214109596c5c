/**
 * The contract with the payments module: open items, settling and re-opening them. Each settle or
 * unsettle is one guarded UPDATE of the open amount (it cannot over-apply even under concurrency) plus
 * a dated row in invoice_settlements, the document's own history (Σ = gross − open).
 */
import { sql } from 'kysely';
import { daysBetween, isBusinessDate } from '../../platform/dates.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findDocumentNumbers, findRfReferences } from './rules.js';
import * as store from './store.js';
import type { InvoiceKind, InvoiceRow, InvoicingTables } from './tables.js';

export interface OpenItem {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  grossTotal: number;
  openAmount: number;
  rfReference: string | null;
}

export const toOpenItem = (row: InvoiceRow): OpenItem => ({
  id: row.id,
  kind: row.kind,
  number: row.number!,
  customerId: row.customer_id,
  currency: row.currency,
  issueDate: row.issue_date!,
  dueDate: row.due_date ?? row.issue_date!,
  grossTotal: Number(row.gross_total),
  openAmount: Number(row.open_amount),
  rfReference: row.rf_reference,
});

const byDueThenIssueThenNumber = (a: OpenItem, b: OpenItem) =>
  a.dueDate.localeCompare(b.dueDate) ||
  a.issueDate.localeCompare(b.issueDate) ||
  a.number.localeCompare(b.number);

/** A customer's issued documents with something open (invoices: owed; credit notes: unused credit), oldest due first. */
export async function listOpenItems(
  db: AnyDb,
  filter: { customerId: string; currency?: string; kind?: InvoiceKind },
): Promise<OpenItem[]> {
  return (await store.openItems(db, filter)).map(toOpenItem);
}

/** An issued (or void) document as an open item — its openAmount may be 0; undefined for drafts and unknown ids. */
export async function getOpenItem(db: AnyDb, id: string): Promise<OpenItem | undefined> {
  const row = await store.findInvoice(db, id);
  return row && row.status !== 'draft' ? toOpenItem(row) : undefined;
}

/** Issued (or void) documents by id, as open items keyed by id; drafts and unknown ids are absent. Added for follow-up (issue 5). */
export async function getOpenItems(db: AnyDb, ids: readonly string[]): Promise<Map<string, OpenItem>> {
  const result = new Map<string, OpenItem>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tables<InvoicingTables>(db)
      .selectFrom('invoices')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '!=', 'draft')
      .execute();
    for (const row of rows) result.set(row.id, toOpenItem(row));
  }
  return result;
}

/**
 * The issued documents a free text refers to: document numbers (`INV-2026-000123`, also written
 * `INV2026000123` or with spaces) and ISO 11649 RF references. Void documents are left out; paid ones
 * are included (openAmount 0) so a caller can explain why nothing is left to apply. Oldest due first.
 */
export async function findOpenItemsByReference(db: AnyDb, text: string): Promise<OpenItem[]> {
  const numbers = findDocumentNumbers(text);
  const references = findRfReferences(text);
  const rows = [
    ...(await store.findByNumbers(db, numbers)),
    ...(await store.findByReferences(db, references)),
  ];
  const seen = new Set<string>();
  return rows
    .filter((r) => r.status === 'issued' && !seen.has(r.id) && seen.add(r.id))
    .map(toOpenItem)
    .sort(byDueThenIssueThenNumber);
}

export interface SettleInput {
  documentId: string;
  allocationId: string;
  amount: number;
  currency: string;
  date: string;
}

function checkInput(input: SettleInput): void {
  const errors = [];
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    errors.push({ path: 'amount', message: 'must be a positive whole number of minor units' });
  if (!isBusinessDate(input.date)) errors.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
  if (!input.allocationId) errors.push({ path: 'allocationId', message: 'is required' });
  if (errors.length > 0)
    throw validationError(`Cannot settle: ${errors[0]!.path} ${errors[0]!.message}.`, errors);
}

const label = (row: InvoiceRow) =>
  `${row.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${row.number ?? row.id}`;

/** Why a guarded update matched nothing, as a 404/409 naming the document. */
async function refusal(db: AnyDb, input: SettleInput, verb: 'settle' | 'reopen') {
  const row = await store.findInvoice(db, input.documentId);
  if (!row) return notFound('invoice', input.documentId);
  if (row.status !== 'issued')
    return conflict(`${label(row)} is ${row.status}; only issued documents can be settled or reopened.`);
  if (row.currency !== input.currency)
    return conflict(`${label(row)} is in ${row.currency}, not ${input.currency}.`, [
      { path: 'currency', message: `must be ${row.currency}` },
    ]);
  const open = Number(row.open_amount);
  const gross = Number(row.gross_total);
  return verb === 'settle'
    ? conflict(
        `Cannot apply ${input.amount} to ${label(row)}: only ${open} (minor units of ${row.currency}) is open.`,
        [{ path: 'amount', message: `must be at most ${open}` }],
      )
    : conflict(
        `Cannot reopen ${input.amount} on ${label(row)}: only ${gross - open} of its ${gross} is settled.`,
        [{ path: 'amount', message: `must be at most ${gross - open}` }],
      );
}

async function afterChange(tx: Tx, input: SettleInput, signed: number, openAmount: number) {
  await store.insertSettlement(tx.db, {
    id: newId('settlement'),
    invoice_id: input.documentId,
    allocation_id: input.allocationId,
    date: input.date,
    amount: signed,
    created_at: tx.now,
  });
  const row = (await store.findInvoice(tx.db, input.documentId))!;
  // A document cannot be settled before it existed: the dated history (aging as of a date, statements) relies on it.
  // Throwing here rolls the guarded update back with the rest of the caller's transaction.
  if (row.issue_date && input.date < row.issue_date) {
    throw new AppError(
      422,
      'settled-before-issue',
      'Date before the document',
      `${label(row)} was issued on ${row.issue_date}; it cannot be settled or reopened on ${input.date}.`,
      [{ path: 'date', message: `must be on or after ${row.issue_date}` }],
    );
  }
  tx.audit({
    action: signed > 0 ? `${row.kind}.settled` : `${row.kind}.reopened`,
    entityType: row.kind,
    entityId: row.id,
    before: { openAmount: openAmount + signed },
    after: { openAmount, allocationId: input.allocationId, amount: Math.abs(signed), date: input.date },
  });
  return row;
}

/**
 * Settles `amount` (> 0) of an issued invoice's open amount, or uses `amount` of a credit note's credit,
 * dated `date`. One guarded UPDATE (open_amount >= amount, same currency, status issued): concurrent
 * calls can never over-apply; a refusal is a 409 naming the document. Writes an invoice_settlements row,
 * audits, and emits `invoice.paid` when an invoice reaches 0 (`credit_note.used` for a credit note).
 */
export async function settle(tx: Tx, input: SettleInput): Promise<{ openAmount: number }> {
  checkInput(input);
  const openAmount = await store.guardedSettle(tx.db, {
    id: input.documentId,
    amount: input.amount,
    currency: input.currency,
    now: tx.now,
  });
  if (openAmount === undefined) throw await refusal(tx.db, input, 'settle');
  const row = await afterChange(tx, input, input.amount, openAmount);
  if (openAmount === 0) {
    await tx.emit({
      type: row.kind === 'invoice' ? 'invoice.paid' : 'credit_note.used',
      aggregateType: row.kind,
      aggregateId: row.id,
      payload: {
        invoiceId: row.id,
        kind: row.kind,
        number: row.number,
        customerId: row.customer_id,
        date: input.date,
      },
    });
  }
  return { openAmount };
}

/** The reverse (a bounced cheque, a reversed allocation): adds back `amount` (never above gross), dated. Emits `invoice.reopened`. */
export async function unsettle(tx: Tx, input: SettleInput): Promise<{ openAmount: number }> {
  checkInput(input);
  const openAmount = await store.guardedUnsettle(tx.db, {
    id: input.documentId,
    amount: input.amount,
    currency: input.currency,
    now: tx.now,
  });
  if (openAmount === undefined) throw await refusal(tx.db, input, 'reopen');
  const row = await afterChange(tx, input, -input.amount, openAmount);
  await tx.emit({
    type: 'invoice.reopened',
    aggregateType: row.kind,
    aggregateId: row.id,
    payload: {
      invoiceId: row.id,
      kind: row.kind,
      number: row.number,
      customerId: row.customer_id,
      amount: input.amount,
      openAmount,
      date: input.date,
    },
  });
  return { openAmount };
}

export interface AgingRow extends OpenItem {
  /** Open as of the date: gross − Σ settlements dated on or before it. */
  openAsOf: number;
  /** Days past due as of the date (0 when not yet due). */
  daysOverdue: number;
}

/**
 * Every document issued on or before `asOf` with something open as of that date, from invoicing's own
 * tables in one query (the dated settlements give the past open amounts). Credit notes carry their
 * unused credit; the caller decides how to bucket and sign them.
 */
export async function agingRows(
  db: AnyDb,
  input: { asOf: string; currency?: string; customerId?: string },
): Promise<AgingRow[]> {
  const t = tables<InvoicingTables>(db);
  const settled = t
    .selectFrom('invoice_settlements')
    .select(['invoice_id', (eb) => eb.fn.sum<number>('amount').as('settled')])
    .where('date', '<=', input.asOf)
    .groupBy('invoice_id')
    .as('s');
  let query = t
    .selectFrom('invoices')
    .leftJoin(settled, 's.invoice_id', 'invoices.id')
    .selectAll('invoices')
    .select(sql<number>`invoices.gross_total - coalesce(s.settled, 0)`.as('open_as_of'))
    .where('invoices.status', '!=', 'draft')
    .where('invoices.issue_date', '<=', input.asOf)
    .where(sql<boolean>`invoices.gross_total - coalesce(s.settled, 0) <> 0`);
  if (input.currency) query = query.where('invoices.currency', '=', input.currency);
  if (input.customerId) query = query.where('invoices.customer_id', '=', input.customerId);
  const rows = await query
    .orderBy('invoices.customer_id')
    .orderBy('invoices.due_date')
    .orderBy('invoices.number')
    .execute();
  return rows.map((row) => {
    const item = toOpenItem(row);
    return {
      ...item,
      openAsOf: Number(row.open_as_of),
      daysOverdue:
        item.kind === 'invoice' && item.dueDate < input.asOf ? daysBetween(item.dueDate, input.asOf) : 0,
    };
  });
}
