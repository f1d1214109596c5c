/**
 * Promises to pay: who promised what amount by which date on which invoices. A promise pauses the
 * reminders of each invoice it covers through its date (a `promise` pause per invoice). It is closed
 * once, whoever gets there first (a guarded update from `open`):
 * - kept, as soon as what was paid on its invoices since reaches the amount (payment events), or
 *   when the daily evaluation after its date finds it paid;
 * - broken, by the daily evaluation when its date has passed unpaid: a finance task
 *   (`promise-broken:<id>`) and the pause ends, so follow-up resumes;
 * - cancelled by hand, which ends the pause too.
 * "Today" is always the company's local date.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { addDays, dateInZone } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import type { Page } from '../../platform/http/pagination.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { customerNames, findCustomerIn } from '../customers/index.js';
import { getOpenItem } from '../invoicing/index.js';
import { closeTasks, openTask } from '../worklist/index.js';
import { endPause, startPause } from './pauses.js';
import {
  type CoveredInvoice,
  MAX_PROMISE_DAYS,
  type PromiseChannel,
  type PromiseStatus,
  promiseFaults,
  promiseOutcome,
  promiseProgress,
} from './promises-rules.js';
import * as store from './promises-store.js';

export interface PromiseInvoice {
  invoiceId: string;
  number: string;
  openAtPromise: number;
}

export interface PromiseToPay {
  id: string;
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
  currency: string;
  amount: number;
  promisedDate: string;
  contactName: string;
  channel: PromiseChannel;
  note: string | null;
  status: PromiseStatus;
  /** Paid on the covered invoices since the promise (as last evaluated). */
  paidAmount: number;
  openAtPromise: number;
  invoices: PromiseInvoice[];
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closeReason: string | null;
  taskId: string | null;
}

export interface RecordPromiseInput {
  customerId: string;
  invoiceIds: string[];
  amount: number;
  promisedDate: string;
  contactName: string;
  channel: PromiseChannel;
  note?: string | null | undefined;
}

export const companyToday = (ctx: AppContext, instant: string | Date = ctx.clock.now()): string =>
  dateInZone(new Date(instant), ctx.config.TIMEZONE);

function toPromise(
  row: store.PromiseRow,
  invoices: readonly store.PromiseInvoiceRow[],
  names: ReadonlyMap<string, { code: string; legalName: string }>,
): PromiseToPay {
  const name = names.get(row.customer_id);
  return {
    id: row.id,
    customerId: row.customer_id,
    customerCode: name?.code ?? null,
    customerName: name?.legalName ?? null,
    currency: row.currency,
    amount: Number(row.amount),
    promisedDate: row.promised_date,
    contactName: row.contact_name,
    channel: row.channel as PromiseChannel,
    note: row.note,
    status: row.status as PromiseStatus,
    paidAmount: Number(row.paid_amount),
    openAtPromise: Number(row.open_at_promise),
    invoices: invoices.map((i) => ({
      invoiceId: i.invoice_id,
      number: i.number,
      openAtPromise: Number(i.open_at_promise),
    })),
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    taskId: row.task_id,
  };
}

async function toPromises(db: AnyDb, rows: readonly store.PromiseRow[]): Promise<PromiseToPay[]> {
  const invoices = await store.invoicesOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await customerNames(db, [...new Set(rows.map((r) => r.customer_id))]);
  return rows.map((r) => toPromise(r, invoices.get(r.id) ?? [], names));
}

export async function loadPromise(db: AnyDb, id: string): Promise<PromiseToPay> {
  const row = await store.findPromise(db, id);
  if (!row) throw notFound('promise', id);
  const [promise] = await toPromises(db, [row]);
  return promise!;
}

export const getPromise = (ctx: AppContext, id: string) => loadPromise(ctx.db, id);

