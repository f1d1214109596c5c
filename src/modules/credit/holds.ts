/**
 * Credit holds: placing (idempotent per customer, cause and source key), releasing with a reason,
 * reading the active ones, and the shipping check. Every function here runs inside the caller's
 * transaction (`tx`) so that a policy step, a payment or a shipment and its hold change commit together.
 * Each placing and release is audited and announced (`credit_hold.placed`, `credit_hold.released`).
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AnyDb } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError, type FieldError, forbidden, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findCustomerIn } from '../customers/index.js';
import { closeTasks, openTask } from '../worklist/index.js';
import { OVERRIDE_ROLES } from './permissions.js';
import { blockedDetail, CAUSE_LABELS, HOLD_CAUSES, type HoldCause } from './rules.js';
import * as store from './store.js';

export interface Hold {
  id: string;
  customerId: string;
  cause: HoldCause;
  /** What placed it within its cause (a policy step, a currency); null when none. */
  sourceKey: string | null;
  reason: string;
  placedAt: string;
  placedBy: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
  active: boolean;
}

export interface PlaceHoldInput {
  customerId: string;
  cause: HoldCause;
  reason: string;
  sourceKey?: string | null | undefined;
}

export interface ReleaseHoldFilter {
  customerId: string;
  cause?: HoldCause | undefined;
  sourceKey?: string | null | undefined;
  /** One hold by id (the release route). */
  holdId?: string | undefined;
}

export const toHold = (row: store.HoldRow): Hold => ({
  id: row.id,
  customerId: row.customer_id,
  cause: row.cause as HoldCause,
  sourceKey: row.source_key === '' ? null : row.source_key,
  reason: row.reason,
  placedAt: row.placed_at,
  placedBy: row.placed_by,
  releasedAt: row.released_at,
  releasedBy: row.released_by,
  releaseReason: row.release_reason,
  active: row.released_at === null,
});

export const actorLabel = (actor: Actor): string | null => actor.label ?? actor.id;

/** The worklist dedupe key of a hold's task (closed on release). */
export const holdTaskKey = (holdId: string) => `credit-hold:${holdId}`;
/** The worklist dedupe key of a blocked order's task; the prefix closes all of a customer's. */
export const blockedOrderTaskPrefix = (customerId: string) => `order-blocked:${customerId}:`;

function requireText(value: string | undefined | null, path: string, what: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw validationError(`${what} is required.`, [{ path, message: 'is required' }]);
  if (text.length > 2000)
    throw validationError(`${what} is too long.`, [{ path, message: 'must be at most 2000 characters' }]);
  return text;
}

/**
 * Puts the customer on hold for a cause. Idempotent: when an active hold of the same customer, cause
 * and source key exists, nothing changes and `created` is false (so a re-run or a duplicate event
 * never places a second hold; a concurrent duplicate waits on the unique index and does nothing).
 */
export async function placeHold(tx: Tx, input: PlaceHoldInput): Promise<{ id: string; created: boolean }> {
  if (!(HOLD_CAUSES as readonly string[]).includes(input.cause))
    throw validationError(`Unknown hold cause "${input.cause}".`, [
      { path: 'cause', message: `must be one of ${HOLD_CAUSES.join(', ')}` },
    ]);
  const reason = requireText(input.reason, 'reason', 'A reason for the hold');
  const sourceKey = input.sourceKey?.trim() ?? '';
  const customer = await findCustomerIn(tx.db, input.customerId);
  if (!customer)
    throw validationError(`No customer with id "${input.customerId}".`, [
      { path: 'customerId', message: 'is not a known customer' },
    ]);
  const row: store.HoldRow = {
    id: newId('credit_hold'),
    customer_id: input.customerId,
    cause: input.cause,
    source_key: sourceKey,
    reason,
    placed_at: tx.now,
    placed_by: actorLabel(tx.actor),
    released_at: null,
    released_by: null,
    release_reason: null,
    owner_notified_at: null,
  };
  if (!(await store.insertHoldIfNone(tx.db, row))) {
    const existing = await store.findActiveHold(tx.db, input.customerId, input.cause, sourceKey);
    if (!existing)
      throw new Error(`credit hold for ${input.customerId}/${input.cause} neither inserted nor found`);
    return { id: existing.id, created: false };
  }
  const hold = toHold(row);
  tx.audit({ action: 'credit_hold.placed', entityType: 'customer', entityId: input.customerId, after: hold });
  await tx.emit({
    type: 'credit_hold.placed',
    aggregateType: 'customer',
    aggregateId: input.customerId,
    payload: {
      holdId: row.id,
      customerId: input.customerId,
      cause: input.cause,
      sourceKey: hold.sourceKey,
      reason,
    },
  });
  await openTask(tx, {
    dedupeKey: holdTaskKey(row.id),
    kind: 'customer_on_hold',
    department: 'sales',
    title: `${customer.code} ${customer.legalName} is on credit hold`,
    reason: `${CAUSE_LABELS[input.cause]}: ${reason}`,
    recordType: 'customer',
    recordId: input.customerId,
    customerId: input.customerId,
    ...(customer.ownerId ? { ownerUserId: customer.ownerId } : { ownerRole: 'sales' as const }),
    priority: 'high',
  });
  return { id: row.id, created: true };
}

