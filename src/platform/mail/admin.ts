/** What the admin screens need from the mail outbox: list, detail with its log, retry, release, purge. */
import { type Actor, systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { AnyDb } from '../db/database.js';
import { transaction } from '../db/transaction.js';
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_JOB, type MailState, recordMailEvent } from './outbox.js';

export interface MailRecord {
  id: string;
  to: string[];
  subject: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface MailEvent {
  at: string;
  event: string;
  detail: string | null;
}

export interface MailDetail extends MailRecord {
  from: string | null;
  cc: string[];
  replyTo: string | null;
  text: string;
  html: string | null;
  smtpMessageId: string | null;
  related: { type: string; id: string } | null;
  attachments: { filename: string; contentType: string; size: number }[];
  events: MailEvent[];
}

/** The `mail_messages` columns a record shows (migrations/0001_platform.ts). */
interface MailRow {
  id: string;
  to_addresses: string;
  subject: string;
  state: MailState;
  attempts: number | string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

function toMailRecord(row: MailRow): MailRecord {
  return {
    id: row.id,
    to: JSON.parse(row.to_addresses),
    subject: row.subject,
    state: row.state,
    attempts: Number(row.attempts),
    lastError: row.last_error ?? null,
    createdAt: row.created_at,
    sentAt: row.sent_at ?? null,
  };
}

/** Newest first; pass the returned cursor to get the next page. */
export async function listMail(
  db: AnyDb,
  options: { state?: MailState; limit: number; cursor?: string | null },
): Promise<{ items: MailRecord[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('mail_messages')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.state) query = query.where('state', '=', options.state);
  if (options.cursor) query = query.where('id', '<', options.cursor);
  const rows = await query.execute();
  const items = (rows as MailRow[]).slice(0, options.limit).map(toMailRecord);
  return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getMail(db: AnyDb, id: string): Promise<MailDetail | undefined> {
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const attachments = await db
    .selectFrom('mail_attachments')
    .select(['filename', 'content_type', 'content'])
    .where('message_id', '=', id)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('mail_events')
    .select(['at', 'event', 'detail'])
    .where('message_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...toMailRecord(row as MailRow),
    from: row.from_address || null,
    cc: JSON.parse(row.cc_addresses),
    replyTo: row.reply_to ?? null,
    text: row.text_body,
    html: row.html_body ?? null,
    smtpMessageId: row.smtp_message_id ?? null,
    related: row.related_type ? { type: row.related_type, id: row.related_id } : null,
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.content_type,
      size: a.content.length,
    })),
    events: events.map((e) => ({ at: e.at, event: e.event, detail: e.detail ?? null })),
  };
}

/** Puts messages back in the queue with a new send job. Guarded, so concurrent callers requeue once. */
async function requeue(
  ctx: AppContext,
  actor: Actor,
  id: string,
  from: MailState,
  event: string,
): Promise<boolean> {
  return transaction(ctx, actor, async (tx) => {
    const moved = await tx.db
      .updateTable('mail_messages')
      .set({ state: 'queued', updated_at: tx.now })
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return false;
    await recordMailEvent(tx, id, event, null);
    // The first job's dedupe key (mail:<id>) is taken; each requeue is a new occurrence.
    await tx.enqueue({
      name: MAIL_SEND_JOB,
      payload: { messageId: id },
      dedupeKey: `mail:${id}:${event}:${tx.now}`,
      maxAttempts: MAIL_MAX_ATTEMPTS,
    });
    if (actor.type !== 'system') tx.audit({ action: `mail.${event}`, entityType: 'mail', entityId: id });
    return true;
  });
}

/**
 * Re-queues every `held` message (kept while SMTP was not configured). Does nothing and returns 0
 * while SMTP_URL is still unset; call it at start-up of a process that has SMTP.
 */
export async function releaseHeldMail(ctx: AppContext, actor?: Actor): Promise<number> {
  if (!ctx.config.SMTP_URL) return 0;
  const held = await ctx.db
    .selectFrom('mail_messages')
    .select('id')
    .where('state', '=', 'held')
    .orderBy('id')
    .execute();
  let released = 0;
  for (const { id } of held) {
    if (await requeue(ctx, actor ?? systemActor('mail.release'), id, 'held', 'released')) released++;
  }
  return released;
}

/** An operator resends a `failed` message (e.g. after an interrupted send they checked did not arrive). */
export async function retryFailedMail(ctx: AppContext, actor: Actor, id: string): Promise<boolean> {
  return requeue(ctx, actor, id, 'failed', 'retried');
}

/** Deletes finished messages (sent, bounced, failed) created before `olderThan`, with their attachments and log. */
export async function purgeOldMail(ctx: AppContext, olderThan: Date | string): Promise<number> {
  const cutoff = new Date(olderThan).toISOString();
  return transaction(ctx, systemActor('mail.purge'), async (tx) => {
    const old = tx.db
      .selectFrom('mail_messages')
      .select('id')
      .where('state', 'in', ['sent', 'bounced', 'failed'])
      .where('created_at', '<', cutoff);
    await tx.db.deleteFrom('mail_attachments').where('message_id', 'in', old).execute();
    await tx.db.deleteFrom('mail_events').where('message_id', 'in', old).execute();
    const result = await tx.db
      .deleteFrom('mail_messages')
      .where('state', 'in', ['sent', 'bounced', 'failed'])
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
