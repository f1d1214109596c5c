/**
 * Two workers evaluating the same due promises at once (several connections on PostgreSQL, several
 * processes on SQLite): each promise is broken once, with one task.
 */
import { expect, it } from 'vitest';
import { evaluateDuePromises, recordPromise } from '../../src/modules/followup/promises.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { describeEachApp } from '../support/app.js';
import { runTogether } from '../support/child-process.js';
import { makeCustomer, makeDocument } from './payments.support.js';

const CHILD = 'tests/api/followup-promises-race.child.ts';
const PROMISES = 8;
const WORKERS = 3;

describeEachApp('promises evaluated by several workers at once', (get) => {
  it(`${WORKERS} workers break ${PROMISES} due promises once each, one task each`, async () => {
    const t = get();
    t.clock.set('2026-12-04T09:00:00.000Z');
    const customerId = await makeCustomer(t.ctx, t.adminActor);
    const invoiceIds: string[] = [];
    const promiseIds: string[] = [];
    for (let i = 0; i < PROMISES; i++) {
      const invoice = await makeDocument(t.ctx, t.adminActor, customerId, 1000 + i);
      invoiceIds.push(invoice.id);
      const promise = await recordPromise(t.ctx, t.adminActor, {
        customerId,
        invoiceIds: [invoice.id],
        amount: 500,
        promisedDate: '2026-12-04',
        contactName: `Caller ${i}`,
        channel: 'call',
      });
      promiseIds.push(promise.id);
    }
    const today = '2026-12-06';
    let broken = 0;
    if (t.kind === 'postgres') {
      const contexts = await Promise.all(Array.from({ length: WORKERS }, () => t.openAnother()));
      const results = await Promise.all(
        contexts.map((c) => evaluateDuePromises(c, systemActor('race'), today)),
      );
      broken = results.reduce((sum, r) => sum + r.broken, 0);
    } else {
      const results = await runTogether<{ kept: number; broken: number }>(
        Array.from({ length: WORKERS }, () => ({ script: CHILD, args: [t.url, today], timeoutMs: 120_000 })),
      );
      broken = results.reduce((sum, r) => sum + r.broken, 0);
    }
    expect(broken).toBe(PROMISES);
    for (const [i, invoiceId] of invoiceIds.entries()) {
      const tasks = await tasksOfRecord(t.ctx.db, 'invoice', invoiceId);
      expect(
        tasks.map((task) => task.kind),
        promiseIds[i],
      ).toEqual(['broken_promise']);
    }
    const statuses = await t.ctx.db
      .selectFrom('followup_promises')
      .select('status')
      .where('customer_id', '=', customerId)
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(Array(PROMISES).fill('broken'));
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'promise.broken')
      .where('entity_id', 'in', promiseIds)
      .execute();
    expect(audits).toHaveLength(PROMISES);
  }, 180_000);
});