/**
 * Releases the customer's active holds that match (all of them when only the customer is given), with
 * a reason; returns how many were released (0 when none was active — calling it twice is harmless).
 */
export async function releaseHold(tx: Tx, filter: ReleaseHoldFilter, reason: string): Promise<number> {
  const why = requireText(reason, 'reason', 'A reason for the release');
  const rows = await store.releaseHolds(
    tx.db,
    {
      customerId: filter.customerId,
      cause: filter.cause,
      sourceKey: filter.sourceKey === undefined ? undefined : (filter.sourceKey?.trim() ?? ''),
      id: filter.holdId,
    },
    { released_at: tx.now, released_by: actorLabel(tx.actor), release_reason: why },
  );
  for (const row of rows) {
    const hold = toHold(row);
    tx.audit({
      action: 'credit_hold.released',
      entityType: 'customer',
      entityId: row.customer_id,
      before: { ...hold, releasedAt: null, releasedBy: null, releaseReason: null, active: true },
      after: hold,
    });
    await tx.emit({
      type: 'credit_hold.released',
      aggregateType: 'customer',
      aggregateId: row.customer_id,
      payload: {
        holdId: row.id,
        customerId: row.customer_id,
        cause: row.cause,
        sourceKey: hold.sourceKey,
        reason: why,
      },
    });
    await closeTasks(tx, { dedupeKey: holdTaskKey(row.id) }, `Hold released: ${why}`);
  }
  if (rows.length > 0) {
    const left = (await activeHoldsOf(tx.db, [filter.customerId])).get(filter.customerId) ?? [];
    if (left.length === 0)
      await closeTasks(
        tx,
        { dedupeKeyPrefix: blockedOrderTaskPrefix(filter.customerId) },
        `Customer no longer on credit hold: ${why}`,
      );
  }
  return rows.length;
}

/** The active holds of the given customers (customers without one are absent), oldest first. */
export async function activeHoldsOf(db: AnyDb, customerIds: readonly string[]): Promise<Map<string, Hold[]>> {
  const out = new Map<string, Hold[]>();
  for (const row of await store.activeHolds(db, [...new Set(customerIds)])) {
    const list = out.get(row.customer_id) ?? [];
    list.push(toHold(row));
    out.set(row.customer_id, list);
  }
  return out;
}

/** Every hold of a customer, active and released, newest first. */
export async function holdsOfCustomer(db: AnyDb, customerId: string): Promise<Hold[]> {
  return (await store.holdsOfCustomer(db, customerId)).map(toHold);
}

/** The 409 of a shipment blocked by a credit hold; carries the holds so the caller can raise a task. */
export class ShippingBlockedError extends AppError {
  constructor(
    readonly customerId: string,
    readonly customerLabel: string,
    readonly holds: readonly Hold[],
  ) {
    const errors: FieldError[] = holds.map((h) => ({
      path: 'override',
      message: `${CAUSE_LABELS[h.cause]}: ${h.reason}`,
    }));
    super(409, 'credit-hold', 'Customer on credit hold', blockedDetail(customerLabel, holds), errors);
  }
}

export const mayOverride = (actor: Actor): boolean =>
  actor.roles.some((r) => (OVERRIDE_ROLES as readonly string[]).includes(r));

/**
 * Refuses to ship for a customer on hold: a 409 naming every active hold and its reason. With an
 * override (admin or finance, and a reason) it lets the shipment through and records the override —
 * the holds and the reason — in the audit trail of the caller's transaction.
 */
export async function assertShippingAllowed(
  tx: Tx,
  customerId: string,
  override?: { reason: string } | null,
): Promise<void> {
  const holds = (await activeHoldsOf(tx.db, [customerId])).get(customerId) ?? [];
  if (holds.length === 0) return;
  if (override) {
    if (!mayOverride(tx.actor))
      throw forbidden(
        `Shipping for a customer on credit hold needs the ${OVERRIDE_ROLES.join(' or ')} role; you have ${tx.actor.roles.join(', ') || 'no role'}.`,
      );
    const reason = requireText(override.reason, 'override.reason', 'A reason for the override');
    tx.audit({
      action: 'credit_hold.overridden',
      entityType: 'customer',
      entityId: customerId,
      after: { reason, holds: holds.map((h) => ({ id: h.id, cause: h.cause, reason: h.reason })) },
    });
    return;
  }
  const customer = await findCustomerIn(tx.db, customerId);
  throw new ShippingBlockedError(customerId, customer ? customer.code : customerId, holds);
}
