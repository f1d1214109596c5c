/**
 * A separate process allocating payments to one invoice (SQLite concurrency needs processes, not
 * promises): `node --import tsx payments-concurrency.child.ts <db url> <invoice id> <amount> <payment ids,…>`,
 * run by `runTogether`. Prints `{"ok":n,"refused":n}`.
 */
import { allocatePayment } from '../../src/modules/payments/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { ManualClock } from '../../src/platform/clock.js';
import { AppError } from '../../src/platform/errors.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, invoiceId, amountText, paymentList] = process.argv.slice(2);
const ctx = await openChildContext(url!, {
  busyTimeoutMs: 30_000,
  clock: new ManualClock('2026-12-04T09:00:00.000Z'),
});
await startTogether();
let ok = 0;
let refused = 0;
for (const paymentId of paymentList!.split(',')) {
  try {
    await allocatePayment(ctx, systemActor('concurrency-test'), paymentId, {
      allocations: [{ invoiceId: invoiceId!, amount: Number(amountText) }],
      creditRemainder: false,
    });
    ok++;
  } catch (error) {
    if (error instanceof AppError && (error.status === 409 || error.status === 422)) refused++;
    else throw error;
  }
}
await ctx.database.close();
printResult({ ok, refused });
