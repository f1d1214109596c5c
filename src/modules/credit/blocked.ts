/**
 * A shipment refused because of a credit hold leaves a trace for sales: one 'order_blocked' task per
 * order (deduped while open), closed when the customer's last hold is released. The refused ship
 * transaction rolled back, so the task is opened in a transaction of its own.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { findCustomerIn } from '../customers/index.js';
import { openTask } from '../worklist/index.js';
import { blockedOrderTaskPrefix, type ShippingBlockedError } from './holds.js';
import { CAUSE_LABELS } from './rules.js';

export const blockedOrderTaskKey = (customerId: string, orderId: string) =>
  `${blockedOrderTaskPrefix(customerId)}${orderId}`;

export async function openBlockedOrderTask(
  ctx: AppContext,
  actor: Actor,
  blocked: ShippingBlockedError,
  order: { orderId: string; orderNumber?: string | null | undefined },
): Promise<{ id: string; created: boolean }> {
  return transaction(ctx, actor, async (tx) => {
    const customer = await findCustomerIn(tx.db, blocked.customerId);
    const who = customer ? `${customer.code} ${customer.legalName}` : blocked.customerId;
    return openTask(tx, {
      dedupeKey: blockedOrderTaskKey(blocked.customerId, order.orderId),
      kind: 'order_blocked',
      department: 'sales',
      title: `Order ${order.orderNumber ?? order.orderId} blocked: ${who} is on credit hold`,
      reason: blocked.holds.map((h) => `${CAUSE_LABELS[h.cause]}: ${h.reason}`).join('; '),
      recordType: 'order',
      recordId: order.orderId,
      customerId: blocked.customerId,
      ...(customer?.ownerId ? { ownerUserId: customer.ownerId } : { ownerRole: 'sales' as const }),
      priority: 'high',
    });
  });
}
