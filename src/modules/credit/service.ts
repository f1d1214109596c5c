/**
 * The credit use cases behind the routes: a customer's holds, placing a manual hold, releasing a hold
 * with a reason, the list of customers on hold, re-evaluating now, and the overdue settings.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { customerNames, findCustomerIn } from '../customers/index.js';
import { reevaluateCustomer } from './evaluate.js';
import { type Hold, holdsOfCustomer, placeHold, releaseHold, toHold } from './holds.js';
import * as store from './store.js';

async function requireCustomer(ctx: AppContext, id: string) {
  const customer = await findCustomerIn(ctx.db, id);
  if (!customer) throw notFound('customer', id);
  return customer;
}

export async function customerHolds(ctx: AppContext, customerId: string) {
  await requireCustomer(ctx, customerId);
  const history = await holdsOfCustomer(ctx.db, customerId);
  const active = history.filter((h) => h.active).reverse();
  return { customerId, onHold: active.length > 0, active, history };
}

export async function placeManualHold(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  reason: string,
): Promise<Hold> {
  await requireCustomer(ctx, customerId);
  return transaction(ctx, actor, async (tx) => {
    const result = await placeHold(tx, { customerId, cause: 'manual', reason });
    if (!result.created)
      throw conflict(
        'The customer is already on a manual hold; release it first to place another with a new reason.',
      );
    return toHold((await store.findHold(tx.db, result.id))!);
  });
}

export async function releaseHoldById(
  ctx: AppContext,
  actor: Actor,
  holdId: string,
  reason: string,
): Promise<Hold> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findHold(tx.db, holdId);
    if (!row) throw notFound('credit hold', holdId);
    if (row.released_at)
      throw conflict(`Hold ${holdId} was already released on ${row.released_at} (${row.release_reason}).`);
    const released = await releaseHold(tx, { customerId: row.customer_id, holdId }, reason);
    if (released !== 1) throw conflict(`Hold ${holdId} was released meanwhile.`);
    return toHold((await store.findHold(tx.db, holdId))!);
  });
}

export async function listHeldCustomers(
  ctx: AppContext,
  filter: { cause?: string | undefined; after?: { placedAt: string; id: string } | undefined; limit: number },
) {
  const rows = await store.listActiveHolds(ctx.db, filter);
  const names = await customerNames(ctx.db, [...new Set(rows.map((r) => r.customer_id))]);
  return rows.map((r) => {
    const name = names.get(r.customer_id);
    return { ...toHold(r), customerCode: name?.code ?? null, customerName: name?.legalName ?? null };
  });
}

export async function evaluateNow(ctx: AppContext, actor: Actor, customerId: string) {
  await requireCustomer(ctx, customerId);
  const result = await transaction(ctx, actor, (tx) => reevaluateCustomer(ctx, tx, customerId));
  return { ...result, holds: await customerHolds(ctx, customerId) };
}

const toSetting = (r: store.SettingRow) => ({
  currency: r.currency,
  overdueThreshold: Number(r.overdue_threshold),
  overdueAfterDays: Number(r.overdue_after_days),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export async function listSettings(ctx: AppContext) {
  return (await store.listSettings(ctx.db)).map(toSetting);
}

export async function saveSetting(
  ctx: AppContext,
  actor: Actor,
  currency: string,
  input: { overdueThreshold: number; overdueAfterDays: number },
) {
  return transaction(ctx, actor, async (tx) => {
    const before = (await store.listSettings(tx.db)).find((s) => s.currency === currency);
    const row: store.SettingRow = {
      currency,
      overdue_threshold: input.overdueThreshold,
      overdue_after_days: input.overdueAfterDays,
      updated_at: tx.now,
      updated_by: actor.label ?? actor.id,
    };
    await store.upsertSetting(tx.db, row);
    tx.audit({
      action: 'credit.settings_saved',
      entityType: 'currency',
      entityId: currency,
      before: before ? toSetting(before) : null,
      after: toSetting(row),
    });
    // The daily sweep applies it to every customer; the next payment or invoice event applies it at once to that customer.
    return toSetting(row);
  });
}

export async function deleteSetting(ctx: AppContext, actor: Actor, currency: string) {
  await transaction(ctx, actor, async (tx) => {
    const before = (await store.listSettings(tx.db)).find((s) => s.currency === currency);
    if (!before)
      throw validationError(`No overdue threshold is configured for ${currency}.`, [
        { path: 'currency', message: 'has no threshold' },
      ]);
    await store.deleteSetting(tx.db, currency);
    tx.audit({
      action: 'credit.settings_deleted',
      entityType: 'currency',
      entityId: currency,
      before: toSetting(before),
    });
  });
}
