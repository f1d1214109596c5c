/**
 * The customer's account: credit on account (apply, refund), credit notes applied to invoices,
 * write-offs within tolerance, and the balance and ledger computed from allocations and documents.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import { transaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getOpenItem, listDocuments, listOpenItems, type OpenItem, settle } from '../invoicing/index.js';
import { checkShares, drawCredit, guardFailed, oldestDueFirst, type Share, sharesFor } from './allocation.js';
import { actorId, allocationRow, fmt, rejected, requireCustomer, today } from './common.js';
import {
  balanceOf,
  buildLedger,
  defaultWriteOffTolerance,
  type LedgerLine,
  type LedgerMovement,
} from './rules.js';
import {
  type ApplyCreditInput,
  type ApplyCreditNoteInput,
  type RefundInput,
  toAllocation,
  toCredit,
  toRefund,
  toWriteOff,
  type WriteOffInput,
} from './schemas.js';
import type { AllocationRow, RefundRow, WriteOffRow } from './store.js';
import * as store from './store.js';

const appliedEvent = (customerId: string, currency: string, rows: readonly AllocationRow[]) => ({
  type: 'payment.applied',
  aggregateType: 'customer',
  aggregateId: customerId,
  payload: {
    customerId,
    currency,
    allocations: rows.map((r) => ({
      id: r.id,
      sourceType: r.source_type,
      sourceId: r.source_id,
      targetType: r.target_type,
      targetId: r.target_id,
      amount: r.amount,
    })),
  },
});

/** Applies the customer's credit on account to invoices: the ones given, or oldest due first. */
export async function applyCustomerCredit(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: ApplyCreditInput,
) {
  await requireCustomer(ctx, customerId, 'customerId');
  return transaction(ctx, actor, async (tx) => {
    const credits = await store.openCredits(tx.db, customerId, input.currency);
    const available = credits.reduce((s, c) => s + c.remaining_amount, 0);
    const date = input.date ?? today(ctx);
    let shares: Share[];
    if (input.allocations) {
      await checkShares(tx, input.allocations, {
        customerId,
        currency: input.currency,
        available,
        availableLabel: `customer's ${input.currency} credit on account`,
      });
      shares = input.allocations;
    } else {
      shares = sharesFor(available, await oldestDueFirst(tx, customerId, input.currency));
    }
    const rows = await drawCredit(
      tx,
      customerId,
      input.currency,
      shares.map((s) => ({ targetType: 'invoice' as const, targetId: s.invoiceId, amount: s.amount })),
      date,
    );
    if (rows.length > 0) {
      tx.audit({
        action: 'customer_credit.applied',
        entityType: 'customer',
        entityId: customerId,
        after: { currency: input.currency, allocations: rows.map(toAllocation) },
      });
      await tx.emit(appliedEvent(customerId, input.currency, rows));
    }
    return { allocations: rows.map(toAllocation) };
  });
}

/** Applies a credit note's open credit to invoices of the same customer and currency; settles both through invoicing. */
export async function applyCreditNote(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: ApplyCreditNoteInput,
) {
  await requireCustomer(ctx, customerId, 'customerId');
  return transaction(ctx, actor, async (tx) => {
    const note = await creditNoteOf(tx.db, customerId, input.creditNoteId, 'creditNoteId');
    const date = input.date ?? today(ctx);
    let shares: Share[];
    if (input.allocations) {
      await checkShares(tx, input.allocations, {
        customerId,
        currency: note.currency,
        available: note.openAmount,
        availableLabel: `open credit of credit note ${note.number}`,
      });
      shares = input.allocations;
    } else {
      shares = sharesFor(note.openAmount, await oldestDueFirst(tx, customerId, note.currency));
    }
    const rows: AllocationRow[] = [];
    for (const share of shares) {
      const row = allocationRow(tx, {
        customerId,
        sourceType: 'credit_note',
        sourceId: note.id,
        targetType: 'invoice',
        targetId: share.invoiceId,
        amount: share.amount,
        currency: note.currency,
        date,
      });
      const common = { allocationId: row.id, amount: share.amount, currency: note.currency, date };
      await settle(tx, { documentId: note.id, ...common });
      await settle(tx, { documentId: share.invoiceId, ...common });
      rows.push(row);
    }
    await store.insertAllocations(tx.db, rows);
    if (rows.length > 0) {
      tx.audit({
        action: 'credit_note.applied',
        entityType: 'credit_note',
        entityId: note.id,
        after: { allocations: rows.map(toAllocation) },
      });
      await tx.emit(appliedEvent(customerId, note.currency, rows));
    }
    return { allocations: rows.map(toAllocation) };
  });
}