export async function listPromises(
  ctx: AppContext,
  filter: {
    status?: PromiseStatus | undefined;
    customerId?: string | undefined;
    invoiceId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<PromiseToPay>> {
  const rows = await store.listPromises(ctx.db, {
    status: filter.status,
    customerId: filter.customerId,
    invoiceId: filter.invoiceId,
    before: decodeCursor<string>(filter.cursor, 'string'),
    limit: filter.limit,
  });
  const page = toPage(
    rows,
    filter.limit,
    (r) => r.id,
    (r) => r,
  );
  return { items: await toPromises(ctx.db, page.items), nextCursor: page.nextCursor };
}

/** Every promise of a customer, newest first (for the timeline). */
export async function promisesOfCustomer(
  db: AnyDb,
  customerId: string,
  limit = 1000,
): Promise<PromiseToPay[]> {
  return toPromises(db, await store.promisesOfCustomer(db, customerId, limit));
}

/**
 * Records a promise and pauses each covered invoice's reminders through the promised date. Every
 * fault is reported at once and nothing is written: a date in the past (company date), an amount that
 * is not positive or above what is open, an invoice that is unknown, paid, another customer's, in
 * another currency, or already under an open promise (409).
 */
export async function recordPromise(
  ctx: AppContext,
  actor: Actor,
  input: RecordPromiseInput,
): Promise<PromiseToPay> {
  return transaction(ctx, actor, async (tx) => {
    const today = companyToday(ctx, tx.now);
    const customer = await findCustomerIn(tx.db, input.customerId);
    if (!customer)
      throw validationError(`No customer with id "${input.customerId}".`, [
        { path: 'customerId', message: 'is not a known customer' },
      ]);
    const found = new Map<string, CoveredInvoice>();
    for (const id of new Set(input.invoiceIds)) {
      const item = await getOpenItem(tx.db, id);
      if (item) found.set(id, item);
    }
    const faults = promiseFaults(input, found, today, addDays(today, MAX_PROMISE_DAYS));
    if (faults.length > 0)
      throw validationError(
        `The promise cannot be recorded: ${faults.map((f) => `${f.path} ${f.message}`).join('; ')}.`,
        faults,
      );
    const clash = await store.openPromiseOnInvoices(tx.db, input.invoiceIds);
    if (clash.length > 0) {
      const first = clash[0]!;
      throw conflict(
        `Invoice ${first.number} is already under an open promise (${first.id}, due ${first.promised_date}); close or cancel it first.`,
        clash.map((c) => ({
          path: `invoiceIds.${input.invoiceIds.indexOf(c.invoice_id)}`,
          message: `${c.number} is under open promise ${c.id}`,
        })),
      );
    }
    const covered = input.invoiceIds.map((id) => found.get(id)!);
    const id = newId('promise');
    const openAtPromise = covered.reduce((sum, i) => sum + i.openAmount, 0);
    const row: store.PromiseRow = {
      id,
      customer_id: customer.id,
      currency: covered[0]!.currency,
      amount: input.amount,
      promised_date: input.promisedDate,
      contact_name: input.contactName,
      channel: input.channel,
      note: input.note ?? null,
      status: 'open',
      open_at_promise: openAtPromise,
      paid_amount: 0,
      created_by: actor.userId ?? actor.id,
      created_by_label: actor.label,
      created_at: tx.now,
      closed_at: null,
      close_reason: null,
      task_id: null,
      updated_at: tx.now,
    };
    await store.insertPromise(
      tx.db,
      row,
      covered.map((i) => ({
        promise_id: id,
        invoice_id: i.id,
        number: i.number,
        open_at_promise: i.openAmount,
      })),
    );
    for (const invoice of covered)
      await startPause(tx, {
        invoiceId: invoice.id,
        kind: 'promise',
        sourceId: id,
        reason: `Promise to pay ${input.amount} ${row.currency} by ${input.promisedDate} (${input.contactName})`,
        // Pauses end the day *after* their `until` date is reached; reminders stay quiet through the promised date.
        until: addDays(input.promisedDate, 1),
        amount: input.amount,
      });
    const promise = await loadPromise(tx.db, id);
    tx.audit({ action: 'promise.recorded', entityType: 'promise', entityId: id, after: promise });
    await tx.emit({
      type: 'promise.recorded',
      aggregateType: 'promise',
      aggregateId: id,
      payload: {
        promiseId: id,
        customerId: customer.id,
        invoiceIds: input.invoiceIds,
        promisedDate: input.promisedDate,
      },
    });
    return promise;
  });
}

/** Cancels an open promise by hand (recorded in error, replaced by a payment plan…); follow-up resumes. */
export async function cancelPromise(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string,
): Promise<PromiseToPay> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findPromise(tx.db, id);
    if (!row) throw notFound('promise', id);
    if (row.status !== 'open')
      throw conflict(`Promise ${id} is ${row.status}; only an open promise can be cancelled.`);
    await close(tx, row, 'cancelled', `Cancelled: ${reason}`, Number(row.paid_amount));
    return loadPromise(tx.db, id);
  });
}

async function close(
  tx: Tx,
  row: store.PromiseRow,
  status: Exclude<PromiseStatus, 'open'>,
  reason: string,
  paid: number,
): Promise<boolean> {
  const closed = await store.closePromise(tx.db, row.id, {
    status,
    closed_at: tx.now,
    close_reason: reason,
    paid_amount: paid,
    updated_at: tx.now,
  });
  if (!closed) return false;
  await endPause(tx, { kind: 'promise', sourceId: row.id }, `Promise ${status}`);
  tx.audit({
    action: `promise.${status}`,
    entityType: 'promise',
    entityId: row.id,
    before: { status: 'open' },
    after: { status, reason, paidAmount: paid },
  });
  await tx.emit({
    type: `promise.${status}`,
    aggregateType: 'promise',
    aggregateId: row.id,
    payload: { promiseId: row.id, customerId: row.customer_id, paidAmount: paid },
  });
  return true;
}

