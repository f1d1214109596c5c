/**
 * Promises to pay, snoozes and the contact log over HTTP, on both databases: a promise pauses the
 * reminders of its invoices, a kept promise closes, a broken one raises one finance task and resumes
 * follow-up, bad promises are refused with nothing saved; a snooze stops and resumes reminders.
 */
import { expect, it } from 'vitest';
import { allSchedules } from '../../src/app.js';
import { activePausesOf, listPauses } from '../../src/modules/followup/index.js';
import { evaluateDuePromises } from '../../src/modules/followup/promises.js';
import { PROMISES_JOB } from '../../src/modules/followup/promises-jobs.js';
import { touchSchedules } from '../../src/modules/followup/promises-module.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';
import { syncSchedules } from '../../src/platform/jobs/schedules.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { makeCustomer, makeDocument } from './payments.support.js';

const START = '2026-12-04T09:00:00.000Z';
const DAY = 86_400_000;

describeEachApp('follow-up promises, snoozes and notes', (get) => {
  let finance: Record<string, string> | undefined;
  const headers = async (t: TestApp) => {
    finance ??= bearer(await t.tokenWith(['finance']));
    return finance;
  };
  const post = async (t: TestApp, url: string, payload: unknown) =>
    t.inject({ method: 'POST', url, headers: await headers(t), payload: payload as object });
  const getJson = async (t: TestApp, url: string) =>
    t.inject({ method: 'GET', url, headers: await headers(t) });
  const count = async (t: TestApp, table: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const setup = async (t: TestApp, amounts: number[] = [10_000]) => {
    t.clock.set(START);
    const customerId = await makeCustomer(t.ctx, t.adminActor);
    const invoices = [];
    for (const gross of amounts) invoices.push(await makeDocument(t.ctx, t.adminActor, customerId, gross));
    return { customerId, invoices };
  };
  const promise = (t: TestApp, body: Record<string, unknown>) =>
    post(t, '/api/promises', {
      contactName: 'Anne Martin',
      channel: 'call',
      promisedDate: '2026-12-10',
      ...body,
    });
  const runJobs = async (t: TestApp) => {
    const runner = new JobRunner(t.ctx, {
      concurrency: 1,
      pollMs: 1000,
      backoff: { baseMs: 3_600_000, jitter: 0 },
    });
    while ((await runner.runOnce()) > 0) {
      // until no job is left that can run now
    }
  };
  const pay = async (t: TestApp, customerId: string, invoiceId: string, amount: number) => {
    const response = await post(t, '/api/payments', {
      customerId,
      method: 'bank_transfer',
      currency: 'EUR',
      amount,
      receivedDate: '2026-12-04',
    });
    expect(response.statusCode, response.body).toBe(201);
    const allocated = await post(t, `/api/payments/${response.json().id}/allocations`, {
      allocations: [{ invoiceId, amount }],
    });
    expect(allocated.statusCode, allocated.body).toBe(200);
  };

  it('records a promise and pauses the reminders of each invoice through the promised date', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t, [10_000, 5000]);
    const ids = invoices.map((i) => i.id);
    const response = await promise(t, {
      customerId,
      invoiceIds: ids,
      amount: 12_000,
      note: 'Cheque in the post',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^ptp_/),
      customerId,
      currency: 'EUR',
      amount: 12_000,
      promisedDate: '2026-12-10',
      status: 'open',
      openAtPromise: 15_000,
      paidAmount: 0,
      channel: 'call',
      note: 'Cheque in the post',
    });
    expect(created.invoices.map((i: { invoiceId: string }) => i.invoiceId).sort()).toEqual([...ids].sort());

    const pauses = await activePausesOf(t.ctx.db, ids, '2026-12-10');
    for (const id of ids)
      expect(pauses.get(id)).toEqual([
        expect.objectContaining({ kind: 'promise', sourceId: created.id, until: '2026-12-11' }),
      ]);
    // The day after the promised date the pause no longer holds by itself.
    expect((await activePausesOf(t.ctx.db, ids, '2026-12-11')).size).toBe(0);

    const listed = await getJson(t, `/api/promises?customerId=${customerId}&status=open`);
    expect(listed.json().items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    expect((await getJson(t, `/api/promises?invoiceId=${ids[1]}`)).json().items).toHaveLength(1);

    const again = await promise(t, { customerId, invoiceIds: [ids[1]], amount: 100 });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([
      { path: 'invoiceIds.0', message: expect.stringContaining('open promise') },
    ]);
  });

  it('refuses a past-dated or non-positive promise with a clear error and saves nothing', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const before = [await count(t, 'followup_promises'), await count(t, 'followup_pauses')];
    const past = await promise(t, {
      customerId,
      invoiceIds: [invoices[0]!.id],
      amount: 500,
      promisedDate: '2026-12-03',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([
      { path: 'promisedDate', message: 'is in the past (today is 2026-12-04)' },
    ]);
    const zero = await promise(t, { customerId, invoiceIds: [invoices[0]!.id], amount: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors).toEqual([
      { path: 'amount', message: 'must be a positive amount in minor units' },
    ]);
    const tooMuch = await promise(t, { customerId, invoiceIds: [invoices[0]!.id], amount: 10_001 });
    expect(tooMuch.json().errors).toEqual([
      { path: 'amount', message: 'is more than the 10000 open on the invoices' },
    ]);
    const badShape = await promise(t, {
      customerId,
      invoiceIds: [],
      amount: 1.5,
      channel: 'fax',
      promisedDate: '2026-13-01',
    });
    expect(badShape.statusCode).toBe(400);
    expect(
      badShape
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['amount', 'channel', 'invoiceIds', 'promisedDate']);
    const other = await makeCustomer(t.ctx, t.adminActor);
    const foreign = await promise(t, { customerId: other, invoiceIds: [invoices[0]!.id], amount: 100 });
    expect(foreign.json().errors).toEqual([
      { path: 'invoiceIds.0', message: `${invoices[0]!.number} belongs to another customer` },
    ]);
    expect([await count(t, 'followup_promises'), await count(t, 'followup_pauses')]).toEqual(before);
  });

  it('closes a promise as kept when its amount is paid, ending the pause', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const invoiceId = invoices[0]!.id;
    const created = (await promise(t, { customerId, invoiceIds: [invoiceId], amount: 6000 })).json();
    await pay(t, customerId, invoiceId, 2000);
    await runJobs(t);
    const partly = (await getJson(t, `/api/promises/${created.id}`)).json();
    expect(partly).toMatchObject({ status: 'open', paidAmount: 2000 });

    await pay(t, customerId, invoiceId, 4000);
    await runJobs(t);
    await runJobs(t); // delivered twice is the same as once
    const kept = (await getJson(t, `/api/promises/${created.id}`)).json();
    expect(kept).toMatchObject({ status: 'kept', paidAmount: 6000, closedAt: expect.any(String) });
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-05')).size).toBe(0);
    expect(await tasksOfRecord(t.ctx.db, 'invoice', invoiceId)).toEqual([]);
  });

  it('breaks an unpaid promise after its date: one finance task, the pause ended, follow-up resumes', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const invoiceId = invoices[0]!.id;
    const created = (
      await promise(t, { customerId, invoiceIds: [invoiceId], amount: 3000, promisedDate: '2026-12-05' })
    ).json();
    const actor = systemActor('test');

    // On its date it is still open.
    t.clock.set(new Date(Date.parse(START) + DAY).toISOString());
    expect(await evaluateDuePromises(t.ctx, actor)).toEqual({ kept: 0, broken: 0 });
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-05')).get(invoiceId)).toHaveLength(1);

    t.clock.set(new Date(Date.parse(START) + 2 * DAY).toISOString());
    expect(await evaluateDuePromises(t.ctx, actor)).toEqual({ kept: 0, broken: 1 });
    expect(await evaluateDuePromises(t.ctx, actor)).toEqual({ kept: 0, broken: 0 });
    const broken = (await getJson(t, `/api/promises/${created.id}`)).json();
    expect(broken).toMatchObject({ status: 'broken', paidAmount: 0, taskId: expect.stringMatching(/^tsk_/) });
    const tasks = await tasksOfRecord(t.ctx.db, 'invoice', invoiceId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      id: broken.taskId,
      kind: 'broken_promise',
      department: 'finance',
      status: 'open',
      customerId,
    });
    const pauses = await listPauses(t.ctx.db, { invoiceId });
    expect(pauses).toEqual([expect.objectContaining({ kind: 'promise', endedAt: expect.any(String) })]);
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-06')).size).toBe(0);

    // Paying the invoice in full later closes the broken-promise task.
    await pay(t, customerId, invoiceId, 10_000);
    await runJobs(t);
    const after = await tasksOfRecord(t.ctx.db, 'invoice', invoiceId);
    expect(after.map((x) => x.status)).toEqual(['closed']);
    t.clock.set(START);
  });

  it('is evaluated by the daily schedule just after midnight, company time', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const created = (
      await promise(t, { customerId, invoiceIds: [invoices[0]!.id], amount: 500, promisedDate: '2026-12-04' })
    ).json();
    const schedule = touchSchedules()[0]!;
    expect(schedule).toMatchObject({ jobName: PROMISES_JOB, cron: '10 0 * * *' });
    await syncSchedules(t.ctx, allSchedules(t.ctx));
    // 00:11 the next day, company time (UTC in the tests): the occurrence is due and its job runs.
    t.clock.set('2026-12-05T00:11:00.000Z');
    await runJobs(t);
    expect((await getJson(t, `/api/promises/${created.id}`)).json().status).toBe('broken');
    t.clock.set(START);
  });

  it('cancels an open promise by hand and resumes reminders', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const created = (await promise(t, { customerId, invoiceIds: [invoices[0]!.id], amount: 100 })).json();
    const cancelled = await post(t, `/api/promises/${created.id}/cancel`, {
      reason: 'Recorded on the wrong customer',
    });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      closeReason: 'Cancelled: Recorded on the wrong customer',
    });
    expect((await activePausesOf(t.ctx.db, [invoices[0]!.id], '2026-12-05')).size).toBe(0);
    expect((await post(t, `/api/promises/${created.id}/cancel`, { reason: 'again' })).statusCode).toBe(409);
  });

  it('snoozes an invoice until a date with a reason, and ends the snooze early', async () => {
    const t = get();
    const { invoices } = await setup(t);
    const invoiceId = invoices[0]!.id;
    const past = await post(t, `/api/invoices/${invoiceId}/snooze`, {
      reason: 'Customer on holiday',
      until: '2026-12-04',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([{ path: 'until', message: 'must be after today (2026-12-04)' }]);
    const noReason = await post(t, `/api/invoices/${invoiceId}/snooze`, { reason: ' ', until: '2026-12-20' });
    expect(noReason.json().errors).toEqual([{ path: 'reason', message: 'is required' }]);
    expect(await count(t, 'followup_snoozes')).toBe(0);

    const snoozed = await post(t, `/api/invoices/${invoiceId}/snooze`, {
      reason: 'Customer on holiday',
      until: '2026-12-20',
    });
    expect(snoozed.statusCode, snoozed.body).toBe(201);
    const snooze = snoozed.json();
    expect(snooze).toMatchObject({
      invoiceId,
      until: '2026-12-20',
      active: true,
      reason: 'Customer on holiday',
    });
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-19')).get(invoiceId)).toEqual([
      expect.objectContaining({ kind: 'snooze', sourceId: snooze.id, until: '2026-12-20' }),
    ]);
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-20')).size).toBe(0);
    const twice = await post(t, `/api/invoices/${invoiceId}/snooze`, {
      reason: 'again',
      until: '2026-12-21',
    });
    expect(twice.statusCode).toBe(409);
    expect((await getJson(t, `/api/snoozes?invoiceId=${invoiceId}&active=true`)).json().items).toHaveLength(
      1,
    );

    const ended = await post(t, `/api/snoozes/${snooze.id}/end`, { reason: 'Back early' });
    expect(ended.json()).toMatchObject({
      active: false,
      endReason: 'Back early',
      endedAt: expect.any(String),
    });
    expect((await activePausesOf(t.ctx.db, [invoiceId], '2026-12-05')).size).toBe(0);
    expect((await post(t, `/api/snoozes/${snooze.id}/end`, {})).statusCode).toBe(409);
    expect((await getJson(t, `/api/snoozes?invoiceId=${invoiceId}&active=true`)).json().items).toHaveLength(
      0,
    );
  });

  it('logs calls and notes on a customer, refusing an invoice of another customer', async () => {
    const t = get();
    const { customerId, invoices } = await setup(t);
    const call = await post(t, `/api/customers/${customerId}/notes`, {
      kind: 'call',
      invoiceId: invoices[0]!.id,
      outcome: 'no_answer',
      contactName: 'Anne Martin',
      text: 'Rang twice, no answer',
    });
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json()).toMatchObject({
      kind: 'call',
      outcome: 'no_answer',
      invoiceNumber: invoices[0]!.number,
    });
    const other = await makeCustomer(t.ctx, t.adminActor);
    const wrong = await post(t, `/api/customers/${other}/notes`, {
      kind: 'note',
      invoiceId: invoices[0]!.id,
      text: 'x',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: 'invoiceId', message: `${invoices[0]!.number} belongs to another customer` },
    ]);
    const empty = await post(t, `/api/customers/${customerId}/notes`, { kind: 'note', text: '' });
    expect(empty.json().errors).toEqual([{ path: 'text', message: 'is required' }]);
    const support = bearer(await t.tokenWith(['support']));
    const note = await t.inject({
      method: 'POST',
      url: `/api/customers/${customerId}/notes`,
      headers: support,
      payload: { kind: 'note', text: 'Asked for a copy of the invoice' },
    });
    expect(note.statusCode).toBe(201);
  });
});
