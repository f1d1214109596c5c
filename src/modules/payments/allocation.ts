/**
 * Allocation inside a transaction: the building blocks every use case shares. Each writes allocation
 * rows and moves the matching amounts (payment unapplied, credit remaining, invoicing's open amounts)
 * in the caller's transaction, guarded so that nothing is ever over-applied.
 */
import type { Tx } from '../../platform/db/transaction.js';
import { conflict, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getOpenItem, listOpenItems, type OpenItem, settle, unsettle } from '../invoicing/index.js';
import { allocationRow, fmt, rejected } from './common.js';
import { planAllocation } from './rules.js';
import type { AllocationRow, PaymentRow } from './store.js';
import * as store from './store.js';

export interface Share {
  invoiceId: string;
  amount: number;
}

/**
 * Checks requested shares against the invoices (exist, are invoices of this customer in this currency,
 * have that much open) and against what is available; every fault is reported on its field at once.
 */
export async function checkShares(
  tx: Tx,
  shares: readonly Share[],
  owner: { customerId: string; currency: string; available: number; availableLabel: string },
  path = 'allocations',
): Promise<OpenItem[]> {
  const errors: FieldError[] = [];
  const items: OpenItem[] = [];
  for (const [i, share] of shares.entries()) {
    const item = await getOpenItem(tx.db, share.invoiceId);
    if (item?.kind !== 'invoice') {
      errors.push({
        path: `${path}.${i}.invoiceId`,
        message: 'is not an issued invoice with an open amount',
      });
      continue;
    }
    items.push(item);
    if (item.customerId !== owner.customerId) {
      errors.push({
        path: `${path}.${i}.invoiceId`,
        message: `belongs to another customer (${item.customerId})`,
      });
    } else if (item.currency !== owner.currency) {
      errors.push({
        path: `${path}.${i}.invoiceId`,
        message: `is in ${item.currency}, not in ${owner.currency} (currency mismatch)`,
      });
    } else if (share.amount > item.openAmount) {
      errors.push({
        path: `${path}.${i}.amount`,
        message: `is more than the open amount of invoice ${item.number} (${fmt(item.openAmount, item.currency)})`,
      });
    }
  }
  const total = shares.reduce((s, x) => s + x.amount, 0);
  if (total > owner.available) {
    errors.push({
      path,
      message: `add up to ${fmt(total, owner.currency)}, more than the ${owner.availableLabel} (${fmt(owner.available, owner.currency)})`,
    });
  }
  if (errors.length > 0) {
    throw rejected(
      'allocation-rejected',
      `The allocation cannot be made: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      errors,
    );
  }
  return items;
}

/** Open invoices of the customer in the currency, oldest due first (invoicing's order). */
export const oldestDueFirst = (tx: Tx, customerId: string, currency: string) =>
  listOpenItems(tx.db, { customerId, currency, kind: 'invoice' });

export const guardFailed = (what: string) =>
  conflict(
    `${what} changed meanwhile (another allocation came first); nothing was changed — reload and retry.`,
  );

/** Applies a received payment to invoices; `payment` must be fresh from this transaction. */
export async function applyPayment(
  tx: Tx,
  payment: PaymentRow,
  shares: readonly Share[],
  date: string,
): Promise<AllocationRow[]> {
  const total = shares.reduce((s, x) => s + x.amount, 0);
  if (total === 0) return [];
  if (!(await store.takeUnapplied(tx.db, payment.id, total, tx.now)))
    throw guardFailed(`The unapplied amount of payment ${payment.id}`);
  const rows: AllocationRow[] = [];
  for (const share of shares) {
    const row = allocationRow(tx, {
      customerId: payment.customer_id,
      sourceType: 'payment',
      sourceId: payment.id,
      targetType: 'invoice',
      targetId: share.invoiceId,
      amount: share.amount,
      currency: payment.currency,
      date,
    });
    await settle(tx, {
      documentId: share.invoiceId,
      allocationId: row.id,
      amount: share.amount,
      currency: payment.currency,
      date,
    });
    rows.push(row);
  }
  await store.insertAllocations(tx.db, rows);
  return rows;
}

/** Puts `amount` of a payment on the customer's account as a new credit. */
export async function paymentToCredit(
  tx: Tx,
  payment: PaymentRow,
  amount: number,
  date: string,
): Promise<AllocationRow | null> {
  if (amount <= 0) return null;
  if (!(await store.takeUnapplied(tx.db, payment.id, amount, tx.now)))
    throw guardFailed(`The unapplied amount of payment ${payment.id}`);
  const creditId = newId('customerCredit');
  await store.insertCredit(tx.db, {
    id: creditId,
    customer_id: payment.customer_id,
    currency: payment.currency,
    origin_type: 'payment',
    origin_id: payment.id,
    amount,
    remaining_amount: amount,
    date,
    created_at: tx.now,
  });
  const row = allocationRow(tx, {
    customerId: payment.customer_id,
    sourceType: 'payment',
    sourceId: payment.id,
    targetType: 'customer_credit',
    targetId: creditId,
    amount,
    currency: payment.currency,
    date,
  });
  await store.insertAllocations(tx.db, [row]);
  return row;
}

/**
 * Uses the customer's credit on account (oldest credit first) for the given targets. Each target takes
 * from one or several credits; invoices are settled through invoicing.
 */
export async function drawCredit(
  tx: Tx,
  customerId: string,
  currency: string,
  targets: readonly { targetType: 'invoice' | 'refund'; targetId: string; amount: number }[],
  date: string,
): Promise<AllocationRow[]> {
  const credits = await store.openCredits(tx.db, customerId, currency);
  const rows: AllocationRow[] = [];
  let index = 0;
  for (const target of targets) {
    let need = target.amount;
    while (need > 0) {
      const credit = credits[index];
      if (!credit) throw guardFailed(`The credit on account of customer ${customerId}`);
      const take = Math.min(need, credit.remaining_amount);
      if (take === 0) {
        index++;
        continue;
      }
      if (!(await store.changeCredit(tx.db, credit.id, -take)))
        throw guardFailed(`Customer credit ${credit.id}`);
      credit.remaining_amount -= take;
      need -= take;
      const row = allocationRow(tx, {
        customerId,
        sourceType: 'customer_credit',
        sourceId: credit.id,
        targetType: target.targetType,
        targetId: target.targetId,
        amount: take,
        currency,
        date,
      });
      if (target.targetType === 'invoice') {
        await settle(tx, { documentId: target.targetId, allocationId: row.id, amount: take, currency, date });
      }
      rows.push(row);
    }
  }
  await store.insertAllocations(tx.db, rows);
  return rows;
}

/** Auto-allocation shares for an amount: the given candidates in order, each up to its open amount. */
export function sharesFor(available: number, items: readonly OpenItem[]): Share[] {
  return planAllocation(
    available,
    items.map((i) => ({ id: i.id, openAmount: i.openAmount })),
  ).shares.map((s) => ({ invoiceId: s.id, amount: s.amount }));
}

/**
 * Writes the reversing row of a live allocation and undoes its effect on the target: an invoice is
 * re-opened (unsettle), a credit drawn from the source is given back. Used by payment reversal.
 */
export async function reverseAllocation(tx: Tx, row: AllocationRow, date: string): Promise<AllocationRow> {
  const reversing = allocationRow(tx, {
    customerId: row.customer_id,
    sourceType: row.source_type,
    sourceId: row.source_id,
    targetType: row.target_type,
    targetId: row.target_id,
    amount: -row.amount,
    currency: row.currency,
    date,
    reversesId: row.id,
  });
  if (row.target_type === 'invoice') {
    await unsettle(tx, {
      documentId: row.target_id,
      allocationId: reversing.id,
      amount: row.amount,
      currency: row.currency,
      date,
    });
  }
  if (row.source_type === 'customer_credit') {
    if (!(await store.changeCredit(tx.db, row.source_id, row.amount)))
      throw guardFailed(`Customer credit ${row.source_id}`);
  }
  await store.insertAllocations(tx.db, [reversing]);
  return reversing;
}
