/**
 * A separate process shipping one shipment (SQLite concurrency needs processes, not promises):
 * `node --import tsx shipments-concurrency.child.ts <db url> <shipment id> <carrier id> <tracking number>`,
 * run by `runTogether`. Prints `{"ok":true}` or `{"ok":false,"detail":…}` for a 409.
 */
import { shipShipment } from '../../src/modules/shipping/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { AppError } from '../../src/platform/errors.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, shipmentId, carrierId, trackingNumber] = process.argv.slice(2);
const ctx = await openChildContext(url!, { busyTimeoutMs: 30_000 });
await startTogether();
let result: { ok: boolean; detail?: string };
try {
  await shipShipment(ctx, systemActor('shipments-race'), shipmentId!, {
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
