/** Helpers shared by the payments module's use cases: errors, today, the customer check, allocation rows. */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatMoney, money } from '../../platform/money.js';
import { getCustomer } from '../customers/index.js';
import type { AllocationRow } from './store.js';
import type { SourceType, TargetType } from './tables.js';

/** A request that is well-formed but breaks a business rule: 422 with the fields at fault. */
export const rejected = (code: string, detail: string, errors: FieldError[] = []) =>
  new AppError(422, code, 'Request cannot be processed', detail, errors);

export const fmt = (amount: number, currency: string) => formatMoney(money(amount, currency));

export const today = (ctx: AppContext) => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** The customer must exist; reported on the field that named it. */
export async function requireCustomer(ctx: AppContext, id: string, path = 'customerId'): Promise<void> {
  try {
    await getCustomer(ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) {
      throw rejected('unknown-customer', `There is no customer with id "${id}".`, [
        { path, message: 'is not a known customer' },
      ]);
    }
    throw error;
  }
}

export function allocationRow(
  tx: Tx,
  fields: {
    customerId: string;
    sourceType: SourceType;
    sourceId: string;
    targetType: TargetType;
    targetId: string;
    amount: number;
    currency: string;
    date: string;
    reversesId?: string;
  },
): AllocationRow {
  return {
    id: newId('allocation'),
    customer_id: fields.customerId,
    source_type: fields.sourceType,
    source_id: fields.sourceId,
    target_type: fields.targetType,
    target_id: fields.targetId,
    amount: fields.amount,
    currency: fields.currency,
    date: fields.date,
    reverses_id: fields.reversesId ?? null,
    created_at: tx.now,
    created_by: actorId(tx.actor),
  };
}

export const actorId = (actor: Actor): string | null => actor.id ?? actor.label;
