/**
 * Invoices and credit notes: drafts (create, edit, delete), issuing (number, due dates, snapshots, RF
 * reference, PDF archived with its SHA-256 — one transaction), credit notes against an invoice (full:
 * voids it; partial) or standalone, and the PDF. Each change audited and announced in its transaction.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { archiveDocument, getArchivedDocument } from '../../platform/documents/index.js';
import { type AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { isCurrency, money } from '../../platform/money.js';
import { allocateNumber } from '../../platform/numbering/numbering.js';
import { type Customer, findCustomerIn, type PaymentTerms } from '../customers/index.js';
import { documentView, type StoredEarlyDiscount, type StoredInstalment } from './document-view.js';
import { renderInvoicePdf } from './pdf/index.js';
import { createRfReference } from './rf-reference.js';
import { buyerSnapshot, derivedState, SERIES, sellerSnapshot } from './rules.js';
import type {
  CreateDraftInput,
  CreditInput,
  Invoice,
  InvoiceSummary,
  LineInput,
  UpdateDraftInput,
} from './schemas.js';
import { readCompanySettings } from './settings.js';
import * as store from './store.js';
import type { InvoiceKind, InvoiceRow, LineRow, SettlementRow, TaxRow } from './tables.js';
import { paymentSchedule, type WorkingCalendar } from './terms.js';
import { type DocumentTotals, tryComputeTotals } from './totals.js';

export const todayOf = (ctx: AppContext): string => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** "invoice INV-2026-000001" / "draft invoice inv_…": how messages name a document. */
export function nameOf(row: Pick<InvoiceRow, 'kind' | 'number' | 'id' | 'status'>): string {
  const what = row.kind === 'invoice' ? 'invoice' : 'credit note';
  return row.number
    ? `${what === 'invoice' ? 'Invoice' : 'Credit note'} ${row.number}`
    : `Draft ${what} ${row.id}`;
}

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

