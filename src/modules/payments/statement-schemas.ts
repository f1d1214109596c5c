/** The statement's shapes at the HTTP boundary. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { moneyCurrencySchema } from './schemas.js';
import { STATEMENT_BUCKETS } from './statement.js';

export const statementQuerySchema = z.object({
  from: businessDateSchema
    .optional()
    .describe("First day of the period (default: the first of `to`'s month)"),
  to: businessDateSchema.optional().describe('Last day of the period (default: today)'),
  currency: moneyCurrencySchema.optional().describe("Default: the customer's currency"),
});

export const statementFormatSchema = z.object({
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
});

const amount = z.number().int();

export const statementSchema = z.object({
  customerId: z.string(),
  customer: z.object({ code: z.string(), name: z.string(), language: z.string() }),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  generatedOn: z.string(),
  openingBalance: amount,
  closingBalance: amount,
  totals: z.object({ debit: amount, credit: amount }),
  lines: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['invoice', 'credit_note', 'payment', 'payment_reversal', 'refund', 'write_off', 'fee']),
      id: z.string(),
      reference: z.string().nullable(),
      description: z.string(),
      debit: amount,
      credit: amount,
      balance: amount,
    }),
  ),
  aging: z.object({
    asOf: z.string(),
    buckets: z.array(z.object({ key: z.enum(STATEMENT_BUCKETS), amount })),
    openInvoices: amount,
    overdue: amount,
    unusedCredit: amount,
    unappliedPayments: amount,
    openCharges: amount,
    balance: amount,
  }),
  openItems: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['invoice', 'credit_note']),
      number: z.string(),
      issueDate: z.string(),
      dueDate: z.string(),
      grossTotal: amount,
      openAmount: amount,
      daysOverdue: z.number().int(),
      bucket: z.enum(STATEMENT_BUCKETS).nullable(),
    }),
  ),
});

export const statementSentSchema = z.object({
  messageId: z.string(),
  to: z.array(z.string()),
  filename: z.string(),
});