async function creditNoteOf(
  db: AppContext['db'],
  customerId: string,
  id: string,
  path: string,
): Promise<OpenItem> {
  const note = await getOpenItem(db, id);
  if (note?.kind !== 'credit_note' || note.openAmount <= 0)
    throw rejected('allocation-rejected', `"${id}" is not an issued credit note with open credit.`, [
      { path, message: 'is not a credit note with open credit' },
    ]);
  if (note.customerId !== customerId)
    throw rejected('allocation-rejected', `Credit note ${note.number} belongs to another customer.`, [
      { path, message: `belongs to another customer (${note.customerId})` },
    ]);
  return note;
}

/** Pays money back to the customer out of their credit on account (oldest credit first) or out of a credit note. */
export async function recordRefund(ctx: AppContext, actor: Actor, customerId: string, input: RefundInput) {
  await requireCustomer(ctx, customerId, 'customerId');
  return transaction(ctx, actor, async (tx) => {
    const id = newId('refund');
    let rows: AllocationRow[];
    if (input.creditNoteId) {
      const note = await creditNoteOf(tx.db, customerId, input.creditNoteId, 'creditNoteId');
      if (note.currency !== input.currency)
        throw rejected(
          'refund-rejected',
          `Credit note ${note.number} is in ${note.currency}, not ${input.currency}.`,
          [{ path: 'currency', message: `does not match the credit note's currency ${note.currency}` }],
        );
      if (input.amount > note.openAmount)
        throw rejected(
          'refund-rejected',
          `Credit note ${note.number} has only ${fmt(note.openAmount, note.currency)} open.`,
          [
            {
              path: 'amount',
              message: `is more than the credit note's open credit (${fmt(note.openAmount, note.currency)})`,
            },
          ],
        );
      const row = allocationRow(tx, {
        customerId,
        sourceType: 'credit_note',
        sourceId: note.id,
        targetType: 'refund',
        targetId: id,
        amount: input.amount,
        currency: input.currency,
        date: input.date,
      });
      await settle(tx, {
        documentId: note.id,
        allocationId: row.id,
        amount: input.amount,
        currency: input.currency,
        date: input.date,
      });
      await store.insertAllocations(tx.db, [row]);
      rows = [row];
    } else {
      const credits = await store.openCredits(tx.db, customerId, input.currency);
      const available = credits.reduce((s, c) => s + c.remaining_amount, 0);
      if (input.amount > available)
        throw rejected(
          'refund-rejected',
          `The customer has ${fmt(available, input.currency)} of credit on account; ${fmt(input.amount, input.currency)} cannot be refunded.`,
          [
            {
              path: 'amount',
              message: `is more than the customer's ${input.currency} credit on account (${fmt(available, input.currency)})`,
            },
          ],
        );
      rows = await drawCredit(
        tx,
        customerId,
        input.currency,
        [{ targetType: 'refund', targetId: id, amount: input.amount }],
        input.date,
      );
    }
    const refund: RefundRow = {
      id,
      customer_id: customerId,
      amount: input.amount,
      currency: input.currency,
      method: input.method,
      date: input.date,
      reference: input.reference,
      notes: input.notes,
      created_at: tx.now,
      created_by: actorId(actor),
    };
    await store.insertRefund(tx.db, refund);
    const result = toRefund(refund, rows);
    tx.audit({ action: 'refund.recorded', entityType: 'refund', entityId: id, after: result });
    await tx.emit({
      type: 'refund.recorded',
      aggregateType: 'refund',
      aggregateId: id,
      payload: { refundId: id, customerId, amount: input.amount, currency: input.currency },
    });
    await tx.emit(appliedEvent(customerId, input.currency, rows));
    return result;
  });
}

export async function writeOffTolerance(ctx: AppContext | { db: AppContext['db'] }, currency: string) {
  const configured = await store.findTolerance(ctx.db, currency);
  return {
    currency,
    amount: configured ?? defaultWriteOffTolerance(currency),
    configured: configured !== undefined,
  };
}

