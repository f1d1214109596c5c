/**
 * Follow-up items: one per issued invoice, kept in step with invoicing by events (issued → item;
 * paid, voided → closed; reopened → followed again from its current step; a partial payment changes
 * nothing: follow-up continues from the current step). Every function is idempotent, so an event
 * delivered twice changes nothing more.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { releaseHold } from '../credit/index.js';
import { getOpenItem, openDocuments } from '../invoicing/index.js';
import { closeTasks } from '../worklist/index.js';
import { stepsOf } from './policies.js';
import { nextDateAfter } from './rules.js';
import type { FollowupTables, ItemRow } from './tables.js';

const q = (db: AnyDb): Kysely<FollowupTables> => tables<FollowupTables>(db);

export const taskKeyPrefix = (invoiceId: string) => `followup:${invoiceId}:`;
export const holdSourceKey = (invoiceId: string) => `followup:${invoiceId}`;

/** The policy each customer follows: their own, else the default; null when excluded. */
export async function policiesOfCustomers(
  db: AnyDb,
  customerIds: readonly string[],
): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const fallback =
    (await q(db).selectFrom('followup_policies').select('id').where('is_default', '=', 1).executeTakeFirst())
      ?.id ?? null;
  const unique = [...new Set(customerIds)];
  for (const id of unique) result.set(id, fallback);
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await q(db)
      .selectFrom('followup_customer_settings')
      .selectAll()
      .where('customer_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const row of rows)
      result.set(row.customer_id, Number(row.excluded) === 1 ? null : (row.policy_id ?? fallback));
  }
  return result;
}

/** Brings the item of one invoice in line with the invoice (create, close, reopen). Idempotent. */
export async function syncInvoice(
  tx: Tx,
  invoiceId: string,
  kind: 'invoice' | 'fee' = 'invoice',
): Promise<void> {
  const open = await getOpenItem(tx.db, invoiceId);
  if (open && open.kind !== 'invoice') return;
  const item = await q(tx.db)
    .selectFrom('followup_items')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  if (!open || open.openAmount <= 0) {
    if (item && item.closed_at === null) await closeItem(tx, item, open ? 'settled' : 'gone');
    return;
  }
  if (!item) {
    const isFee = await q(tx.db)
      .selectFrom('followup_actions')
      .select('id')
      .where('fee_invoice_id', '=', invoiceId)
      .executeTakeFirst();
    const policyId = (await policiesOfCustomers(tx.db, [open.customerId])).get(open.customerId) ?? null;
    const steps = policyId ? ((await stepsOf(tx.db, [policyId])).get(policyId) ?? []) : [];
    await q(tx.db)
      .insertInto('followup_items')
      .values({
        invoice_id: invoiceId,
        customer_id: open.customerId,
        currency: open.currency,
        due_date: open.dueDate,
        kind: isFee ? 'fee' : kind,
        policy_id: policyId,
        current_step: 0,
        next_date: policyId ? nextDateAfter(steps, open.dueDate, 0) : null,
        last_run_on: null,
        closed_at: null,
        closed_reason: null,
        created_at: tx.now,
        updated_at: tx.now,
      })
      .onConflict((oc) => oc.column('invoice_id').doNothing())
      .execute();
    return;
  }
  if (item.closed_at !== null) {
    await q(tx.db)
      .updateTable('followup_items')
      .set({ closed_at: null, closed_reason: null, updated_at: tx.now })
      .where('invoice_id', '=', invoiceId)
      .execute();
    await rescheduleItems(tx, { invoiceId });
  }
}

/** Closes an item: no more reminders; its follow-up tasks are closed and the hold its step placed is released. */
export async function closeItem(tx: Tx, item: ItemRow, reason: string): Promise<void> {
  await q(tx.db)
    .updateTable('followup_items')
    .set({ closed_at: tx.now, closed_reason: reason, next_date: null, updated_at: tx.now })
    .where('invoice_id', '=', item.invoice_id)
    .where('closed_at', 'is', null)
    .execute();
  await closeTasks(tx, { dedupeKeyPrefix: taskKeyPrefix(item.invoice_id) }, `Invoice ${reason}`);
  await releaseHold(
    tx,
    { customerId: item.customer_id, cause: 'policy_step', sourceKey: holdSourceKey(item.invoice_id) },
    `Invoice ${reason}`,
  );
}

