/** Against a real SMTP server (smtp-server) listening on a local port: no mocks. */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { attachmentContent, type SmtpTestServer, startSmtpServer } from '../../../tests/support/smtp.js';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { JobRegistry } from '../jobs/registry.js';
import { JobRunner } from '../jobs/runner.js';
import { getMail, listMail, purgeOldMail, releaseHeldMail, retryFailedMail } from './admin.js';
import { MAIL_SEND_JOB, type QueueMailInput, queueMail } from './outbox.js';
import { classifySmtpError, closeMailTransports, registerMailSender } from './sender.js';

const START = '2026-12-04T09:00:00.000Z';
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer({
    answers: [
      { to: /^nobody@/, code: 550, message: '5.1.1 No such user here' },
      { to: /^greylisted@/, code: 451, message: '4.7.1 Try again later', attempts: 1 },
      { to: /^spam-trap@/, code: 554, message: '5.7.1 Message rejected as spam', at: 'data' },
    ],
  });
});

afterAll(async () => {
  closeMailTransports();
  await smtp.close();
});

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 7), Buffer.from('\n%%EOF\n')]);

describeEachDatabase('mail outbox and sender', (get) => {
  let ctx: AppContext;
  let unconfigured: AppContext;

  beforeAll(() => {
    // One job registry for both: handlers read SMTP settings from the context of the runner that runs them.
    const jobs = new JobRegistry();
    ctx = {
      ...get().ctx,
      jobs,
      config: { ...get().config, SMTP_URL: smtp.url, MAIL_FROM: 'Duely Billing <billing@duely.test>' },
    };
    unconfigured = { ...get().ctx, jobs, config: { ...get().config, SMTP_URL: undefined } };
    registerMailSender(ctx);
  });

  beforeEach(async () => {
    const { db } = get().ctx;
    for (const table of ['mail_events', 'mail_attachments', 'mail_messages', 'jobs'])
      await db.deleteFrom(table).execute();
    get().clock.set(START);
    smtp.reset();
  });

  const queue = (input: QueueMailInput, on = ctx) =>
    transaction(on, systemActor('test'), (tx) => queueMail(tx, input));
  const run = (on = ctx) =>
    new JobRunner(on, { concurrency: 4, pollMs: 1000, backoff: { baseMs: 60_000, jitter: 0 } }).runOnce();
  const events = async (id: string) => (await getMail(get().ctx.db, id))!.events.map((e) => e.event);

  it('sends a message with its attachment, headers and body', async () => {
    const id = await queue({
      to: ['client@example.com'],
      cc: ['accounts@example.com'],
      replyTo: 'ar@duely.test',
      subject: 'Invoice INV-2026-000123',
      text: 'Please find your invoice attached.',
      html: '<p>Please find your invoice attached.</p>',
      attachments: [{ filename: 'INV-2026-000123.pdf', contentType: 'application/pdf', content: pdf }],
      related: { type: 'invoice', id: 'inv_1' },
    });
    expect(await run()).toBe(1);

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.from).toBe('billing@duely.test');
    expect(mail!.to.sort()).toEqual(['accounts@example.com', 'client@example.com']);
    expect(mail!.raw).toMatch(/^Subject: Invoice INV-2026-000123\r?$/m);
    expect(mail!.raw).toMatch(/^From: Duely Billing <billing@duely\.test>\r?$/m);
    expect(mail!.raw).toMatch(/^To: client@example\.com\r?$/m);
    expect(mail!.raw).toMatch(/^Cc: accounts@example\.com\r?$/m);
    expect(mail!.raw).toMatch(/^Reply-To: ar@duely\.test\r?$/m);
    expect(mail!.raw).toMatch(new RegExp(`^X-Duely-Message: ${id}\\r?$`, 'm'));
    expect(mail!.raw).toContain('Please find your invoice attached.');
    expect(mail!.raw).toMatch(/Content-Type: application\/pdf; name=INV-2026-000123\.pdf/);
    expect(mail!.raw).toMatch(/Content-Disposition: attachment; filename=INV-2026-000123\.pdf/);
    expect(attachmentContent(mail!.raw, 'INV-2026-000123.pdf')?.equals(pdf)).toBe(true);

    const detail = (await getMail(get().ctx.db, id))!;
    expect(detail).toMatchObject({
      id,
      to: ['client@example.com'],
      cc: ['accounts@example.com'],
      from: 'Duely Billing <billing@duely.test>',
      state: 'sent',
      attempts: 1,
      lastError: null,
      sentAt: START,
      related: { type: 'invoice', id: 'inv_1' },
      attachments: [{ filename: 'INV-2026-000123.pdf', contentType: 'application/pdf', size: pdf.length }],
    });
    expect(detail.smtpMessageId).toMatch(/^<.+@.+>$/);
    expect(mail!.raw).toContain(detail.smtpMessageId!);
    expect(detail.events.map((e) => e.event)).toEqual(['queued', 'sending', 'sent']);
    expect(detail.events[2]!.detail).toMatch(/^250/);
  });

  it('a recipient the server refuses with 550 bounces, without retry', async () => {
    const id = await queue({ to: ['nobody@example.com'], subject: 'Reminder', text: 'Hello' });
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({
      state: 'bounced',
      attempts: 1,
      lastError: expect.stringMatching(/^550 .*No such user/),
    });
    expect(await events(id)).toEqual(['queued', 'sending', 'bounced']);
    get().clock.advance(86_400_000);
    expect(await run()).toBe(0);
    expect(smtp.attempts('nobody@example.com')).toBe(1);
    expect(smtp.messages).toEqual([]);
  });

  it('any other permanent answer fails the message, without retry', async () => {
    const id = await queue({ to: ['spam-trap@example.com'], subject: 'Offer', text: 'Hello' });
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^554 /),
    });
    expect(await events(id)).toEqual(['queued', 'sending', 'failed']);
    get().clock.advance(86_400_000);
    expect(await run()).toBe(0);
  });

  it('a temporary 451 is retried with backoff and then sent, the failed attempt in the log', async () => {
    const id = await queue({ to: ['greylisted@example.com'], subject: 'Reminder', text: 'Hello' });
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: expect.stringMatching(/^451 /),
    });
    const [job] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({ state: 'queued', run_at: '2026-12-04T09:01:00.000Z' });
    expect(await run()).toBe(0);
    get().clock.advance(60_000);
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(await events(id)).toEqual(['queued', 'sending', 'attempt_failed', 'sending', 'sent']);
    expect(smtp.messages).toHaveLength(1);
  });

  it('fails after the last attempt when the server stays unreachable', async () => {
    const unreachable = { ...ctx, config: { ...ctx.config, SMTP_URL: 'smtp://127.0.0.1:1' } };
    const id = await queue({ to: ['client@example.com'], subject: 'Reminder', text: 'Hello' });
    await get().ctx.db.updateTable('jobs').set({ max_attempts: 2 }).execute();
    await run(unreachable);
    get().clock.advance(60_000);
    await run(unreachable);
    const mail = (await getMail(get().ctx.db, id))!;
    expect(mail).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    expect(mail.events.map((e) => e.event)).toEqual([
      'queued',
      'sending',
      'attempt_failed',
      'sending',
      'failed',
    ]);
    const [job] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(job!.state).toBe('done');
  });

  it('a duplicate send job delivers exactly one message', async () => {
    const id = await queue({ to: ['client@example.com'], subject: 'Once', text: 'Only once' });
    // A second job for the same message (as if enqueued twice); both run at the same time.
    await transaction(ctx, systemActor('test'), (tx) =>
      tx.enqueue({ name: MAIL_SEND_JOB, payload: { messageId: id }, dedupeKey: 'dup' }),
    );
    expect(await run()).toBe(2);
    // And once more, later.
    await transaction(ctx, systemActor('test'), (tx) =>
      tx.enqueue({ name: MAIL_SEND_JOB, payload: { messageId: id }, dedupeKey: 'dup-2' }),
    );
    expect(await run()).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    expect(await getMail(get().ctx.db, id)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await events(id)).toEqual(['queued', 'sending', 'sent']);
  });

  it('a crash while sending is not resent automatically (at most once) and can be retried by an operator', async () => {
    const id = await queue({ to: ['client@example.com'], subject: 'Interrupted', text: 'Hello' });
    // The worker claims the job and the message, then dies before SMTP answers.
    const [job] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    await get()
      .ctx.db.updateTable('jobs')
      .set({ state: 'running', attempts: 1, locked_by: 'dead-worker', locked_until: START })
      .execute();
    await get().ctx.db.updateTable('mail_messages').set({ state: 'sending', attempts: 1 }).execute();
    await get()
      .ctx.db.insertInto('mail_events')
      .values({
        id: 'mev_crash',
        message_id: id,
        at: START,
        event: 'sending',
        detail: `attempt 1 (job ${job!.id})`,
      })
      .execute();
    get().clock.advance(1000);
    expect(await run()).toBe(1);
    expect(await getMail(get().ctx.db, id)).toMatchObject({
      state: 'failed',
      lastError: 'interrupted while sending',
    });
    expect(await events(id)).toEqual(['queued', 'sending', 'interrupted']);
    expect(smtp.messages).toEqual([]);

    expect(await retryFailedMail(ctx, systemActor('operator'), id)).toBe(true);
    expect(await retryFailedMail(ctx, systemActor('operator'), id)).toBe(false);
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('without SMTP configured, mail is held, and released once SMTP is configured', async () => {
    const id = await queue({ to: ['client@example.com'], subject: 'Held', text: 'Hello' }, unconfigured);
    await run(unconfigured);
    const held = (await getMail(get().ctx.db, id))!;
    expect(held.state).toBe('held');
    expect(held.events.at(-1)).toMatchObject({
      event: 'held',
      detail: expect.stringMatching(/SMTP is not configured/),
    });
    expect(smtp.messages).toEqual([]);

    expect(await releaseHeldMail(unconfigured)).toBe(0);
    expect(await releaseHeldMail(ctx)).toBe(1);
    expect(await releaseHeldMail(ctx)).toBe(0);
    await run();
    expect(await getMail(get().ctx.db, id)).toMatchObject({ state: 'sent' });
    expect(await events(id)).toEqual(['queued', 'held', 'released', 'sending', 'sent']);
    expect(smtp.messages).toHaveLength(1);
  });

  it('mail queued in a rolled-back transaction is never sent', async () => {
    await expect(
      transaction(ctx, systemActor('test'), async (tx) => {
        await queueMail(tx, { to: ['client@example.com'], subject: 'Never', text: 'Hello' });
        throw new Error('invoice rejected');
      }),
    ).rejects.toThrow('invoice rejected');
    expect(await run()).toBe(0);
    expect(smtp.messages).toEqual([]);
    expect((await listMail(get().ctx.db, { limit: 10 })).items).toEqual([]);
  });

  it('rejects header injection and empty recipient lists', async () => {
    await expect(queue({ to: [], subject: 'x', text: '' })).rejects.toThrow(/recipient/);
    await expect(queue({ to: ['a@b.c'], subject: 'x\r\nBcc: victim@example.com', text: '' })).rejects.toThrow(
      /single line/,
    );
    await expect(queue({ to: ['a@b.c\nBcc: v@e.com'], subject: 'x', text: '' })).rejects.toThrow(
      /single line/,
    );
  });

  it('lists newest first with a cursor and a state filter, and purges old finished mail', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await queue({ to: [`c${i}@example.com`], subject: `S${i}`, text: 'x' }));
    const page1 = await listMail(get().ctx.db, { limit: 2 });
    expect(page1.items.map((m) => m.subject)).toEqual(['S2', 'S1']);
    expect(page1.items[0]).toEqual({
      id: ids[2],
      to: ['c2@example.com'],
      subject: 'S2',
      state: 'queued',
      attempts: 0,
      lastError: null,
      createdAt: START,
      sentAt: null,
    });
    const page2 = await listMail(get().ctx.db, { limit: 2, cursor: page1.nextCursor });
    expect(page2).toMatchObject({ items: [{ subject: 'S0' }], nextCursor: null });
    await run();
    expect((await listMail(get().ctx.db, { state: 'sent', limit: 10 })).items).toHaveLength(3);
    expect(await purgeOldMail(ctx, START)).toBe(0);
    expect(await purgeOldMail(ctx, '2026-12-05T00:00:00.000Z')).toBe(3);
    expect(await getMail(get().ctx.db, ids[0]!)).toBeUndefined();
    expect(await get().ctx.db.selectFrom('mail_events').selectAll().execute()).toEqual([]);
  });
});

it('classifies SMTP errors', () => {
  expect(classifySmtpError({ responseCode: 550, command: 'RCPT TO' })).toBe('bounced');
  expect(classifySmtpError({ responseCode: 554, command: 'DATA' })).toBe('failed');
  expect(classifySmtpError({ responseCode: 451, command: 'RCPT TO' })).toBe('transient');
  expect(classifySmtpError({ code: 'ECONNECTION' })).toBe('transient');
  expect(classifySmtpError(undefined)).toBe('transient');
});
