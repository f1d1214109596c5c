/**
 * Manual snoozes: a finance user stops an invoice's reminders until a date, with a reason (a `snooze`
 * pause whose source is the snooze record), and may end it early. Follow-up resumes on the `until`
 * date by itself. One snooze at a time per invoice.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { decodeCursor, type Page, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { customerNames } from '../customers/index.js';
import { getOpenItem } from '../invoicing/index.js';
import { endPause, startPause } from './pauses.js';
import { companyToday } from './promises.js';
import * as store from './snooze-store.js';

/** The longest snooze: beyond that, exclude the customer from follow-up instead. */
export const MAX_SNOOZE_DAYS = 180;

export interface Snooze {
  id: string;
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string | null;
  reason: string;
  /** Reminders resume on this date. */
  until: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

const toSnooze = (
  row: store.SnoozeRow,
  today: string,
  names: ReadonlyMap<string, { code: string; legalName: string }>,
): Snooze => ({
  id: row.id,
  invoiceId: row.invoice_id,
  number: row.number,
  customerId: row.customer_id,
  customerName: names.get(row.customer_id)?.legalName ?? null,
  reason: row.reason,
  until: row.until,
  active: row.ended_at === null && row.until > today,
  createdBy: row.created_by_label,
  createdAt: row.created_at,
  endedAt: row.ended_at,
  endedBy: row.ended_by_label,
  endReason: row.end_reason,
});

async function toSnoozes(ctx: AppContext, db: AnyDb, rows: readonly store.SnoozeRow[]): Promise<Snooze[]> {
  const names = await customerNames(db, [...new Set(rows.map((r) => r.customer_id))]);
  const today = companyToday(ctx);
  return rows.map((r) => toSnooze(r, today, names));
}

export async function snoozeInvoice(
  ctx: AppContext,
  actor: Actor,
  invoiceId: string,
  input: { reason: string; until: string },
): Promise<Snooze> {
  return transaction(ctx, actor, async (tx) => {
    const today = companyToday(ctx, tx.now);
    const invoice = await getOpenItem(tx.db, invoiceId);
    if (invoice?.kind !== 'invoice') throw notFound('invoice', invoiceId);
    const errors = [];
    if (invoice.openAmount <= 0) errors.push({ path: 'invoiceId', message: `${invoice.number} is paid` });
    if (input.until <= today) errors.push({ path: 'until', message: `must be after today (${today})` });
    else if (input.until > addDays(today, MAX_SNOOZE_DAYS))
      errors.push({ path: 'until', message: `must be on or before ${addDays(today, MAX_SNOOZE_DAYS)}` });
    if (errors.length > 0)
      throw validationError(
        `Invoice ${invoice.number} cannot be snoozed: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
        errors,
      );
    const existing = await store.activeSnoozeOf(tx.db, invoiceId, today);
    if (existing)
      throw conflict(
        `Invoice ${invoice.number} is already snoozed until ${existing.until} (${existing.id}); end that snooze first.`,
      );
    const id = newId('followup_pause');
    const row: store.SnoozeRow = {
      id,
      invoice_id: invoiceId,
      number: invoice.number,
      customer_id: invoice.customerId,
      reason: input.reason,
      until: input.until,
      created_by: actor.userId ?? actor.id,
      created_by_label: actor.label,
      created_at: tx.now,
      ended_at: null,
      ended_by_label: null,
      end_reason: null,
    };
    await store.insertSnooze(tx.db, row);
    await startPause(tx, {
      invoiceId,
      kind: 'snooze',
      sourceId: id,
      reason: input.reason,
      until: input.until,
    });
    tx.audit({
      action: 'followup.snoozed',
      entityType: 'invoice',
      entityId: invoiceId,
      after: { snoozeId: id, reason: input.reason, until: input.until },
    });
    const [snooze] = await toSnoozes(ctx, tx.db, [row]);
    return snooze!;
  });
}

/** Ends a snooze before its date: reminders resume with the next run. Ending an ended snooze is a 409. */
export async function endSnooze(
  ctx: AppContext,
  actor: Actor,
  id: string,
  reason: string | null,
): Promise<Snooze> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findSnooze(tx.db, id);
    if (!row) throw notFound('snooze', id);
    const today = companyToday(ctx, tx.now);
    if (row.ended_at !== null || row.until <= today)
      throw conflict(
        `The snooze of ${row.number} has already ended (${row.ended_at ? row.ended_at.slice(0, 10) : row.until}).`,
      );
    const endReason = reason?.trim() || 'Ended early';
    await store.endSnooze(tx.db, id, {
      ended_at: tx.now,
      ended_by_label: actor.label,
      end_reason: endReason,
    });
    await endPause(tx, { kind: 'snooze', sourceId: id }, endReason);
    tx.audit({
      action: 'followup.snooze_ended',
      entityType: 'invoice',
      entityId: row.invoice_id,
      before: { snoozeId: id, until: row.until },
      after: { endedAt: tx.now, reason: endReason },
    });
    const after = await store.findSnooze(tx.db, id);
    const [snooze] = await toSnoozes(ctx, tx.db, [after!]);
    return snooze!;
  });
}

export async function listSnoozes(
  ctx: AppContext,
  filter: {
    invoiceId?: string | undefined;
    customerId?: string | undefined;
    active?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<Snooze>> {
  const rows = await store.listSnoozes(ctx.db, {
    invoiceId: filter.invoiceId,
    customerId: filter.customerId,
    activeOn: filter.active ? companyToday(ctx) : undefined,
    before: decodeCursor<string>(filter.cursor, 'string'),
    limit: filter.limit,
  });
  const page = toPage(
    rows,
    filter.limit,
    (r) => r.id,
    (r) => r,
  );
  return { items: await toSnoozes(ctx, ctx.db, page.items), nextCursor: page.nextCursor };
}

/** A customer's snoozes, newest first (for the timeline). */
export async function snoozesOfCustomer(
  ctx: AppContext,
  customerId: string,
  limit = 1000,
): Promise<Snooze[]> {
  return toSnoozes(ctx, ctx.db, (await store.listSnoozes(ctx.db, { customerId, limit })).slice(0, limit));
}
