/**
 * A separate process racing others (SQLite concurrency needs processes, not promises), run by
 * `runTogether`:
 * `node --import tsx shipments-concurrency.child.ts <db url> ship <shipment id> <carrier id> <tracking number>`
 * ships a shipment; `… <db url> create <order id>` creates a shipment of every open unit of an order.
 * Prints `{"ok":true}` or `{"ok":false,"detail":…}` for a 409.
 */
import { createShipment, shipShipment } from '../../src/modules/shipping/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { AppError } from '../../src/platform/errors.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, mode, id, carrierId, trackingNumber] = process.argv.slice(2);
const ctx = await openChildContext(url!, { busyTimeoutMs: 30_000 });
await startTogether();
let result: { ok: boolean; detail?: string };
try {
  if (mode === 'create') await createShipment(ctx, systemActor('shipments-race'), { orderId: id! });
  else
    await shipShipment(ctx, systemActor('shipments-race'), id!, {
      carrierId: carrierId!,
      service: 'Race',
      trackingNumbers: [trackingNumber!],
    });
  result = { ok: true };
} catch (error) {
  if (error instanceof AppError && error.status === 409) result = { ok: false, detail: error.message };
  else throw error;
}
await ctx.database.close();
printResult(result);