export async function setWriteOffTolerance(ctx: AppContext, actor: Actor, currency: string, amount: number) {
  return transaction(ctx, actor, async (tx) => {
    const before = await writeOffTolerance(tx, currency);
    await store.upsertTolerance(tx.db, currency, amount, tx.now);
    const after = { currency, amount, configured: true };
    tx.audit({
      action: 'payments.write_off_tolerance_set',
      entityType: 'currency',
      entityId: currency,
      before,
      after,
    });
    return after;
  });
}

export async function listWriteOffTolerances(ctx: AppContext) {
  return store.listTolerances(ctx.db);
}

/**
 * Writes off a small difference: what is left open on an invoice (an under-payment) or what is left
 * unapplied of a payment (an over-payment), up to the currency's tolerance.
 */
export async function writeOff(ctx: AppContext, actor: Actor, input: WriteOffInput) {
  return transaction(ctx, actor, async (tx) => {
    const date = input.date ?? today(ctx);
    let customerId: string;
    let currency: string;
    let amount: number;
    let row: AllocationRow;
    const id = newId('writeOff');
    const checkTolerance = async (value: number, cur: string) => {
      const tolerance = await writeOffTolerance(tx, cur);
      if (value > tolerance.amount)
        throw rejected(
          'above-write-off-tolerance',
          `${fmt(value, cur)} is above the write-off tolerance of ${fmt(tolerance.amount, cur)}; issue a credit note or ask the customer for the difference.`,
          [{ path: 'amount', message: `is above the write-off tolerance of ${fmt(tolerance.amount, cur)}` }],
        );
    };
    if (input.invoiceId) {
      const item = await getOpenItem(tx.db, input.invoiceId);
      if (item?.kind !== 'invoice' || item.openAmount <= 0)
        throw rejected('write-off-rejected', `"${input.invoiceId}" is not an invoice with an open amount.`, [
          { path: 'invoiceId', message: 'is not an invoice with an open amount' },
        ]);
      customerId = item.customerId;
      currency = item.currency;
      amount = input.amount ?? item.openAmount;
      if (amount > item.openAmount)
        throw rejected(
          'write-off-rejected',
          `Invoice ${item.number} has only ${fmt(item.openAmount, currency)} open.`,
          [
            {
              path: 'amount',
              message: `is more than the invoice's open amount (${fmt(item.openAmount, currency)})`,
            },
          ],
        );
      await checkTolerance(amount, currency);
      row = allocationRow(tx, {
        customerId,
        sourceType: 'write_off',
        sourceId: id,
        targetType: 'invoice',
        targetId: item.id,
        amount,
        currency,
        date,
      });
      await settle(tx, { documentId: item.id, allocationId: row.id, amount, currency, date });
    } else {
      const payment = await store.findPayment(tx.db, input.paymentId!);
      if (!payment) throw notFound('payment', input.paymentId!);
      if (payment.status === 'reversed' || payment.unapplied_amount <= 0)
        throw rejected('write-off-rejected', `Payment ${payment.id} has nothing unapplied to write off.`, [
          {
            path: 'paymentId',
            message: payment.status === 'reversed' ? 'is reversed' : 'has nothing unapplied',
          },
        ]);
      customerId = payment.customer_id;
      currency = payment.currency;
      amount = input.amount ?? payment.unapplied_amount;
      if (amount > payment.unapplied_amount)
        throw rejected(
          'write-off-rejected',
          `Payment ${payment.id} has only ${fmt(payment.unapplied_amount, currency)} unapplied.`,
          [
            {
              path: 'amount',
              message: `is more than the payment's unapplied amount (${fmt(payment.unapplied_amount, currency)})`,
            },
          ],
        );
      await checkTolerance(amount, currency);
      if (!(await store.takeUnapplied(tx.db, payment.id, amount, tx.now)))
        throw guardFailed(`The unapplied amount of payment ${payment.id}`);
      row = allocationRow(tx, {
        customerId,
        sourceType: 'payment',
        sourceId: payment.id,
        targetType: 'write_off',
        targetId: id,
        amount,
        currency,
        date,
      });
    }
    const writeOffRow: WriteOffRow = {
      id,
      customer_id: customerId,
      kind: input.invoiceId ? 'invoice' : 'payment',
      document_id: (input.invoiceId ?? input.paymentId)!,
      amount,
      currency,
      date,
      reason: input.reason,
      created_at: tx.now,
      created_by: actorId(actor),
    };
    await store.insertWriteOff(tx.db, writeOffRow);
    await store.insertAllocations(tx.db, [row]);
    const result = toWriteOff(writeOffRow, row);
    tx.audit({ action: 'write_off.recorded', entityType: 'write_off', entityId: id, after: result });
    await tx.emit(appliedEvent(customerId, currency, [row]));
    return result;
  });
}