export type RescheduleFilter =
  | { policyId: string }
  | { customerId: string }
  | { invoiceId: string }
  /** The default policy changed: items of customers without their own policy move to the new one. */
  | { defaultChangedFrom: string };

/**
 * Recomputes the policy and next date of the open items a change affects (a policy edited, a customer's
 * policy or exclusion changed, the default moved). Progress is kept: the next step is the first one after
 * the item's current step. Costs what it touches, never the whole table.
 */
export async function rescheduleItems(tx: Tx, filter: RescheduleFilter): Promise<number> {
  let query = q(tx.db).selectFrom('followup_items').selectAll().where('closed_at', 'is', null);
  if ('policyId' in filter) query = query.where('policy_id', '=', filter.policyId);
  else if ('customerId' in filter) query = query.where('customer_id', '=', filter.customerId);
  else if ('invoiceId' in filter) query = query.where('invoice_id', '=', filter.invoiceId);
  else
    query = query
      .where('policy_id', '=', filter.defaultChangedFrom)
      .where('customer_id', 'not in', (eb) =>
        eb.selectFrom('followup_customer_settings').select('customer_id').where('policy_id', 'is not', null),
      );
  const items = await query.execute();
  if (items.length === 0) return 0;
  const policies = await policiesOfCustomers(
    tx.db,
    items.map((i) => i.customer_id),
  );
  const steps = await stepsOf(tx.db, [
    ...new Set([...policies.values()].filter((p): p is string => p !== null)),
  ]);
  let changed = 0;
  for (const item of items) {
    const policyId = policies.get(item.customer_id) ?? null;
    const nextDate = policyId
      ? nextDateAfter(steps.get(policyId) ?? [], item.due_date, Number(item.current_step))
      : null;
    if (policyId === item.policy_id && nextDate === item.next_date) continue;
    await q(tx.db)
      .updateTable('followup_items')
      .set({ policy_id: policyId, next_date: nextDate, updated_at: tx.now })
      .where('invoice_id', '=', item.invoice_id)
      .execute();
    changed++;
  }
  return changed;
}

export async function itemsOf(
  db: AnyDb,
  filter: { invoiceId?: string; customerId?: string },
): Promise<ItemRow[]> {
  let query = q(db).selectFrom('followup_items').selectAll();
  if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  return query.orderBy('due_date').orderBy('invoice_id').limit(1000).execute();
}

/**
 * Creates the missing items of every open invoice (invoices issued before follow-up existed, or whose
 * event was lost): pages through invoicing's open documents, 1,000 per transaction. Idempotent; its cost
 * follows the open invoices, so it is a one-off (`duely followup sync`), never part of the daily run.
 */
export async function syncOpenInvoices(
  ctx: AppContext,
  actor: Actor,
  onProgress?: (seen: number, created: number) => void,
): Promise<{ seen: number; created: number }> {
  let after: { dueDate: string; id: string } | undefined;
  let seen = 0;
  let created = 0;
  for (;;) {
    const page = await openDocuments(ctx.db, { kind: 'invoice', limit: 1000, ...(after ? { after } : {}) });
    const rows = page.slice(0, 1000);
    if (rows.length === 0) break;
    created += await transaction(ctx, actor, async (tx) => {
      const existing = new Set(
        (
          await q(tx.db)
            .selectFrom('followup_items')
            .select('invoice_id')
            .where(
              'invoice_id',
              'in',
              rows.map((r) => r.id),
            )
            .execute()
        ).map((r) => r.invoice_id),
      );
      let n = 0;
      for (const row of rows)
        if (!existing.has(row.id)) {
          await syncInvoice(tx, row.id);
          n++;
        }
      return n;
    });
    seen += rows.length;
    onProgress?.(seen, created);
    if (page.length <= 1000) break;
    const last = rows[rows.length - 1]!;
    after = { dueDate: last.dueDate, id: last.id };
  }
  return { seen, created };
}
