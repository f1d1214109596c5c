/** Emailing an issued invoice or credit note (its archived PDF) to the customer's invoice contact(s). */
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { getArchivedDocument } from '../../platform/documents/index.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { getMail, type MailDetail } from '../../platform/mail/admin.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { money } from '../../platform/money.js';
import { billingContact, findCustomerIn } from '../customers/index.js';
import { nameOf } from './invoices-service.js';
import { invoiceMail, MAIL_LANGUAGES, type MailLanguage } from './mail-templates.js';
import { type BuyerSnapshot, documentLanguage, type SellerSnapshot } from './rules.js';
import * as store from './store.js';

export const sendSchema = z.strictObject({
  to: z
    .array(z.email('must be an email address').max(254))
    .min(1)
    .max(20)
    .optional()
    .describe("Default: the customer's invoice contact(s)"),
  cc: z.array(z.email('must be an email address').max(254)).max(20).optional(),
});
export type SendInput = z.infer<typeof sendSchema>;

export async function sendInvoice(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SendInput,
): Promise<{ messageId: string; to: string[] }> {
  return transaction(ctx, actor, async (tx) => {
    const row = await store.findInvoice(tx.db, id);
    if (!row) throw notFound('invoice', id);
    if (row.status === 'draft')
      throw conflict(`${nameOf(row)} is not issued yet; issue it before sending it.`);
    if (row.status === 'void') throw conflict(`${nameOf(row)} is void; there is nothing to send.`);
    let to = input.to;
    if (!to) {
      const customer = await findCustomerIn(tx.db, row.customer_id);
      to = customer ? billingContact(customer).flatMap((c) => (c.email ? [c.email] : [])) : [];
      if (to.length === 0)
        throw validationError(
          `The customer of ${nameOf(row)} has no contact with an email address to send invoices to; add one or give "to".`,
          [{ path: 'to', message: 'is required: the customer has no invoice contact with an email' }],
        );
    }
    const pdf = row.pdf_document_id ? await getArchivedDocument(tx.db, row.pdf_document_id) : undefined;
    if (!pdf) throw new Error(`${nameOf(row)} has no archived PDF`);
    const language = documentLanguage(row.language, MAIL_LANGUAGES) as MailLanguage;
    const seller = JSON.parse(row.seller!) as SellerSnapshot;
    const buyer = JSON.parse(row.buyer!) as BuyerSnapshot;
    const mail = invoiceMail(language, row.language, {
      kind: row.kind,
      number: row.number!,
      issueDate: row.issue_date!,
      dueDate: row.kind === 'invoice' ? row.due_date : null,
      amountDue: money(Number(row.open_amount), row.currency),
      gross: money(Number(row.gross_total), row.currency),
      rfReference: row.rf_reference,
      seller,
      buyerName: buyer.name,
    });
    const messageId = await queueMail(tx, {
      to,
      cc: input.cc ?? [],
      ...(seller.email ? { replyTo: seller.email } : {}),
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: pdf.filename, contentType: pdf.contentType, content: pdf.content }],
      related: { type: 'invoice', id },
    });
    tx.audit({ action: `${row.kind}.sent`, entityType: row.kind, entityId: id, after: { messageId, to } });
    await tx.emit({
      type: 'invoice.sent',
      aggregateType: row.kind,
      aggregateId: id,
      payload: { invoiceId: id, number: row.number, customerId: row.customer_id, messageId },
    });
    return { messageId, to };
  });
}

/** The messages sent for a document, newest first, each with its delivery log (queued, sent, failed, bounced). */
export async function invoiceMessages(db: AnyDb, id: string): Promise<MailDetail[]> {
  if (!(await store.findInvoice(db, id))) throw notFound('invoice', id);
  // The platform's mail outbox, read through its own query for the details; only the lookup by relation is here.
  const ids = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('related_type', '=', 'invoice')
    .where('related_id', '=', id)
    .orderBy('id', 'desc')
    .execute();
  const messages: MailDetail[] = [];
  for (const { id: messageId } of ids) {
    const mail = await getMail(db, messageId as string);
    if (mail) messages.push(mail);
  }
  return messages;
}