export function toSummary(row: InvoiceRow, today: string): InvoiceSummary {
  const gross = Number(row.gross_total);
  const open = Number(row.open_amount);
  const buyer = row.buyer ? (JSON.parse(row.buyer) as { name: string }) : null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    number: row.number,
    customerId: row.customer_id,
    customerName: buyer?.name ?? null,
    currency: row.currency,
    language: row.language,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    netTotal: Number(row.net_total),
    taxTotal: Number(row.tax_total),
    grossTotal: gross,
    openAmount: open,
    paidAmount: row.status === 'draft' ? 0 : gross - open,
    ...derivedState(
      { kind: row.kind, status: row.status, openAmount: open, grossTotal: gross, dueDate: row.due_date },
      today,
    ),
    rfReference: row.rf_reference,
    relatedInvoiceId: row.related_invoice_id,
    issuedAt: row.issued_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const parseJson = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

export function toInvoice(
  row: InvoiceRow,
  lines: LineRow[],
  taxRows: TaxRow[],
  settlements: SettlementRow[],
  today: string,
): Invoice {
  return {
    ...toSummary(row, today),
    paymentTerms: parseJson(row.payment_terms),
    instalments: parseJson<StoredInstalment[]>(row.instalments),
    earlyDiscount: parseJson<StoredEarlyDiscount>(row.early_discount),
    buyer: parseJson(row.buyer),
    seller: parseJson(row.seller),
    purchaseOrder: row.purchase_order,
    orderReference: row.order_reference,
    notes: row.notes,
    pdf:
      row.pdf_document_id && row.pdf_sha256
        ? { documentId: row.pdf_document_id, sha256: row.pdf_sha256 }
        : null,
    voidedAt: row.voided_at,
    lines: lines.map((l) => ({
      id: l.id,
      position: Number(l.position),
      description: l.description,
      itemCode: l.item_code,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unit_price,
      discountPercent: l.discount_percent,
      taxCategory: l.tax_category,
      taxRate: l.tax_rate,
      exemptionReason: l.exemption_reason,
      exemptionReasonCode: l.exemption_reason_code,
      netAmount: Number(l.net_amount),
    })),
    taxBreakdown: taxRows.map((t) => ({
      category: t.category,
      rate: t.rate,
      taxableAmount: Number(t.taxable_amount),
      taxAmount: Number(t.tax_amount),
      exemptionReason: t.exemption_reason,
      exemptionReasonCode: t.exemption_reason_code,
    })),
    settlements: settlements.map((s) => ({
      allocationId: s.allocation_id,
      date: s.date,
      amount: Number(s.amount),
    })),
  };
}

async function loadInvoice(db: AnyDb, id: string, today: string): Promise<Invoice> {
  const row = await store.findInvoice(db, id);
  if (!row) throw notFound('invoice', id);
  const [lines, taxRows, settlements] = [
    await store.linesOf(db, id),
    await store.taxRowsOf(db, id),
    await store.settlementsOf(db, id),
  ];
  return toInvoice(row, lines, taxRows, settlements, today);
}

export async function getInvoice(ctx: AppContext, id: string): Promise<Invoice> {
  return loadInvoice(ctx.db, id, todayOf(ctx));
}

export async function listInvoices(ctx: AppContext, filter: Omit<store.ListFilter, 'today'>) {
  const today = todayOf(ctx);
  const rows = await store.listInvoices(ctx.db, { ...filter, today });
  return { rows, today };
}

// ── Lines and totals ─────────────────────────────────────────────────────────────────────────────

const lineToTotals = (line: LineInput) => ({
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  discountPercent: line.discountPercent,
  taxCategory: line.taxCategory,
  taxRate: line.taxRate,
  exemptionReason: line.exemptionReason ?? undefined,
  exemptionReasonCode: line.exemptionReasonCode ?? undefined,
});

const rowToLineInput = (line: LineRow): LineInput => ({
  description: line.description,
  itemCode: line.item_code,
  quantity: line.quantity,
  unit: line.unit,
  unitPrice: line.unit_price,
  discountPercent: line.discount_percent,
  taxCategory: line.tax_category as LineInput['taxCategory'],
  taxRate: line.tax_rate,
  exemptionReason: line.exemption_reason,
  exemptionReasonCode: line.exemption_reason_code,
});

/** Totals per EN 16931, or a 400 naming every faulty field (`lines.2.unitPrice`). */
function totalsOf(kind: InvoiceKind, currency: string, lines: readonly LineInput[]): DocumentTotals | null {
  if (lines.length === 0) return null;
  const result = tryComputeTotals({ kind, currency, lines: lines.map(lineToTotals) });
  if (!result.ok) {
    const first = result.errors[0]!;
    throw validationError(
      result.errors.length === 1
        ? `The ${kind === 'invoice' ? 'invoice' : 'credit note'} is not valid: ${first.path} ${first.message}.`
        : `The ${kind === 'invoice' ? 'invoice' : 'credit note'} has ${result.errors.length} problems, the first: ${first.path} ${first.message}.`,
      result.errors,
    );
  }
  return result.totals;
}

function lineRows(invoiceId: string, lines: readonly LineInput[], totals: DocumentTotals | null): LineRow[] {
  return lines.map((line, i) => {
    const computed = totals!.lines[i]!;
    return {
      id: newId('invoice_line'),
      invoice_id: invoiceId,
      position: i + 1,
      description: line.description,
      item_code: line.itemCode ?? null,
      quantity: computed.quantity,
      unit: line.unit,
      unit_price: computed.unitPrice,
      discount_percent: computed.discountPercent,
      tax_category: computed.taxCategory,
      tax_rate: computed.taxRate,
      exemption_reason: line.exemptionReason ?? null,
      exemption_reason_code: line.exemptionReasonCode ?? null,
      net_amount: computed.netAmount.amount,
    };
  });
}

function taxRowsOf(invoiceId: string, totals: DocumentTotals | null): TaxRow[] {
  return (totals?.taxBreakdown ?? []).map((t, i) => ({
    invoice_id: invoiceId,
    position: i + 1,
    category: t.category,
    rate: t.rate,
    taxable_amount: t.taxableAmount.amount,
    tax_amount: t.taxAmount.amount,
    exemption_reason: t.exemptionReason,
    exemption_reason_code: t.exemptionReasonCode,
  }));
}

const totalsColumns = (totals: DocumentTotals | null) => ({
  net_total: totals?.taxExclusiveTotal.amount ?? 0,
  tax_total: totals?.taxTotal.amount ?? 0,
  gross_total: totals?.taxInclusiveTotal.amount ?? 0,
});

// ── Drafts ───────────────────────────────────────────────────────────────────────────────────────

async function customerFor(db: AnyDb, customerId: string): Promise<Customer> {
  const customer = await findCustomerIn(db, customerId);
  if (!customer)
    throw validationError(`No customer with id "${customerId}".`, [
      { path: 'customerId', message: 'is not a known customer' },
    ]);
  if (customer.status === 'archived')
    throw validationError(`Customer ${customer.code} is archived and cannot be billed; unarchive it first.`, [
      { path: 'customerId', message: 'is archived' },
    ]);
  return customer;
}

function checkCurrency(currency: string): void {
  if (!isCurrency(currency))
    throw validationError(`"${currency}" is not a supported currency.`, [
      { path: 'currency', message: 'must be an ISO 4217 currency code, e.g. EUR' },
    ]);
}

function checkLanguage(language: string): string {
  const match = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(language.trim());
  if (!match)
    throw validationError(`"${language}" is not a language code.`, [
      { path: 'language', message: 'must be a BCP 47 language code, e.g. en, fr or fr-BE' },
    ]);
  return match[2] ? `${match[1]!.toLowerCase()}-${match[2].toUpperCase()}` : match[1]!.toLowerCase();
}

async function checkRelated(
  db: AnyDb,
  kind: InvoiceKind,
  relatedId: string | null | undefined,
  customerId: string,
) {
  if (!relatedId) return;
  if (kind !== 'credit_note')
    throw validationError('Only a credit note refers to an invoice.', [
      { path: 'relatedInvoiceId', message: 'is only for credit notes' },
    ]);
  const related = await store.findInvoice(db, relatedId);
  if (related?.kind !== 'invoice')
    throw validationError(`No invoice with id "${relatedId}".`, [
      { path: 'relatedInvoiceId', message: 'is not a known invoice' },
    ]);
  if (related.customer_id !== customerId)
    throw validationError(`${nameOf(related)} belongs to another customer.`, [
      { path: 'relatedInvoiceId', message: 'belongs to another customer' },
    ]);
}

async function startingLines(db: AnyDb, input: CreateDraftInput, customerId: string): Promise<LineInput[]> {
  if (input.lines) return input.lines;
  if (input.copyFrom) {
    const source = await store.findInvoice(db, input.copyFrom);
    if (!source)
      throw validationError(`No invoice with id "${input.copyFrom}" to copy.`, [
        { path: 'copyFrom', message: 'is not a known invoice' },
      ]);
    return (await store.linesOf(db, source.id)).map(rowToLineInput);
  }
  if (input.fromTemplate) {
    const template = await store.readTemplate(db, customerId);
    if (!template)
      throw validationError('This customer has no invoice template yet.', [
        { path: 'fromTemplate', message: 'the customer has no template lines' },
      ]);
    return JSON.parse(template) as LineInput[];
  }
  return [];
}

export async function createDraft(ctx: AppContext, actor: Actor, input: CreateDraftInput): Promise<Invoice> {
  const id = await transaction(ctx, actor, (tx) => createDraftInTx(tx, input));
  return getInvoice(ctx, id);
}

/** Creates a draft inside the caller's transaction and returns its id (the follow-up run's fee invoices, issue 5). */
export async function createDraftInTx(tx: Tx, input: CreateDraftInput): Promise<string> {
  const customer = await customerFor(tx.db, input.customerId);
  const currency = input.currency ?? customer.currency;
  checkCurrency(currency);
  const language = checkLanguage(input.language ?? customer.language);
  await checkRelated(tx.db, input.kind, input.relatedInvoiceId, customer.id);
  const lines = await startingLines(tx.db, input, customer.id);
  const totals = totalsOf(input.kind, currency, lines);
  const id = newId(input.kind);
  await store.insertInvoice(tx.db, {
    id,
    kind: input.kind,
    status: 'draft',
    number: null,
    series: null,
    customer_id: customer.id,
    currency,
    language,
    issue_date: input.issueDate ?? null,
    due_date: null,
    payment_terms: input.paymentTerms ? JSON.stringify(input.paymentTerms) : null,
    instalments: null,
    early_discount: null,
    buyer: null,
    seller: null,
    rf_reference: null,
    purchase_order: input.purchaseOrder,
    order_reference: input.orderReference,
    ...totalsColumns(totals),
    open_amount: 0,
    related_invoice_id: input.relatedInvoiceId ?? null,
    notes: input.notes,
    pdf_document_id: null,
    pdf_sha256: null,
    issued_at: null,
    voided_at: null,
    created_at: tx.now,
    updated_at: tx.now,
  });
  await store.replaceLines(tx.db, id, lineRows(id, lines, totals), taxRowsOf(id, totals));
  tx.audit({
    action: `${input.kind}.draft_created`,
    entityType: input.kind,
    entityId: id,
    after: {
      customerId: customer.id,
      currency,
      lines: lines.length,
      grossTotal: totals?.taxInclusiveTotal.amount ?? 0,
    },
  });
  return id;
}

function immutable(row: InvoiceRow): AppError {
  return conflict(
    `${nameOf(row)} is ${row.status === 'void' ? 'void' : 'issued'} and cannot be changed; issue a credit note to correct it.`,
  );
}

export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDraftInput,
): Promise<Invoice> {
  await transaction(ctx, actor, async (tx) => {
    const row = await store.findInvoice(tx.db, id);
    if (!row) throw notFound('invoice', id);
    if (row.status !== 'draft' || !(await store.lockDraft(tx.db, id, tx.now))) throw immutable(row);
    const customer = await customerFor(tx.db, input.customerId ?? row.customer_id);
    const currency = input.currency ?? row.currency;
    checkCurrency(currency);
    const language = input.language ? checkLanguage(input.language) : row.language;
    const relatedId = input.relatedInvoiceId === undefined ? row.related_invoice_id : input.relatedInvoiceId;
    await checkRelated(tx.db, row.kind, relatedId, customer.id);
    const lines = input.lines ?? (await store.linesOf(tx.db, id)).map(rowToLineInput);
    const totals = totalsOf(row.kind, currency, lines);
    const changes: Partial<InvoiceRow> = {
      customer_id: customer.id,
      currency,
      language,
      ...(input.issueDate !== undefined ? { issue_date: input.issueDate } : {}),
      ...(input.paymentTerms !== undefined
        ? { payment_terms: input.paymentTerms ? JSON.stringify(input.paymentTerms) : null }
        : {}),
      related_invoice_id: relatedId ?? null,
      ...(input.purchaseOrder !== undefined ? { purchase_order: input.purchaseOrder } : {}),
      ...(input.orderReference !== undefined ? { order_reference: input.orderReference } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...totalsColumns(totals),
      updated_at: tx.now,
    };
    await store.updateInvoice(tx.db, id, changes);
    await store.replaceLines(tx.db, id, lineRows(id, lines, totals), taxRowsOf(id, totals));
    tx.audit({
      action: `${row.kind}.draft_updated`,
      entityType: row.kind,
      entityId: id,
      before: { customerId: row.customer_id, currency: row.currency, grossTotal: Number(row.gross_total) },
      after: { customerId: customer.id, currency, lines: lines.length, grossTotal: changes.gross_total },
    });
  });
  return getInvoice(ctx, id);
}

export async function deleteDraft(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const row = await store.findInvoice(tx.db, id);
    if (!row) throw notFound('invoice', id);
    if (row.status !== 'draft' || !(await store.deleteDraft(tx.db, id)))
      throw conflict(`${nameOf(row)} is issued and cannot be deleted; issue a credit note to cancel it.`);
    tx.audit({
      action: `${row.kind}.draft_deleted`,
      entityType: row.kind,
      entityId: id,
      before: toSummary(row, ''),
    });
  });
}