export async function customerCredits(ctx: AppContext, customerId: string) {
  await requireCustomer(ctx, customerId, 'customerId');
  const credits = await store.openCredits(ctx.db, customerId);
  const totals = new Map<string, number>();
  for (const c of credits) totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.remaining_amount);
  return {
    customerId,
    totals: [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => ({ currency, amount })),
    credits: credits.map(toCredit),
  };
}

/** What the customer owes, per currency, from the maintained open amounts (invoices, credit notes, payments, credits, charges). */
export async function customerBalance(ctx: AppContext, customerId: string) {
  await requireCustomer(ctx, customerId, 'customerId');
  const [items, records] = await Promise.all([
    listOpenItems(ctx.db, { customerId }),
    store.customerRecords(ctx.db, customerId),
  ]);
  const parts = new Map<
    string,
    {
      openInvoices: number;
      openCreditNotes: number;
      unappliedPayments: number;
      customerCredit: number;
      openCharges: number;
    }
  >();
  const of = (currency: string) => {
    let p = parts.get(currency);
    if (!p) {
      p = { openInvoices: 0, openCreditNotes: 0, unappliedPayments: 0, customerCredit: 0, openCharges: 0 };
      parts.set(currency, p);
    }
    return p;
  };
  for (const item of items) {
    if (item.kind === 'invoice') of(item.currency).openInvoices += item.openAmount;
    else of(item.currency).openCreditNotes += item.openAmount;
  }
  for (const p of records.payments)
    if (p.status === 'received') of(p.currency).unappliedPayments += p.unapplied_amount;
  for (const c of records.credits) of(c.currency).customerCredit += c.remaining_amount;
  for (const c of records.charges) if (!c.invoiced_document_id) of(c.currency).openCharges += c.amount;
  return {
    customerId,
    currencies: [...parts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, p]) => ({ currency, ...p, balance: balanceOf(p) })),
  };
}

const METHOD_LABEL: Record<string, string> = {
  bank_transfer: 'Bank transfer',
  cheque: 'Cheque',
  card: 'Card payment',
  online: 'Online payment',
  cash: 'Cash',
};

/**
 * The customer's ledger: every issued or void document (from invoicing, including those closed without
 * any allocation of ours, e.g. voided by a full credit note), payments and their reversals, refunds,
 * write-offs and fees, in date order with a running balance per currency.
 */
