/** Resolution by reship: a replacement shipment of the given order lines (shipping module). */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import type { ResolveInput } from './schemas.js';
import type { DisputesTables } from './tables.js';

export async function reship(
  _ctx: AppContext,
  _actor: Actor,
  row: DisputesTables['disputes'],
  _input: ResolveInput,
): Promise<{ ref: string | null; data: Record<string, unknown> }> {
  throw conflict(`Dispute ${row.number}: replacement shipments are not available yet.`);
}