// ── Issuing ──────────────────────────────────────────────────────────────────────────────────────

/** Due dates, snapshots and totals of a draft as if issued on `issueDate` under `number` (no writes). */
async function prepareIssue(
  db: AnyDb,
  row: InvoiceRow,
  lines: LineInput[],
  issueDate: string,
  number: string | null,
): Promise<{ changes: Partial<InvoiceRow>; totals: DocumentTotals }> {
  const customer = await customerFor(db, row.customer_id);
  const settings = await readCompanySettings(db);
  const totals = totalsOf(row.kind, row.currency, lines);
  if (!totals)
    throw validationError(`${nameOf(row)} has no lines.`, [
      { path: 'lines', message: 'must contain at least one line' },
    ]);
  const gross = totals.taxInclusiveTotal.amount;
  const rf = number ? createRfReference(number) : null;
  let dueDate = issueDate;
  let instalments: StoredInstalment[] | null = null;
  let early: StoredEarlyDiscount | null = null;
  let terms: PaymentTerms | null = null;
  if (row.kind === 'invoice') {
    terms = row.payment_terms ? (JSON.parse(row.payment_terms) as PaymentTerms) : customer.paymentTerms;
    const schedule = paymentSchedule(
      terms,
      issueDate,
      money(gross, row.currency),
      settings.calendar as WorkingCalendar,
    );
    dueDate = schedule.dueDate;
    instalments = schedule.instalments.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      amount: i.amount.amount,
    }));
    early = schedule.earlyDiscount
      ? {
          deadline: schedule.earlyDiscount.deadline,
          percent: schedule.earlyDiscount.percent,
          discountAmount: schedule.earlyDiscount.discountAmount.amount,
          discountedAmount: schedule.earlyDiscount.discountedAmount.amount,
        }
      : null;
  }
  const seller = sellerSnapshot(settings, row.kind, {
    id: row.id,
    number: number ?? 'DRAFT',
    amount: money(gross, row.currency),
    reference: rf ?? '',
  });
  return {
    totals,
    changes: {
      issue_date: issueDate,
      due_date: dueDate,
      payment_terms: terms ? JSON.stringify(terms) : null,
      instalments: instalments ? JSON.stringify(instalments) : null,
      early_discount: early ? JSON.stringify(early) : null,
      buyer: JSON.stringify(buyerSnapshot(customer)),
      seller: JSON.stringify(seller),
      rf_reference: rf,
      ...totalsColumns(totals),
    },
  };
}

