/**
 * The follow-up run on both databases: items follow invoicing through events, each step fires once
 * (run twice, a gap of days), pauses hold reminders, payments end or continue follow-up, fees and
 * interest are exact, a dry run changes nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { activeHoldsOf } from '../../src/modules/credit/index.js';
import {
  createPolicy,
  endPause,
  runFollowup,
  setCustomerSettings,
  startPause,
  syncOpenInvoices,
} from '../../src/modules/followup/index.js';
import { getOpenItem } from '../../src/modules/invoicing/index.js';
import { allocatePayment, recordPayment } from '../../src/modules/payments/index.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { addDays } from '../../src/platform/dates.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  countRows,
  customer,
  drainJobs,
  invoiceDue,
  itemOf,
  withBackgroundWork,
} from './followup.support.js';

const actor = systemActor('test');

async function pay(
  ctx: Parameters<typeof recordPayment>[0],
  customerId: string,
  invoiceId: string,
  amount: number,
  receivedDate = '2026-03-20',
) {
  const payment = await recordPayment(ctx, actor, {
    method: 'bank_transfer',
    customerId,
    amount,
    currency: 'EUR',
    receivedDate,
    reference: null,
    notes: null,
    payerName: null,
    payerIban: null,
    bankReference: null,
    valueDate: null,
    autoAllocate: false,
  } as Parameters<typeof recordPayment>[2]);
  await allocatePayment(ctx, actor, payment.id, {
    allocations: [{ invoiceId, amount }],
    creditRemainder: false,
  });
}

async function actionsOf(ctx: Parameters<typeof recordPayment>[0], invoiceId: string) {
  return ctx.db
    .selectFrom('followup_actions')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('step_position')
    .execute();
}

describeEachDatabase('follow-up run', (get) => {
  beforeAll(() => {
    withBackgroundWork(get().ctx);
  });

  it('creates an item when an invoice is issued, scheduled for the first step of the default policy', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 10_000, '2026-02-10');
    await drainJobs(ctx);
    const item = await itemOf(ctx, inv.id);
    expect(item).toMatchObject({
      customer_id: c.id,
      current_step: 0,
      next_date: '2026-02-07',
      closed_at: null,
    });
    // Delivered twice: still one item, unchanged.
    await drainJobs(ctx);
    expect(await countRows(ctx, 'followup_items')).toBeGreaterThanOrEqual(1);
  });

  it('runs twice the same day and sends each reminder once; a later gap fires only the latest due step', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 25_000, '2026-02-12');
    await drainJobs(ctx);
    const mailsBefore = await countRows(ctx, 'mail_messages');
    const first = await runFollowup(ctx, { asOf: '2026-02-09', customerId: c.id });
    expect(first).toMatchObject({ itemsClaimed: 1, messages: 1 });
    const second = await runFollowup(ctx, { asOf: '2026-02-09', customerId: c.id });
    expect(second).toMatchObject({ itemsClaimed: 0, messages: 0 });
    expect(await countRows(ctx, 'mail_messages')).toBe(mailsBefore + 1);
    expect(await itemOf(ctx, inv.id)).toMatchObject({ current_step: 1, next_date: '2026-02-19' });

    // Ten days and more without a run: steps 2 (+7) and 3 (+21) are both due on 03-06; only step 3 fires.
    const late = await runFollowup(ctx, { asOf: '2026-03-06', customerId: c.id });
    expect(late.itemsClaimed).toBe(1);
    expect(late.actions.map((a) => [a.stepPosition, a.kind])).toEqual([
      [3, 'reminder'],
      [3, 'task'],
    ]);
    expect(late.actions[0]!.skippedSteps).toEqual([2]);
    const actions = await actionsOf(ctx, inv.id);
    expect(actions.map((a) => Number(a.step_position))).toEqual([1, 3, 3]);
    expect(await itemOf(ctx, inv.id)).toMatchObject({ current_step: 3, next_date: '2026-03-29' });
    expect(await countRows(ctx, 'mail_messages')).toBe(mailsBefore + 2);
  });

  it('groups all of a customer’s invoices due a reminder into one statement-style email', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor, { language: 'fr' });
    const a = await invoiceDue(ctx, actor, c.id, 12_000, '2026-03-02');
    const b = await invoiceDue(ctx, actor, c.id, 30_050, '2026-03-03');
    await drainJobs(ctx);
    const result = await runFollowup(ctx, { asOf: '2026-03-12', customerId: c.id });
    expect(result.messages).toBe(1);
    expect(result.emails).toHaveLength(1);
    expect(result.emails[0]!.invoiceNumbers.sort()).toEqual([a.number, b.number].sort());
    const mail = await ctx.db
      .selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', result.emails[0]!.messageId)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(a.number);
    expect(mail.text_body).toContain(b.number);
    expect(mail.text_body).toContain('Bonjour');
    expect(mail.text_body).toMatch(/420,50\s€/);
    const rows = await ctx.db
      .selectFrom('followup_actions')
      .select('message_id')
      .where('invoice_id', 'in', [a.id, b.id])
      .execute();
    expect(new Set(rows.map((r) => r.message_id))).toEqual(new Set([result.emails[0]!.messageId]));
  });

  for (const kind of ['dispute', 'promise', 'payment_processing', 'snooze'] as const) {
    it(`a ${kind} pause stops reminders and ending it resumes them`, async () => {
      const { ctx } = get();
      const c = await customer(ctx, actor);
      const inv = await invoiceDue(ctx, actor, c.id, 9_900, '2026-03-10');
      await drainJobs(ctx);
      const sourceId = `src_${kind}_${inv.id}`;
      await transaction(ctx, actor, (tx) =>
        startPause(tx, { invoiceId: inv.id, kind, sourceId, reason: `test ${kind}`, startsOn: '2026-03-01' }),
      );
      const paused = await runFollowup(ctx, { asOf: '2026-03-20', customerId: c.id });
      expect(paused).toMatchObject({ itemsDue: 0, messages: 0 });
      const ended = await transaction(ctx, actor, (tx) => endPause(tx, { kind, sourceId }, 'resolved'));
      expect(ended).toBe(1);
      const resumed = await runFollowup(ctx, { asOf: '2026-03-20', customerId: c.id });
      expect(resumed).toMatchObject({ itemsClaimed: 1, messages: 1 });
      expect(resumed.actions[0]!.stepPosition).toBe(2);
    });
  }

  it('a pause with an until date holds reminders only until that day', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 5_000, '2026-03-10');
    await drainJobs(ctx);
    await transaction(ctx, actor, (tx) =>
      startPause(tx, {
        invoiceId: inv.id,
        kind: 'promise',
        sourceId: `until_${inv.id}`,
        reason: 'promised for the 25th',
        until: '2026-03-25',
        startsOn: '2026-03-15',
      }),
    );
    expect((await runFollowup(ctx, { asOf: '2026-03-24', customerId: c.id })).messages).toBe(0);
    expect((await runFollowup(ctx, { asOf: '2026-03-25', customerId: c.id })).messages).toBe(1);
  });

  it('paying in full ends follow-up; a partial payment continues from the current step', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const full = await invoiceDue(ctx, actor, c.id, 20_000, '2026-03-10');
    const part = await invoiceDue(ctx, actor, c.id, 20_000, '2026-03-11');
    await drainJobs(ctx);
    await runFollowup(ctx, { asOf: '2026-03-18', customerId: c.id });
    expect(await itemOf(ctx, part.id)).toMatchObject({ current_step: 2, next_date: '2026-04-01' });
    await pay(ctx, c.id, full.id, 20_000);
    await pay(ctx, c.id, part.id, 5_000);
    await drainJobs(ctx);
    expect(await itemOf(ctx, full.id)).toMatchObject({ closed_reason: 'settled', next_date: null });
    expect(await itemOf(ctx, part.id)).toMatchObject({
      current_step: 2,
      next_date: '2026-04-01',
      closed_at: null,
    });
    const next = await runFollowup(ctx, { asOf: '2026-04-01', customerId: c.id });
    expect(next.emails).toHaveLength(1);
    expect(next.emails[0]!.invoiceNumbers).toEqual([part.number]);
    expect(
      next.actions.filter((a) => a.kind === 'reminder').map((a) => [a.invoiceId, a.stepPosition]),
    ).toEqual([[part.id, 3]]);
    expect((await getOpenItem(ctx.db, part.id))!.openAmount).toBe(15_000);
  });

  it('an excluded customer gets nothing; including them again resumes at the latest due step', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 7_000, '2026-04-10');
    await drainJobs(ctx);
    await setCustomerSettings(ctx, actor, c.id, {
      policyId: null,
      excluded: true,
      exclusionReason: 'Key account',
    });
    expect(await itemOf(ctx, inv.id)).toMatchObject({ policy_id: null, next_date: null });
    expect((await runFollowup(ctx, { asOf: '2026-05-01', customerId: c.id })).messages).toBe(0);
    await setCustomerSettings(ctx, actor, c.id, { policyId: null, excluded: false });
    const resumed = await runFollowup(ctx, { asOf: '2026-05-01', customerId: c.id });
    expect(resumed.actions.map((a) => a.stepPosition)).toEqual([3, 3]);
  });

  it('sync creates the items of open invoices issued before follow-up existed, once', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 6_100, '2026-04-15');
    await drainJobs(ctx);
    // As on a database that had invoices before the follow-up tables: no item.
    await ctx.db.deleteFrom('followup_items').where('invoice_id', '=', inv.id).execute();
    const first = await syncOpenInvoices(ctx, actor);
    expect(first.created).toBe(1);
    expect(await itemOf(ctx, inv.id)).toMatchObject({ current_step: 0, next_date: '2026-04-12' });
    expect((await syncOpenInvoices(ctx, actor)).created).toBe(0);
  });

  it('a dry run lists what would happen and changes nothing', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 4_200, '2026-04-20');
    await drainJobs(ctx);
    const counts = async () =>
      Promise.all(
        ['followup_actions', 'followup_items', 'mail_messages', 'invoices'].map((t) => countRows(ctx, t)),
      );
    const before = await counts();
    const itemBefore = await itemOf(ctx, inv.id);
    const dry = await runFollowup(ctx, { asOf: addDays('2026-04-20', 8), customerId: c.id, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, itemsClaimed: 1, messages: 1 });
    expect(dry.emails[0]!.messageId).toBeNull();
    expect(await counts()).toEqual(before);
    expect(await itemOf(ctx, inv.id)).toEqual(itemBefore);
  });
  it('a step opens its task and places its hold once; paying in full closes the task and releases the hold', async () => {
    const { ctx } = get();
    const c = await customer(ctx, actor);
    const inv = await invoiceDue(ctx, actor, c.id, 50_000, '2026-04-22');
    await drainJobs(ctx);
    // Step 3 (+21: reminder and a finance call task), after a gap.
    await runFollowup(ctx, { asOf: '2026-05-13', customerId: c.id });
    const tasks = await tasksOfRecord(ctx.db, 'invoice', inv.id);
    expect(tasks.filter((t) => t.status === 'open')).toHaveLength(1);
    // Step 4 (+45: final reminder and a credit hold), run twice.
    await runFollowup(ctx, { asOf: '2026-06-06', customerId: c.id });
    await runFollowup(ctx, { asOf: '2026-06-06', customerId: c.id });
    expect((await activeHoldsOf(ctx.db, [c.id])).get(c.id)).toHaveLength(1);
    await pay(ctx, c.id, inv.id, 50_000, '2026-06-08');
    await drainJobs(ctx);
    expect((await activeHoldsOf(ctx.db, [c.id])).get(c.id) ?? []).toHaveLength(0);
    expect((await tasksOfRecord(ctx.db, 'invoice', inv.id)).filter((t) => t.status === 'open')).toHaveLength(
      0,
    );
  });

  it('charges fixed and percentage fees and simple interest as fee invoices, exactly', async () => {
    const { ctx } = get();
    const policy = await createPolicy(ctx, actor, {
      name: `Fees ${ctx.dialect}`,
      steps: [
        {
          name: 'Compensation',
          offsetDays: 10,
          tone: 'firm',
          actions: [
            { type: 'reminder' },
            { type: 'late_fee', mode: 'fixed', amount: 4000, currency: 'EUR' },
            { type: 'interest', annualRatePercent: '10' },
          ],
        },
        {
          name: 'Penalty',
          offsetDays: 40,
          tone: 'final',
          actions: [
            { type: 'late_fee', mode: 'percent', percent: '5' },
            { type: 'interest', annualRatePercent: '10' },
          ],
        },
      ],
    });
    const c = await customer(ctx, actor);
    await setCustomerSettings(ctx, actor, c.id, { policyId: policy.id, excluded: false });
    const inv = await invoiceDue(ctx, actor, c.id, 123_456, '2026-04-01');
    await drainJobs(ctx);
    const first = await runFollowup(ctx, { asOf: '2026-04-11', customerId: c.id });
    expect(first.fees).toBe(2);
    const second = await runFollowup(ctx, { asOf: '2026-05-11', customerId: c.id });
    expect(second.fees).toBe(2);
    const rows = await actionsOf(ctx, inv.id);
    const charged = rows
      .filter((r) => r.fee_invoice_id !== null)
      .map((r) => [Number(r.step_position), r.kind, Number(r.amount)]);
    expect(charged).toEqual([
      [1, 'late_fee', 4000],
      // 123456 × 10% × 10 / 365 = 338.24 → 338
      [1, 'interest', 338],
      // 5% of 123456 = 6172.8 → 6173
      [2, 'late_fee', 6173],
      // 30 more days (04-11 → 05-11): 123456 × 10% × 30 / 365 = 1014.71 → 1015
      [2, 'interest', 1015],
    ]);
    for (const row of rows.filter((r) => r.fee_invoice_id)) {
      const fee = await getOpenItem(ctx.db, row.fee_invoice_id!);
      expect(fee).toMatchObject({ openAmount: Number(row.amount), currency: 'EUR', customerId: c.id });
      expect(await itemOf(ctx, row.fee_invoice_id!)).toMatchObject({ kind: 'fee' });
    }
  });
});
