/**
 * The mail outbox. Code that wants to send mail queues it in its own transaction; the `mail.send` job
 * (sender.ts) delivers it after commit. A rolled-back change therefore never sends anything.
 */
import { z } from 'zod';
import type { Tx } from '../db/transaction.js';
import { newId } from '../ids.js';

export const MAIL_SEND_JOB = 'mail.send';
export const MAIL_MAX_ATTEMPTS = 8;

export type MailState = 'queued' | 'sending' | 'sent' | 'bounced' | 'failed' | 'held';

// CR/LF in a header value would let a caller inject headers.
const headerSafe = z.string().refine((v) => !/[\r\n]/.test(v), { message: 'must be a single line' });
const address = headerSafe.pipe(
  z.string().min(3).max(320).includes('@', { message: 'must be an email address' }),
);

export const queueMailSchema = z.object({
  to: z.array(address).min(1, 'needs at least one recipient'),
  cc: z.array(address).default([]),
  replyTo: address.optional(),
  subject: headerSafe.pipe(z.string().min(1).max(998)),
  text: z.string(),
  html: z.string().optional(),
  attachments: z
    .array(
      z.object({
        filename: headerSafe.pipe(z.string().min(1).max(255)),
        contentType: headerSafe.pipe(z.string().min(3)),
        content: z.instanceof(Buffer),
      }),
    )
    .default([]),
  related: z.object({ type: z.string().min(1), id: z.string().min(1) }).optional(),
});

export type QueueMailInput = z.input<typeof queueMailSchema>;

/** Appends one line to a message's log; in the caller's transaction. */
export async function recordMailEvent(
  tx: Pick<Tx, 'db' | 'now'>,
  messageId: string,
  event: string,
  detail?: string | null,
) {
  await tx.db
    .insertInto('mail_events')
    .values({ id: newId('mev'), message_id: messageId, at: tx.now, event, detail: detail ?? null })
    .execute();
}

/** Queues a message in the caller's transaction and returns its id. */
export async function queueMail(tx: Tx, input: QueueMailInput): Promise<string> {
  const mail = queueMailSchema.parse(input);
  const id = newId('mail');
  await tx.db
    .insertInto('mail_messages')
    .values({
      id,
      // The sender stamps the configured MAIL_FROM when it sends; a change of sender applies to queued mail.
      from_address: '',
      to_addresses: JSON.stringify(mail.to),
      cc_addresses: JSON.stringify(mail.cc),
      reply_to: mail.replyTo ?? null,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      state: 'queued',
      attempts: 0,
      related_type: mail.related?.type ?? null,
      related_id: mail.related?.id ?? null,
      created_at: tx.now,
      updated_at: tx.now,
    })
    .execute();
  for (const attachment of mail.attachments) {
    await tx.db
      .insertInto('mail_attachments')
      .values({
        id: newId('att'),
        message_id: id,
        filename: attachment.filename,
        content_type: attachment.contentType,
        content: attachment.content,
      })
      .execute();
  }
  await recordMailEvent(tx, id, 'queued', `to ${mail.to.join(', ')}`);
  await tx.enqueue({
    name: MAIL_SEND_JOB,
    payload: { messageId: id },
    dedupeKey: `mail:${id}`,
    maxAttempts: MAIL_MAX_ATTEMPTS,
  });
  return id;
}