async function precedingOf(
  db: AnyDb,
  row: InvoiceRow,
): Promise<{ number: string; issueDate: string } | null> {
  if (!row.related_invoice_id) return null;
  const related = await store.findInvoice(db, row.related_invoice_id);
  return related?.number && related.issue_date
    ? { number: related.number, issueDate: related.issue_date }
    : null;
}

/** Issues a draft inside `tx`: number, dates, snapshots, RF reference, PDF archived. Returns the issued row. */
export async function issueInTx(
  ctx: AppContext,
  tx: Tx,
  id: string,
  requestedDate?: string,
): Promise<InvoiceRow> {
  const found = await store.findInvoice(tx.db, id);
  if (!found) throw notFound('invoice', id);
  if (found.status !== 'draft' || !(await store.lockDraft(tx.db, id, tx.now)))
    throw conflict(`${nameOf(found)} is already ${found.status === 'void' ? 'void' : 'issued'}.`);
  const draft = (await store.findInvoice(tx.db, id))!;
  const lines = (await store.linesOf(tx.db, id)).map(rowToLineInput);
  const issueDate = requestedDate ?? draft.issue_date ?? todayOf(ctx);
  const series = SERIES[draft.kind];
  const year = Number(issueDate.slice(0, 4));

  // Validate everything that can fail on the input before taking a number.
  await prepareIssue(tx.db, draft, lines, issueDate, null);
  let related: InvoiceRow | undefined;
  if (draft.related_invoice_id) {
    related = await store.findInvoice(tx.db, draft.related_invoice_id);
    if (related?.status !== 'issued')
      throw conflict(
        `${related ? nameOf(related) : `Invoice ${draft.related_invoice_id}`} is not an issued, open invoice: it cannot be credited.`,
      );
    if (related.currency !== draft.currency)
      throw validationError(
        `The credit note must be in ${related.currency}, the currency of ${nameOf(related)}.`,
        [{ path: 'currency', message: `must be ${related.currency}` }],
      );
  }
  const latest = await store.latestIssueDate(tx.db, series, year);
  if (latest && latest > issueDate)
    throw conflict(
      `Numbers follow issue dates: the last ${series} document of ${year} was issued on ${latest}, so this one cannot be dated ${issueDate}.`,
      [{ path: 'issueDate', message: `must be on or after ${latest}` }],
    );

  const { number } = await allocateNumber(tx, series, year);
  const { changes, totals } = await prepareIssue(tx.db, draft, lines, issueDate, number);
  const gross = totals.taxInclusiveTotal.amount;
  if (related) {
    const credited = await store.creditedTotal(tx.db, related.id);
    if (credited + gross > Number(related.gross_total))
      throw validationError(
        `${nameOf(related)} is ${Number(related.gross_total)} (minor units) and ${credited} is already credited; this credit note of ${gross} would credit more than the invoice.`,
        [{ path: 'lines', message: 'credit more than is left to credit on the invoice' }],
      );
  }
  const issued: InvoiceRow = {
    ...draft,
    ...changes,
    status: 'issued',
    number,
    series,
    open_amount: gross,
    issued_at: tx.now,
    updated_at: tx.now,
  };
  const lineRowsIssued = lineRows(id, lines, totals);
  const taxRowsIssued = taxRowsOf(id, totals);
  await store.replaceLines(tx.db, id, lineRowsIssued, taxRowsIssued);
  const pdf = await renderInvoicePdf(
    documentView(
      issued,
      lineRowsIssued,
      taxRowsIssued,
      related ? { number: related.number!, issueDate: related.issue_date! } : null,
    ),
  );
  const archived = await archiveDocument(tx, {
    ownerType: draft.kind,
    ownerId: id,
    kind: `${draft.kind}_pdf`,
    filename: `${number}.pdf`,
    contentType: 'application/pdf',
    content: pdf,
  });
  const final: InvoiceRow = { ...issued, pdf_document_id: archived.id, pdf_sha256: archived.sha256 };
  const { id: _id, created_at: _created, ...updates } = final;
  await store.updateInvoice(tx.db, id, updates);
  const summary = toSummary(final, issueDate);
  tx.audit({ action: `${draft.kind}.issued`, entityType: draft.kind, entityId: id, after: summary });
  await tx.emit({
    type: 'invoice.issued',
    aggregateType: draft.kind,
    aggregateId: id,
    payload: {
      invoiceId: id,
      kind: draft.kind,
      number,
      customerId: draft.customer_id,
      currency: draft.currency,
      grossTotal: gross,
      issueDate,
      dueDate: final.due_date,
      relatedInvoiceId: draft.related_invoice_id,
    },
  });
  return final;
}

