/**
 * A separate process evaluating the due promises (SQLite concurrency needs processes, not promises):
 * `node --import tsx followup-promises-race.child.ts <db url> <company date>`, run by `runTogether`.
 * Prints `{"kept":n,"broken":n}`.
 */
import { evaluateDuePromises } from '../../src/modules/followup/promises.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { ManualClock } from '../../src/platform/clock.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, today] = process.argv.slice(2);
const ctx = await openChildContext(url!, {
  busyTimeoutMs: 30_000,
  clock: new ManualClock(`${today}T09:00:00.000Z`),
});
await startTogether();
const counts = await evaluateDuePromises(ctx, systemActor('race-test'), today!);
await ctx.database.close();
printResult(counts);