export async function customerLedger(
  ctx: AppContext,
  customerId: string,
  filter: { currency?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  await requireCustomer(ctx, customerId, 'customerId');
  const all = await ledgerLines(ctx.db, customerId, filter.currency);
  const inRange = (l: LedgerLine) =>
    (!filter.from || l.date >= filter.from) && (!filter.to || l.date <= filter.to);
  const lines = all.filter(inRange);
  const currencies = new Set(all.map((l) => l.currency));
  const single = filter.currency ?? (currencies.size === 1 ? [...currencies][0]! : null);
  let opening: number | null = null;
  let closing: number | null = null;
  if (single) {
    opening = filter.from ? balanceBefore(all, filter.from) : 0;
    closing = filter.to ? balanceBefore(all, addDays(filter.to, 1)) : balanceBefore(all, null);
  }
  return {
    customerId,
    currency: single,
    from: filter.from ?? null,
    to: filter.to ?? null,
    openingBalance: opening,
    closingBalance: closing,
    lines,
  };
}

/** The running balance of a one-currency ledger before `date` (null: after the last line). */
export function balanceBefore(lines: readonly LedgerLine[], date: string | null): number {
  let balance = 0;
  for (const l of lines) {
    if (date !== null && l.date >= date) break;
    balance = l.balance;
  }
  return balance;
}

/** The whole ledger of a customer (optionally one currency), oldest first, with running balances. */
export async function ledgerLines(
  db: AppContext['db'],
  customerId: string,
  currency?: string | undefined,
): Promise<LedgerLine[]> {
  const [documents, records, allocations] = await Promise.all([
    listDocuments(db, { customerId, currency }),
    store.customerRecords(db, customerId),
    store.customerAllocations(db, customerId),
  ]);
  const numbers = new Map(documents.map((d) => [d.id, d.number]));
  const movements: LedgerMovement[] = [];
  for (const d of documents) {
    const credited = d.relatedInvoiceId ? numbers.get(d.relatedInvoiceId) : undefined;
    movements.push({
      date: d.issueDate,
      kind: d.kind,
      id: d.id,
      reference: d.number,
      description:
        d.kind === 'invoice'
          ? `Invoice ${d.number}, due ${d.dueDate}${d.status === 'void' ? ' (void: credited in full)' : ''}`
          : `Credit note ${d.number}${credited ? ` for invoice ${credited}` : ''}`,
      currency: d.currency,
      amount: d.kind === 'invoice' ? d.grossTotal : -d.grossTotal,
      detail:
        d.kind === 'invoice'
          ? { dueDate: d.dueDate, void: d.status === 'void' }
          : credited
            ? { creditedNumber: credited }
            : {},
    });
  }
  const paymentRefs = new Map<string, string | null>();
  const chequeNumbers = new Map(records.payments.map((p) => [p.id, p.cheque_number]));
  for (const p of records.payments) {
    const ref = p.cheque_number
      ? `cheque ${p.cheque_number}`
      : (p.reference ?? p.bank_reference ?? p.provider_reference ?? p.receipt_number);
    paymentRefs.set(p.id, ref);
    movements.push({
      date: p.received_date,
      kind: 'payment',
      id: p.id,
      reference: ref,
      description: `${METHOD_LABEL[p.method] ?? p.method}${ref ? ` (${ref})` : ''}`,
      currency: p.currency,
      amount: -p.amount,
      detail: { method: p.method, chequeNumber: p.cheque_number },
    });
    if (p.status === 'reversed') {
      movements.push({
        date: p.reversal_date ?? p.received_date,
        kind: 'payment_reversal',
        id: p.id,
        reference: ref,
        description: `Reversed: ${p.reversal_reason ?? ''}`.trim(),
        currency: p.currency,
        amount: p.amount,
        detail: { method: p.method, chequeNumber: p.cheque_number, text: p.reversal_reason },
      });
    }
  }
  for (const r of records.refunds) {
    movements.push({
      date: r.date,
      kind: 'refund',
      id: r.id,
      reference: r.reference,
      description: `Refund by ${(METHOD_LABEL[r.method] ?? r.method).toLowerCase()}`,
      currency: r.currency,
      amount: r.amount,
      detail: { method: r.method, text: r.notes },
    });
  }
  const writeOffs = new Map(records.writeOffs.map((w) => [w.id, w]));
  for (const a of allocations) {
    // An invoice's remainder written off lowers the balance; a payment's surplus kept raises it (back).
    const w =
      a.source_type === 'write_off'
        ? writeOffs.get(a.source_id)
        : a.target_type === 'write_off'
          ? writeOffs.get(a.target_id)
          : undefined;
    if (!w) continue;
    movements.push({
      date: a.date,
      kind: 'write_off',
      id: w.id,
      reference: numbers.get(w.document_id) ?? w.document_id,
      description: `${a.amount < 0 ? 'Reversed write-off' : 'Write-off'}: ${w.reason}`,
      currency: a.currency,
      amount: a.source_type === 'write_off' ? -a.amount : a.amount,
      detail: { text: w.reason, reversed: a.amount < 0 },
    });
  }
  for (const c of records.charges) {
    if (c.invoiced_document_id) continue;
    movements.push({
      date: c.date,
      kind: 'fee',
      id: c.id,
      // A bounce fee names the payment it follows by that payment's own reference (cheque number…).
      reference: (c.origin_id && paymentRefs.get(c.origin_id)) ?? c.origin_id,
      description: c.description,
      currency: c.currency,
      amount: c.amount,
      detail: { text: c.description, chequeNumber: c.origin_id ? chequeNumbers.get(c.origin_id) : null },
    });
  }
  return buildLedger(currency ? movements.filter((m) => m.currency === currency) : movements);
}