export async function issueDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { issueDate?: string | undefined } = {},
): Promise<Invoice> {
  await transaction(ctx, actor, (tx) => issueInTx(ctx, tx, id, input.issueDate));
  return getInvoice(ctx, id);
}

// ── Credit notes ─────────────────────────────────────────────────────────────────────────────────

/**
 * A credit note against an issued invoice. Full: credits every line and voids the invoice (only when
 * nothing is paid or credited on it yet). Partial: credits the given lines; its value is credit that
 * the payments module applies. Returns the issued credit note.
 */
export async function creditInvoice(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  input: CreditInput,
): Promise<Invoice> {
  const creditId = await transaction(ctx, actor, async (tx) => {
    const invoice = await store.findInvoice(tx.db, invoiceId);
    if (!invoice) throw notFound('invoice', invoiceId);
    if (invoice.kind !== 'invoice')
      throw conflict(`${nameOf(invoice)} is a credit note; only invoices are credited.`);
    if (invoice.status === 'draft')
      throw conflict(`${nameOf(invoice)} is not issued; delete or edit the draft instead of crediting it.`);
    if (invoice.status === 'void') throw conflict(`${nameOf(invoice)} is already void.`);
    // Lock the invoice: concurrent payments and credits wait for this transaction.
    await store.updateInvoice(tx.db, invoiceId, { updated_at: tx.now });
    const locked = (await store.findInvoice(tx.db, invoiceId))!;
    let lines: LineInput[];
    if (input.mode === 'full') {
      const paid = Number(locked.gross_total) - Number(locked.open_amount);
      const credited = await store.creditedTotal(tx.db, invoiceId);
      if (paid > 0 || credited > 0)
        throw conflict(
          `${nameOf(locked)} cannot be credited in full: ${paid > 0 ? 'part of it is already paid' : 'part of it is already credited'} (${Number(locked.open_amount)} of ${Number(locked.gross_total)} minor units still open). Issue a partial credit note for what is still owed instead.`,
        );
      if (input.lines)
        throw validationError('A full credit note credits every line of the invoice; leave out lines.', [
          { path: 'lines', message: 'must be left out for a full credit note' },
        ]);
      lines = (await store.linesOf(tx.db, invoiceId)).map(rowToLineInput);
    } else {
      if (!input.lines)
        throw validationError('A partial credit note needs the lines it credits.', [
          { path: 'lines', message: 'is required for a partial credit note' },
        ]);
      lines = input.lines;
    }
    const id = newId('credit_note');
    const totals = totalsOf('credit_note', locked.currency, lines);
    await store.insertInvoice(tx.db, {
      id,
      kind: 'credit_note',
      status: 'draft',
      number: null,
      series: null,
      customer_id: locked.customer_id,
      currency: locked.currency,
      language: locked.language,
      issue_date: input.issueDate ?? null,
      due_date: null,
      payment_terms: null,
      instalments: null,
      early_discount: null,
      buyer: null,
      seller: null,
      rf_reference: null,
      purchase_order: locked.purchase_order,
      order_reference: locked.order_reference,
      ...totalsColumns(totals),
      open_amount: 0,
      related_invoice_id: invoiceId,
      notes: input.notes,
      pdf_document_id: null,
      pdf_sha256: null,
      issued_at: null,
      voided_at: null,
      created_at: tx.now,
      updated_at: tx.now,
    });
    await store.replaceLines(tx.db, id, lineRows(id, lines, totals), taxRowsOf(id, totals));
    const credit = await issueInTx(ctx, tx, id, input.issueDate);

    if (input.mode === 'full') {
      const gross = Number(locked.gross_total);
      if (Number(credit.gross_total) !== gross)
        throw new Error(
          `full credit note ${credit.number} totals ${credit.gross_total}, the invoice ${gross}`,
        );
      await store.updateInvoice(tx.db, invoiceId, {
        status: 'void',
        open_amount: 0,
        voided_at: tx.now,
        updated_at: tx.now,
      });
      await store.updateInvoice(tx.db, id, { open_amount: 0 });
      // Both documents' dated histories record the credit, so an as-of report sees the invoice open until then.
      for (const [on, by] of [
        [invoiceId, id],
        [id, invoiceId],
      ] as const) {
        await store.insertSettlement(tx.db, {
          id: newId('settlement'),
          invoice_id: on,
          allocation_id: by,
          date: credit.issue_date!,
          amount: gross,
          created_at: tx.now,
        });
      }
      tx.audit({
        action: 'invoice.voided',
        entityType: 'invoice',
        entityId: invoiceId,
        before: { status: 'issued', openAmount: gross },
        after: { status: 'void', openAmount: 0, creditNoteId: id, creditNoteNumber: credit.number },
      });
      await tx.emit({
        type: 'invoice.voided',
        aggregateType: 'invoice',
        aggregateId: invoiceId,
        payload: { invoiceId, number: locked.number, customerId: locked.customer_id, creditNoteId: id },
      });
    }
    return id;
  });
  return getInvoice(ctx, creditId);
}

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────────

