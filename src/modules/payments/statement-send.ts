/** Emailing a customer statement (its PDF) to the customer's invoice / reminder contact(s) through the mail outbox. */
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { validationError } from '../../platform/errors.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { billingContact, findCustomerIn, reminderContact } from '../customers/index.js';
import { readCompanySettings } from '../invoicing/index.js';
import { today } from './common.js';
import type { StatementInput } from './statement.js';
import { statementScope } from './statement.js';
import { statementLanguage, statementPdfWith } from './statement-document.js';
import { statementMail } from './statement-mail.js';

const email = z.email('must be an email address').max(254);

export const sendStatementSchema = z.strictObject({
  to: z
    .array(email)
    .min(1)
    .max(20)
    .optional()
    .describe("Default: the customer's invoice and reminder contact(s)"),
  cc: z.array(email).max(20).optional(),
});
export type SendStatementInput = z.infer<typeof sendStatementSchema>;

export async function sendStatement(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  period: StatementInput,
  input: SendStatementInput,
): Promise<{ messageId: string; to: string[]; filename: string }> {
  const scope = await statementScope(ctx, customerId, period);
  return transaction(ctx, actor, async (tx) => {
    const customer = (await findCustomerIn(tx.db, customerId)) ?? scope.customer;
    let to = input.to;
    if (!to) {
      const emails = [...billingContact(customer), ...reminderContact(customer)].flatMap((c) =>
        c.email ? [c.email] : [],
      );
      to = [...new Set(emails)];
      if (to.length === 0)
        throw validationError(
          `Customer ${customer.code} has no contact with an email address to send statements to; add one or give "to".`,
          [
            {
              path: 'to',
              message: 'is required: the customer has no invoice or reminder contact with an email',
            },
          ],
        );
    }
    const file = await statementPdfWith(tx.db, customer, { ...scope.period, generatedOn: today(ctx) });
    const settings = await readCompanySettings(tx.db);
    const { statement } = file;
    const { language, locale } = statementLanguage(customer.language);
    const mail = statementMail(
      language,
      {
        customerName: customer.legalName,
        from: statement.from,
        to: statement.to,
        currency: statement.currency,
        closingBalance: statement.closingBalance,
        overdue: statement.aging.overdue,
        sender: settings.tradingName ?? settings.legalName,
      },
      locale,
    );
    const messageId = await queueMail(tx, {
      to,
      cc: input.cc ?? [],
      ...(settings.email ? { replyTo: settings.email } : {}),
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: file.filename, contentType: file.contentType, content: file.content }],
      related: { type: 'customer', id: customerId },
    });
    const summary = {
      messageId,
      to,
      currency: statement.currency,
      period: { from: statement.from, to: statement.to },
      closingBalance: statement.closingBalance,
    };
    tx.audit({ action: 'statement.sent', entityType: 'customer', entityId: customerId, after: summary });
    await tx.emit({
      type: 'statement.sent',
      aggregateType: 'customer',
      aggregateId: customerId,
      payload: {
        customerId,
        messageId,
        currency: statement.currency,
        from: statement.from,
        to: statement.to,
      },
    });
    return { messageId, to, filename: file.filename };
  });
}