/** How much of an open promise is paid, from its invoices' open amounts now (in the transaction). */
async function progressOf(db: AnyDb, promiseId: string, amount: number) {
  const invoices = (await store.invoicesOf(db, [promiseId])).get(promiseId) ?? [];
  const rows = [];
  for (const i of invoices) {
    const now = await getOpenItem(db, i.invoice_id);
    rows.push({ openAtPromise: Number(i.open_at_promise), openNow: now?.openAmount ?? 0 });
  }
  return { ...promiseProgress(rows, amount), invoices };
}

export type EvaluationOutcome = 'kept' | 'broken' | 'open' | 'already-closed';

/**
 * Evaluates one promise on company date `today` in its own transaction: kept when paid, broken when
 * its date has passed unpaid (a finance task, the pause ended), otherwise the paid amount is updated.
 * Safe to run any number of times and concurrently: only the first close wins.
 */
export async function evaluatePromise(
  ctx: AppContext,
  actor: Actor,
  id: string,
  today: string,
): Promise<EvaluationOutcome> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findPromise(tx.db, id);
    if (row?.status !== 'open') return 'already-closed';
    const amount = Number(row.amount);
    const progress = await progressOf(tx.db, id, amount);
    const outcome = promiseOutcome(row.promised_date, progress.fulfilled, today);
    if (outcome === 'open') {
      if (progress.paid !== Number(row.paid_amount)) await store.setPaid(tx.db, id, progress.paid, tx.now);
      return 'open';
    }
    if (outcome === 'kept') {
      const done = await close(
        tx,
        row,
        'kept',
        `Paid ${progress.paid} ${row.currency} of ${amount} promised`,
        progress.paid,
      );
      return done ? 'kept' : 'already-closed';
    }
    const done = await close(
      tx,
      row,
      'broken',
      `Not paid by ${row.promised_date}: ${progress.paid} of ${amount} ${row.currency} paid`,
      progress.paid,
    );
    if (!done) return 'already-closed';
    const numbers = progress.invoices.map((i) => i.number).join(', ');
    const task = await openTask(tx, {
      dedupeKey: `promise-broken:${id}`,
      kind: 'broken_promise',
      department: 'finance',
      title: `Broken promise: ${row.contact_name} (${numbers})`,
      reason: `${row.contact_name} promised ${amount} ${row.currency} by ${row.promised_date} (${row.channel}); ${progress.paid} paid. Reminders have resumed.`,
      recordType: 'invoice',
      recordId: progress.invoices[0]?.invoice_id ?? id,
      customerId: row.customer_id,
      priority: 'high',
      dueDate: today,
    });
    await store.setTask(tx.db, id, task.id);
    return 'broken';
  });
}

/**
 * The daily evaluation: every open promise whose date is before `today` (company date) is closed as
 * kept or broken. Returns the counts. Costs what is due (the (status, promised_date) index).
 */
export async function evaluateDuePromises(
  ctx: AppContext,
  actor: Actor,
  today: string = companyToday(ctx),
): Promise<{ kept: number; broken: number }> {
  const counts = { kept: 0, broken: 0 };
  const done = new Set<string>();
  for (;;) {
    const ids = (await store.duePromiseIds(ctx.db, today, 200)).filter((id) => !done.has(id));
    if (ids.length === 0) return counts;
    for (const id of ids) {
      done.add(id);
      const outcome = await evaluatePromise(ctx, actor, id, today);
      if (outcome === 'kept') counts.kept++;
      if (outcome === 'broken') counts.broken++;
    }
  }
}

/**
 * A payment touched these invoices (payment.applied / invoice.paid, delivered at least once): open
 * promises on them are re-evaluated on the company date of the payment — kept once paid — and the
 * broken-promise tasks of invoices now fully paid are closed. Idempotent.
 */
export async function onInvoicesPaid(
  ctx: AppContext,
  actor: Actor,
  invoiceIds: readonly string[],
  paidOn: string,
) {
  for (const id of await store.openPromiseIdsOnInvoices(ctx.db, invoiceIds))
    await evaluatePromise(ctx, actor, id, paidOn);
  const broken = await store.brokenPromiseIdsOnInvoices(ctx.db, invoiceIds);
  if (broken.length === 0) return;
  await transaction(ctx, actor, async (tx) => {
    for (const id of broken) {
      const progress = await progressOf(tx.db, id, Number.MAX_SAFE_INTEGER);
      if (progress.fulfilled)
        await closeTasks(tx, { dedupeKey: `promise-broken:${id}` }, 'The invoices are paid');
    }
  });
}