export interface PdfFile {
  filename: string;
  content: Buffer;
  sha256: string | null;
  archived: boolean;
}

/** The archived PDF of an issued document; for a draft a preview marked DRAFT, rendered and not archived. */
export async function invoicePdf(ctx: AppContext, id: string): Promise<PdfFile> {
  const row = await store.findInvoice(ctx.db, id);
  if (!row) throw notFound('invoice', id);
  if (row.status !== 'draft') {
    const doc = row.pdf_document_id ? await getArchivedDocument(ctx.db, row.pdf_document_id) : undefined;
    if (!doc) throw new Error(`${nameOf(row)} has no archived PDF`);
    return { filename: doc.filename, content: doc.content, sha256: doc.sha256, archived: true };
  }
  const lines = (await store.linesOf(ctx.db, id)).map(rowToLineInput);
  const issueDate = row.issue_date ?? todayOf(ctx);
  const { changes, totals } = await prepareIssue(ctx.db, row, lines, issueDate, null);
  const preview: InvoiceRow = { ...row, ...changes };
  const content = await renderInvoicePdf(
    documentView(preview, lineRows(id, lines, totals), taxRowsOf(id, totals), await precedingOf(ctx.db, row)),
  );
  return { filename: `draft-${id}.pdf`, content, sha256: null, archived: false };
}

