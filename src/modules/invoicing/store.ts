/** The invoicing module's queries. Only this module touches invoices, their lines, breakdown and settlements. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { InvoiceKind, InvoiceRow, InvoicingTables, LineRow, SettlementRow, TaxRow } from './tables.js';

const q = (db: AnyDb): Kysely<InvoicingTables> => tables<InvoicingTables>(db);

export async function findInvoice(db: AnyDb, id: string): Promise<InvoiceRow | undefined> {
  return q(db).selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function linesOf(db: AnyDb, invoiceId: string): Promise<LineRow[]> {
  return q(db)
    .selectFrom('invoice_lines')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

export async function taxRowsOf(db: AnyDb, invoiceId: string): Promise<TaxRow[]> {
  return q(db)
    .selectFrom('invoice_tax_breakdown')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('position')
    .execute();
}

export async function settlementsOf(db: AnyDb, invoiceId: string): Promise<SettlementRow[]> {
  return q(db)
    .selectFrom('invoice_settlements')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('id')
    .execute();
}

export async function insertInvoice(db: AnyDb, row: InvoiceRow): Promise<void> {
  await q(db).insertInto('invoices').values(row).execute();
}

export async function updateInvoice(db: AnyDb, id: string, changes: Partial<InvoiceRow>): Promise<void> {
  await q(db).updateTable('invoices').set(changes).where('id', '=', id).execute();
}

/** Touches a draft so its row is locked for the rest of the transaction; false when it is no draft (any more). */
export async function lockDraft(db: AnyDb, id: string, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('invoices')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceLines(
  db: AnyDb,
  invoiceId: string,
  lines: LineRow[],
  taxRows: TaxRow[],
): Promise<void> {
  await q(db).deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
  await q(db).deleteFrom('invoice_tax_breakdown').where('invoice_id', '=', invoiceId).execute();
  // Batches keep each statement under the bind-parameter limits of both databases.
  for (let i = 0; i < lines.length; i += 200) {
    await q(db)
      .insertInto('invoice_lines')
      .values(lines.slice(i, i + 200))
      .execute();
  }
  if (taxRows.length > 0) await q(db).insertInto('invoice_tax_breakdown').values(taxRows).execute();
}

export async function deleteDraft(db: AnyDb, id: string): Promise<boolean> {
  await q(db).deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
  await q(db).deleteFrom('invoice_tax_breakdown').where('invoice_id', '=', id).execute();
  const result = await q(db)
    .deleteFrom('invoices')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The latest issue date of the documents already issued in a series and year (numbers must follow dates). */
export async function latestIssueDate(db: AnyDb, series: string, year: number): Promise<string | null> {
  const row = await q(db)
    .selectFrom('invoices')
    .select((eb) => eb.fn.max('issue_date').as('latest'))
    .where('series', '=', series)
    .where('issue_date', '>=', `${year}-01-01`)
    .where('issue_date', '<=', `${year}-12-31`)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  return (row?.latest as string | null | undefined) ?? null;
}

/** Σ gross of the issued credit notes against an invoice. */
export async function creditedTotal(db: AnyDb, invoiceId: string): Promise<number> {
  const row = await q(db)
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gross_total'), sql<number>`0`).as('total'))
    .where('related_invoice_id', '=', invoiceId)
    .where('kind', '=', 'credit_note')
    .where('status', '=', 'issued')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertSettlement(db: AnyDb, row: SettlementRow): Promise<void> {
  await q(db).insertInto('invoice_settlements').values(row).execute();
}

/**
 * Takes `amount` off the open amount in one guarded statement: it matches only while enough is open,
 * so concurrent callers can never take more than there is (the row lock orders them on PostgreSQL,
 * the single writer on SQLite). Returns the new open amount, or undefined when it did not match.
 */
export async function guardedSettle(
  db: AnyDb,
  input: { id: string; amount: number; currency: string; now: string },
): Promise<number | undefined> {
  const row = await q(db)
    .updateTable('invoices')
    .set({ open_amount: sql<number>`open_amount - ${input.amount}`, updated_at: input.now })
    .where('id', '=', input.id)
    .where('status', '=', 'issued')
    .where('currency', '=', input.currency)
    .where('open_amount', '>=', input.amount)
    .returning('open_amount')
    .executeTakeFirst();
  return row ? Number(row.open_amount) : undefined;
}

/** The reverse: adds `amount` back while the result stays within the gross total. */
export async function guardedUnsettle(
  db: AnyDb,
  input: { id: string; amount: number; currency: string; now: string },
): Promise<number | undefined> {
  const row = await q(db)
    .updateTable('invoices')
    .set({ open_amount: sql<number>`open_amount + ${input.amount}`, updated_at: input.now })
    .where('id', '=', input.id)
    .where('status', '=', 'issued')
    .where('currency', '=', input.currency)
    .where(sql<boolean>`open_amount + ${input.amount} <= gross_total`)
    .returning('open_amount')
    .executeTakeFirst();
  return row ? Number(row.open_amount) : undefined;
}

export interface ListFilter {
  customerId?: string | undefined;
  kind?: InvoiceKind | undefined;
  status?: 'draft' | 'issued' | 'void' | undefined;
  paymentState?: 'unpaid' | 'partially_paid' | 'paid' | undefined;
  overdue?: boolean | undefined;
  today: string;
  from?: string | undefined;
  to?: string | undefined;
  currency?: string | undefined;
  q?: string | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** Newest first (by id), `limit + 1` rows. */
export async function listInvoices(db: AnyDb, filter: ListFilter): Promise<InvoiceRow[]> {
  let query = q(db).selectFrom('invoices').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.from) query = query.where('issue_date', '>=', filter.from);
  if (filter.to) query = query.where('issue_date', '<=', filter.to);
  if (filter.paymentState) {
    query = query.where('status', '=', 'issued');
    if (filter.paymentState === 'paid') query = query.where('open_amount', '=', 0);
    else if (filter.paymentState === 'unpaid')
      query = query.where('open_amount', '>', 0).whereRef('open_amount', '=', 'gross_total');
    else query = query.where('open_amount', '>', 0).whereRef('open_amount', '<', 'gross_total');
  }
  if (filter.overdue !== undefined) {
    const overdue = sql<boolean>`(status = 'issued' and kind = 'invoice' and open_amount > 0 and due_date < ${filter.today})`;
    query = query.where(filter.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  if (filter.q) {
    const compact = filter.q.toUpperCase().replace(/[^A-Z0-9]/g, '');
    const like = `%${filter.q.toUpperCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`upper(number)`, 'like', sql`${like} escape '\\'`),
        ...(compact ? [eb(sql`replace(number, '-', '')`, 'like', `%${compact}%`)] : []),
        ...(compact ? [eb('rf_reference', '=', compact)] : []),
      ]),
    );
  }
  if (filter.afterId) query = query.where('id', '<', filter.afterId);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/** Issued documents with something open, of one customer: oldest due first, then issue date, then number. */
export async function openItems(
  db: AnyDb,
  filter: { customerId: string; currency?: string | undefined; kind?: InvoiceKind | undefined },
): Promise<InvoiceRow[]> {
  let query = q(db)
    .selectFrom('invoices')
    .selectAll()
    .where('customer_id', '=', filter.customerId)
    .where('status', '=', 'issued')
    .where('open_amount', '>', 0);
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query.orderBy('due_date').orderBy('issue_date').orderBy('number').execute();
}

export async function findByNumbers(db: AnyDb, numbers: readonly string[]): Promise<InvoiceRow[]> {
  if (numbers.length === 0) return [];
  return q(db).selectFrom('invoices').selectAll().where('number', 'in', numbers).execute();
}

export async function findByReferences(db: AnyDb, references: readonly string[]): Promise<InvoiceRow[]> {
  if (references.length === 0) return [];
  return q(db).selectFrom('invoices').selectAll().where('rf_reference', 'in', references).execute();
}

export async function readTemplate(db: AnyDb, customerId: string): Promise<string | undefined> {
  const row = await q(db)
    .selectFrom('invoice_templates')
    .select('lines')
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.lines;
}

export async function writeTemplate(
  db: AnyDb,
  customerId: string,
  lines: string,
  now: string,
): Promise<void> {
  await q(db)
    .insertInto('invoice_templates')
    .values({ customer_id: customerId, lines, updated_at: now })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ lines, updated_at: now }))
    .execute();
}

// ── Added for the payments ledger and statements (issue 3) ───────────────────────────────────────

/** An issued or void invoice / credit note as the customer ledger shows it. */
export interface CustomerDocument {
  id: string;
  kind: InvoiceKind;
  status: 'issued' | 'void';
  number: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  grossTotal: number;
  openAmount: number;
  /** The invoice a credit note credits. */
  relatedInvoiceId: string | null;
  voidedAt: string | null;
}

/**
 * Every issued or void document of a customer (optionally issued in [from, to], in one currency), by
 * issue date then number — including those closed without any payment (e.g. voided by a full credit
 * note), which the payments ledger needs to be complete. One query.
 */
export async function listDocuments(
  db: AnyDb,
  filter: {
    customerId: string;
    from?: string | undefined;
    to?: string | undefined;
    currency?: string | undefined;
  },
): Promise<CustomerDocument[]> {
  let query = q(db)
    .selectFrom('invoices')
    .selectAll()
    .where('customer_id', '=', filter.customerId)
    .where('status', 'in', ['issued', 'void']);
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.from) query = query.where('issue_date', '>=', filter.from);
  if (filter.to) query = query.where('issue_date', '<=', filter.to);
  const rows = await query.orderBy('issue_date').orderBy('number').execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status as 'issued' | 'void',
    number: row.number!,
    customerId: row.customer_id,
    currency: row.currency,
    issueDate: row.issue_date!,
    dueDate: row.due_date ?? row.issue_date!,
    grossTotal: Number(row.gross_total),
    openAmount: Number(row.open_amount),
    relatedInvoiceId: row.related_invoice_id,
    voidedAt: row.voided_at,
  }));
}
