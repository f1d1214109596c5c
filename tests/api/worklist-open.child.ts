/**
 * A separate process opening the same task many times (SQLite concurrency needs processes):
 * `node --import tsx worklist-open.child.ts <db url> <dedupe key> <attempts>`, run by `runTogether`.
 * Prints `{"created":n,"ids":[…]}`.
 */
import { openTask } from '../../src/modules/worklist/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { ManualClock } from '../../src/platform/clock.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { openChildContext, printResult, startTogether } from '../support/child-process.js';

const [url, key, attempts] = process.argv.slice(2);
const ctx = await openChildContext(url!, {
  busyTimeoutMs: 30_000,
  clock: new ManualClock('2026-12-04T09:00:00.000Z'),
});
await startTogether();
let created = 0;
const ids = new Set<string>();
for (let i = 0; i < Number(attempts); i++) {
  const result = await transaction(ctx, systemActor('worklist-race'), (tx) =>
    openTask(tx, {
      dedupeKey: key!,
      kind: 'shipment_late',
      department: 'logistics',
      title: 'Race',
      reason: 'Opened by several processes at once',
      recordType: 'shipment',
      recordId: 'shp_race',
    }),
  );
  if (result.created) created++;
  ids.add(result.id);
}
await ctx.database.close();
printResult({ created, ids: [...ids] });
