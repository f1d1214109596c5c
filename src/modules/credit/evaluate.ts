/**
 * The automatic holds: re-evaluates a customer's credit-limit and overdue-balance holds from the
 * figures of the invoicing, payments and disputes modules, placing what the rules call for and
 * releasing what they no longer do. Idempotent: it converges to the same holds however often it runs,
 * so the event subscriber (payments, invoices, disputes, customer changes) and the daily job (time
 * passing makes invoices overdue) may both run it, twice or at once.
 */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { findCustomerIn } from '../customers/index.js';
import { openDisputedAmounts } from '../disputes/index.js';
import { listOpenItems, openDocuments } from '../invoicing/index.js';
import { customerBalance } from '../payments/index.js';
import { activeHoldsOf, placeHold, releaseHold } from './holds.js';
import {
  AUTOMATIC_CAUSES,
  type CreditFigures,
  clearedReason,
  type OverdueSetting,
  wantedHolds,
} from './rules.js';
import * as store from './store.js';

export const creditActor = systemActor('credit');

export async function overdueSettings(db: Tx['db']): Promise<OverdueSetting[]> {
  return (await store.listSettings(db)).map((r) => ({
    currency: r.currency,
    overdueThreshold: Number(r.overdue_threshold),
    overdueAfterDays: Number(r.overdue_after_days),
  }));
}

/** Reads the customer's figures in the caller's transaction. */
export async function creditFigures(
  ctx: AppContext,
  tx: Tx,
  customerId: string,
): Promise<CreditFigures | null> {
  const customer = await findCustomerIn(tx.db, customerId);
  if (!customer) return null;
  const settings = await overdueSettings(tx.db);
  let balance = 0;
  if (customer.creditLimit !== null) {
    // The payments module's balance, read with this transaction's handle.
    const account = await customerBalance({ ...ctx, db: tx.db }, customerId);
    balance = account.currencies.find((c) => c.currency === customer.currency)?.balance ?? 0;
  }
  let openInvoices: CreditFigures['openInvoices'] = [];
  if (settings.length > 0) {
    const items = await listOpenItems(tx.db, { customerId, kind: 'invoice' });
    const disputed = await openDisputedAmounts(
      tx.db,
      items.map((i) => i.id),
    );
    openInvoices = items.map((i) => ({
      currency: i.currency,
      dueDate: i.dueDate,
      openAmount: i.openAmount,
      disputed: disputed.get(i.id) ?? 0,
    }));
  }
  return {
    today: dateInZone(new Date(tx.now), ctx.config.TIMEZONE),
    customerCurrency: customer.currency,
    creditLimit: customer.creditLimit,
    balance,
    openInvoices,
    settings,
  };
}

/** Places and releases the customer's automatic holds to match its figures; returns what changed. */
export async function reevaluateCustomer(
  ctx: AppContext,
  tx: Tx,
  customerId: string,
): Promise<{ placed: number; released: number }> {
  const figures = await creditFigures(ctx, tx, customerId);
  if (!figures) return { placed: 0, released: 0 };
  const wanted = wantedHolds(figures);
  let placed = 0;
  let released = 0;
  for (const w of wanted) {
    const result = await placeHold(tx, {
      customerId,
      cause: w.cause,
      reason: w.reason,
      sourceKey: w.sourceKey,
    });
    if (result.created) placed++;
  }
  const active = (await activeHoldsOf(tx.db, [customerId])).get(customerId) ?? [];
  for (const hold of active) {
    if (!AUTOMATIC_CAUSES.includes(hold.cause)) continue;
    const key = hold.sourceKey ?? '';
    if (wanted.some((w) => w.cause === hold.cause && w.sourceKey === key)) continue;
    released += await releaseHold(
      tx,
      { customerId, cause: hold.cause, sourceKey: key },
      clearedReason(hold.cause, hold.sourceKey, figures),
    );
  }
  return { placed, released };
}

/** One customer in its own transaction (the event subscriber and the daily job). */
export const reevaluate = (ctx: AppContext, customerId: string) =>
  transaction(ctx, creditActor, (tx) => reevaluateCustomer(ctx, tx, customerId));

/**
 * The daily sweep: every customer with an overdue invoice in a currency that has a threshold, and every
 * customer with an active automatic hold (which may have to be released). Each in its own transaction.
 */
export async function reevaluateAll(
  ctx: AppContext,
): Promise<{ customers: number; placed: number; released: number }> {
  const today = dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);
  const ids = new Set(await store.customersWithActiveHolds(ctx.db, AUTOMATIC_CAUSES));
  for (const setting of await overdueSettings(ctx.db)) {
    let after: { dueDate: string; id: string } | undefined;
    for (;;) {
      const page = await openDocuments(ctx.db, {
        kind: 'invoice',
        currency: setting.currency,
        overdueOn: today,
        limit: 5000,
        ...(after ? { after } : {}),
      });
      for (const d of page.slice(0, 5000)) ids.add(d.customerId);
      if (page.length <= 5000) break;
      const last = page[4999]!;
      after = { dueDate: last.dueDate, id: last.id };
    }
  }
  let placed = 0;
  let released = 0;
  for (const id of [...ids].sort()) {
    const r = await reevaluate(ctx, id);
    placed += r.placed;
    released += r.released;
  }
  return { customers: ids.size, placed, released };
}
