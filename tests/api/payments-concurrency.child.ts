/**
 * A separate process allocating payments to one invoice (SQLite concurrency needs processes, not
 * promises): `node --import tsx payments-concurrency.child.ts <db url> <invoice id> <amount> <payment ids,…>`.
 * Prints `{"ok":n,"refused":n}`.
 */
import pino from 'pino';
import { allocatePayment } from '../../src/modules/payments/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { createContext } from '../../src/platform/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { parseConfig, resolveConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { AppError } from '../../src/platform/errors.js';

const [url, invoiceId, amountText, paymentList] = process.argv.slice(2);
const config = resolveConfig(
  parseConfig({
    DATABASE_URL: url!,
    SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
  }),
);
const database = await openDatabase(url!, { busyTimeoutMs: 30_000 });
const ctx = createContext({
  config,
  database,
  logger: pino({ level: 'silent' }),
  clock: new ManualClock('2026-12-04T09:00:00.000Z'),
});
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
await database.close();
process.stdout.write(JSON.stringify({ ok, refused }));