/** Renders an issued document again from its stored rows and snapshots (to prove the archive unchanged). */
export async function rerenderIssuedPdf(db: AnyDb, id: string): Promise<Buffer> {
  const row = await store.findInvoice(db, id);
  if (!row) throw notFound('invoice', id);
  if (row.status === 'draft') throw conflict(`${nameOf(row)} is a draft: it has no issued PDF.`);
  // The document as issued: a voided invoice was issued as 'issued'.
  const asIssued: InvoiceRow = { ...row, status: 'issued' };
  return renderInvoicePdf(
    documentView(
      asIssued,
      await store.linesOf(db, id),
      await store.taxRowsOf(db, id),
      await precedingOf(db, row),
    ),
  );
}

// ── Customer templates ───────────────────────────────────────────────────────────────────────────

export async function getTemplate(ctx: AppContext, customerId: string): Promise<LineInput[]> {
  const text = await store.readTemplate(ctx.db, customerId);
  return text ? (JSON.parse(text) as LineInput[]) : [];
}

export async function saveTemplate(ctx: AppContext, actor: Actor, customerId: string, lines: LineInput[]) {
  return transaction(ctx, actor, async (tx) => {
    const customer = await customerFor(tx.db, customerId);
    if (lines.length > 0) totalsOf('invoice', customer.currency, lines);
    await store.writeTemplate(tx.db, customer.id, JSON.stringify(lines), tx.now);
    tx.audit({
      action: 'invoice_template.saved',
      entityType: 'customer',
      entityId: customer.id,
      after: { lines },
    });
    return lines;
  });
}
