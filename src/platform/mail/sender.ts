/**
 * The `mail.send` job: delivers one queued message through SMTP (nodemailer) and records the outcome.
 *
 * Exactly-one-send guard: the job first moves the message queued → sending in a guarded update; only
 * the job that wins that update talks to SMTP, so a duplicate job finds it `sending`/`sent` and stops.
 *
 * Crash while `sending` — AT MOST ONCE. If the process dies between handing the message to the SMTP
 * server and recording `sent`, we cannot know whether the server took it. The job's lease expires and
 * the retry finds the message still `sending` under its own job id: it marks it `failed` (event
 * `interrupted`) instead of sending again. Duplicate payment reminders to a customer do more harm than
 * one reminder an operator sees as failed and can resend (retryFailedMail) after checking.
 */
import { createTransport } from 'nodemailer';
import { z } from 'zod';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { type Tx, transaction } from '../db/transaction.js';
import type { JobHandlerContext, JobRecord } from '../jobs/types.js';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_JOB, recordMailEvent } from './outbox.js';

const payloadSchema = z.object({ messageId: z.string().min(1) });
const actor = systemActor(MAIL_SEND_JOB);

type Transport = ReturnType<typeof createTransport>;
const transports = new Map<string, Transport>();

/** One transport per SMTP URL per process (nodemailer keeps no connection open between sends without pooling). */
function transportFor(url: string): Transport {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

export function registerMailSender(ctx: AppContext): void {
  ctx.jobs.register({
    name: MAIL_SEND_JOB,
    maxAttempts: MAIL_MAX_ATTEMPTS,
    leaseMs: 2 * 60_000,
    handler: sendQueuedMail,
  });
}

const sendingDetail = (attempt: number, job: JobRecord) => `attempt ${attempt} (job ${job.id})`;

async function sendQueuedMail({ ctx, job }: JobHandlerContext): Promise<void> {
  const { messageId } = payloadSchema.parse(job.payload);
  const smtpUrl = ctx.config.SMTP_URL;
  if (!smtpUrl) {
    await transaction(ctx, actor, async (tx) => {
      if (await move(tx, messageId, 'queued', 'held')) {
        await recordMailEvent(
          tx,
          messageId,
          'held',
          'SMTP is not configured (SMTP_URL is unset); the message is kept and will be sent once SMTP is configured and held mail is released.',
        );
      }
    });
    return;
  }
  // Read before the claim: nothing that can fail may sit between `sending` and the SMTP call.
  const attachments = await ctx.db
    .selectFrom('mail_attachments')
    .select(['filename', 'content_type', 'content'])
    .where('message_id', '=', messageId)
    .orderBy('id')
    .execute();
  const claimed = await transaction(ctx, actor, (tx) => claim(tx, messageId, job, ctx.config.MAIL_FROM));
  if (!claimed) return;
  let info: {
    messageId: string;
    response: string;
    rejected?: unknown[];
    rejectedErrors?: { response?: string }[];
  };
  try {
    info = await transportFor(smtpUrl).sendMail({
      from: ctx.config.MAIL_FROM,
      to: JSON.parse(claimed.to_addresses),
      cc: JSON.parse(claimed.cc_addresses),
      replyTo: claimed.reply_to ?? undefined,
      subject: claimed.subject,
      text: claimed.text_body,
      html: claimed.html_body ?? undefined,
      headers: { 'X-Duely-Message': messageId },
      attachments: attachments.map((a) => ({
        filename: a.filename,
        contentType: a.content_type,
        content: Buffer.from(a.content),
      })),
    });
  } catch (error) {
    await recordFailure(ctx, messageId, job, error);
    return;
  }
  await transaction(ctx, actor, async (tx) => {
    const updated = await tx.db
      .updateTable('mail_messages')
      .set({
        state: 'sent',
        smtp_message_id: info.messageId,
        sent_at: tx.now,
        updated_at: tx.now,
        last_error: null,
      })
      .where('id', '=', messageId)
      .where('state', '=', 'sending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await recordMailEvent(tx, messageId, 'sent', info.response);
    for (const rejected of info.rejectedErrors ?? []) {
      await recordMailEvent(tx, messageId, 'recipient_rejected', rejected.response ?? null);
    }
  });
}

type MessageRow = {
  state: string;
  attempts: number;
  to_addresses: string;
  cc_addresses: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
};

/** queued → sending, in one guarded update. Returns the row when this job may send it. */
async function claim(
  tx: Tx,
  messageId: string,
  job: JobRecord,
  from: string,
): Promise<MessageRow | undefined> {
  const row = (await tx.db
    .selectFrom('mail_messages')
    .selectAll()
    .where('id', '=', messageId)
    .executeTakeFirst()) as MessageRow | undefined;
  if (!row) return undefined;
  if (row.state === 'sending') {
    const last = await tx.db
      .selectFrom('mail_events')
      .select('detail')
      .where('message_id', '=', messageId)
      .where('event', '=', 'sending')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    // Another job is sending it right now: not ours to touch. Our own earlier attempt: it crashed mid-send.
    if (
      last?.detail?.includes(`(job ${job.id})`) &&
      (await move(tx, messageId, 'sending', 'failed', 'interrupted while sending'))
    ) {
      await recordMailEvent(
        tx,
        messageId,
        'interrupted',
        'The worker stopped while handing the message to the SMTP server; it may or may not have been delivered, so it is not sent again automatically.',
      );
    }
    return undefined;
  }
  if (row.state !== 'queued') return undefined;
  const attempt = Number(row.attempts) + 1;
  const moved = await tx.db
    .updateTable('mail_messages')
    .set({ state: 'sending', attempts: attempt, from_address: from, updated_at: tx.now })
    .where('id', '=', messageId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return undefined;
  await recordMailEvent(tx, messageId, 'sending', sendingDetail(attempt, job));
  return row;
}

async function move(
  tx: Tx,
  messageId: string,
  from: string,
  to: string,
  lastError?: string,
): Promise<boolean> {
  const result = await tx.db
    .updateTable('mail_messages')
    .set({ state: to, updated_at: tx.now, ...(lastError === undefined ? {} : { last_error: lastError }) })
    .where('id', '=', messageId)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

type SmtpError = {
  message?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  code?: string;
};

/** Permanent SMTP answers end the message; anything else goes back to queued and the job is retried. */
export function classifySmtpError(error: unknown): 'bounced' | 'failed' | 'transient' {
  const { responseCode, command } = (error ?? {}) as SmtpError;
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) {
    return command === 'RCPT TO' ? 'bounced' : 'failed';
  }
  return 'transient';
}

async function recordFailure(
  ctx: AppContext,
  messageId: string,
  job: JobRecord,
  error: unknown,
): Promise<void> {
  const smtp = (error ?? {}) as SmtpError;
  const detail = smtp.response ?? smtp.message ?? String(error);
  const kind = classifySmtpError(error);
  const lastAttempt = job.attempts >= job.maxAttempts;
  const state = kind === 'transient' ? (lastAttempt ? 'failed' : 'queued') : kind;
  await transaction(ctx, actor, async (tx) => {
    if (!(await move(tx, messageId, 'sending', state, detail))) return;
    const event = kind === 'bounced' ? 'bounced' : state === 'failed' ? 'failed' : 'attempt_failed';
    await recordMailEvent(tx, messageId, event, detail);
  });
  ctx.logger.warn({ messageId, outcome: state, smtp: detail }, 'mail not sent');
  // Thrown so the job runner schedules the retry with its backoff.
  if (state === 'queued') throw new Error(`SMTP: ${detail}`);
}
