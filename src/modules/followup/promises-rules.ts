/**
 * Pure rules for promises to pay (no I/O): what a valid promise is, how much of it has been paid,
 * and whether it is kept, broken or still open on a given company date.
 */
import type { FieldError } from '../../platform/errors.js';

export const PROMISE_CHANNELS = ['call', 'email', 'portal', 'other'] as const;
export type PromiseChannel = (typeof PROMISE_CHANNELS)[number];

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** How far ahead a promise may be dated: a promise further out is a payment plan, not a promise. */
export const MAX_PROMISE_DAYS = 366;

/** What a promise's invoices look like when it is made (from invoicing's open items). */
export interface CoveredInvoice {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  customerId: string;
  currency: string;
  openAmount: number;
}

export interface PromiseDraft {
  customerId: string;
  amount: number;
  promisedDate: string;
  invoiceIds: readonly string[];
}

/**
 * Every fault of a promise before anything is written: unknown, foreign, paid or mixed-currency
 * invoices, an amount that is not positive or above what is open, a date in the past or too far out.
 * `invoices` holds the open items found for `draft.invoiceIds` (missing ones are absent).
 */
export function promiseFaults(
  draft: PromiseDraft,
  invoices: ReadonlyMap<string, CoveredInvoice>,
  today: string,
  lastDate: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isSafeInteger(draft.amount) || draft.amount <= 0)
    errors.push({ path: 'amount', message: 'must be a positive amount in minor units' });
  if (draft.promisedDate < today)
    errors.push({ path: 'promisedDate', message: `is in the past (today is ${today})` });
  else if (draft.promisedDate > lastDate)
    errors.push({ path: 'promisedDate', message: `must be on or before ${lastDate}` });
  const seen = new Set<string>();
  let currency: string | null = null;
  let open = 0;
  for (const [i, id] of draft.invoiceIds.entries()) {
    const path = `invoiceIds.${i}`;
    const invoice = invoices.get(id);
    if (seen.has(id)) {
      errors.push({ path, message: 'is listed twice' });
      continue;
    }
    seen.add(id);
    if (invoice?.kind !== 'invoice') {
      errors.push({ path, message: 'is not an issued invoice' });
      continue;
    }
    if (invoice.customerId !== draft.customerId) {
      errors.push({ path, message: `${invoice.number} belongs to another customer` });
      continue;
    }
    if (invoice.openAmount <= 0) {
      errors.push({ path, message: `${invoice.number} is paid` });
      continue;
    }
    if (currency !== null && invoice.currency !== currency) {
      errors.push({
        path,
        message: `${invoice.number} is in ${invoice.currency}, the others in ${currency}`,
      });
      continue;
    }
    currency = invoice.currency;
    open += invoice.openAmount;
  }
  if (draft.invoiceIds.length === 0)
    errors.push({ path: 'invoiceIds', message: 'needs at least one invoice' });
  if (errors.length === 0 && draft.amount > open)
    errors.push({ path: 'amount', message: `is more than the ${open} open on the invoices` });
  return errors;
}

/** A covered invoice then and now. */
export interface InvoiceProgress {
  openAtPromise: number;
  openNow: number;
}

/**
 * What has been paid towards a promise: the fall of each covered invoice's open amount since the
 * promise (a reopened invoice counts as nothing paid, never as negative). Fulfilled when that reaches
 * the promised amount or nothing is left open on its invoices.
 */
export function promiseProgress(
  invoices: readonly InvoiceProgress[],
  amount: number,
): { paid: number; fulfilled: boolean } {
  let paid = 0;
  let openNow = 0;
  for (const i of invoices) {
    paid += Math.max(0, i.openAtPromise - i.openNow);
    openNow += Math.max(0, i.openNow);
  }
  return { paid, fulfilled: paid >= amount || openNow === 0 };
}

/**
 * The outcome of an open promise on company date `today`: kept when fulfilled, broken once its date
 * has passed unfulfilled, otherwise still open. A promise paid after its date but before it was
 * evaluated counts as kept: the money came, and chasing a paid invoice helps nobody.
 */
export function promiseOutcome(promisedDate: string, fulfilled: boolean, today: string): PromiseStatus {
  if (fulfilled) return 'kept';
  return today > promisedDate ? 'broken' : 'open';
}
