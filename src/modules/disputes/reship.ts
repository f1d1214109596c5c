/** Resolution by reship: a replacement shipment of the given order lines (shipping module, its own transaction). */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { createReplacementShipment } from '../shipping/index.js';
import { type DisputeReason, REASON_LABELS } from './rules.js';
import type { ResolveInput } from './schemas.js';
import type { DisputesTables } from './tables.js';

export async function reship(
  ctx: AppContext,
  actor: Actor,
  row: DisputesTables['disputes'],
  input: ResolveInput,
): Promise<{ ref: string | null; data: Record<string, unknown> }> {
  const shipment = await createReplacementShipment(ctx, actor, {
    orderId: input.orderId!,
    lines: input.lines!,
    reason: `Dispute ${row.number} (${REASON_LABELS[row.reason as DisputeReason]}): ${input.note}`,
    disputeId: row.id,
  });
  return {
    ref: shipment.id,
    data: { shipmentId: shipment.id, shipmentNumber: shipment.number, orderId: input.orderId },
  };
}
