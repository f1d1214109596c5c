/**
 * A separate process running the follow-up (SQLite concurrency needs processes, not promises):
 * `node --import tsx followup-concurrency.child.ts <db url> <as-of>`, run by `runTogether`.
 * Prints the run's counts as `{"claimed":n,"messages":n}`.
 */
import { runFollowup } from '../../src/modules/followup/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, asOf] = process.argv.slice(2);
const ctx = await openChildContext(url!, {
  busyTimeoutMs: 30_000,
  clock: new ManualClock('2026-12-04T09:00:00.000Z'),
});
await startTogether();
const result = await runFollowup(ctx, { asOf: asOf!, batchSize: 3 });
await ctx.database.close();
printResult({ claimed: result.itemsClaimed, messages: result.messages, failures: result.failures.length });
