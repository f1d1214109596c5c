/**
 * What a statement PDF shows: a plain, fully computed view model. The statement service fills it; the
 * renderer only lays it out (and words each line in the document's language) and never adds amounts up.
 * Amounts are integer minor units of `currency`, signed: positive = the customer owes.
 */
import { z } from 'zod';
import { businessDateSchema } from '../../../platform/dates.js';
import { currencySchema } from '../../../platform/money.js';
import { STATEMENT_LANGUAGES } from './labels.js';

const text = z.string().trim().min(1, 'is required').max(500);
const amount = z.number().refine(Number.isSafeInteger, 'must be an integer amount of minor units');
const nonNegative = amount.refine((v) => v >= 0, 'must not be negative');
const address = z.array(text).min(1, 'needs at least one line').max(6);

const locale = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'must be a BCP 47 locale such as fr-BE');

export const LINE_KINDS = [
  'invoice',
  'credit_note',
  'payment',
  'payment_reversal',
  'refund',
  'write_off',
  'fee',
] as const;
export const BUCKET_KEYS = ['current', '1-30', '31-60', '61-90', '90+'] as const;

const lineSchema = z.strictObject({
  date: businessDateSchema,
  kind: z.enum(LINE_KINDS),
  reference: z.string().max(500).nullable(),
  debit: nonNegative,
  credit: nonNegative,
  balance: amount,
  detail: z
    .strictObject({
      dueDate: businessDateSchema.optional(),
      void: z.boolean().optional(),
      creditedNumber: z.string().optional(),
      method: z.string().optional(),
      chequeNumber: z.string().nullable().optional(),
      text: z.string().max(2000).nullable().optional(),
      reversed: z.boolean().optional(),
    })
    .default({}),
});

export const statementPdfViewSchema = z
  .strictObject({
    language: z.enum(STATEMENT_LANGUAGES),
    /** Formatting locale for numbers and dates (e.g. fr-BE); defaults to the language's. */
    locale: locale.optional(),
    /** The day the statement was produced; also the PDF's creation date (so a re-render is identical). */
    generatedOn: businessDateSchema,
    currency: currencySchema,
    from: businessDateSchema,
    to: businessDateSchema,
    seller: z.strictObject({
      legalName: text,
      tradingName: text.optional(),
      address,
      vatId: text.optional(),
      companyRegistration: text.optional(),
      legalForm: text.optional(),
      email: z.email('must be an email address').optional(),
      phone: text.optional(),
      website: text.optional(),
    }),
    customer: z.strictObject({ name: text, code: text, address, vatId: text.optional() }),
    openingBalance: amount,
    closingBalance: amount,
    totals: z.strictObject({ debit: nonNegative, credit: nonNegative }),
    lines: z.array(lineSchema),
    aging: z.strictObject({
      buckets: z.array(z.strictObject({ key: z.enum(BUCKET_KEYS), amount: nonNegative })).length(5),
      openInvoices: nonNegative,
      unusedCredit: nonNegative,
      unappliedPayments: amount,
      openCharges: nonNegative,
    }),
    openItems: z
      .array(
        z.strictObject({
          kind: z.enum(['invoice', 'credit_note']),
          number: text,
          issueDate: businessDateSchema,
          dueDate: businessDateSchema,
          daysOverdue: z.number().int().min(0),
          grossTotal: amount,
          openAmount: amount,
        }),
      )
      .default([]),
  })
  .superRefine((view, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (view.from > view.to) issue(['from'], `must be on or before to (${view.to})`);
    let balance = view.openingBalance;
    view.lines.forEach((line, i) => {
      balance += line.debit - line.credit;
      if (line.balance !== balance)
        issue(['lines', i, 'balance'], `must be the running balance (${balance})`);
      if (line.date < view.from || line.date > view.to) issue(['lines', i, 'date'], 'is outside the period');
    });
    if (balance !== view.closingBalance)
      issue(['closingBalance'], `must be the opening balance plus the movements (${balance})`);
    const debit = view.lines.reduce((s, l) => s + l.debit, 0);
    const credit = view.lines.reduce((s, l) => s + l.credit, 0);
    if (view.totals.debit !== debit) issue(['totals', 'debit'], `must be the sum of the debits (${debit})`);
    if (view.totals.credit !== credit)
      issue(['totals', 'credit'], `must be the sum of the credits (${credit})`);
    const a = view.aging;
    const open = a.buckets.reduce((s, b) => s + b.amount, 0);
    if (a.openInvoices !== open) issue(['aging', 'openInvoices'], `must be the sum of the buckets (${open})`);
    const agingBalance = a.openInvoices + a.openCharges - a.unusedCredit - a.unappliedPayments;
    if (agingBalance !== view.closingBalance)
      issue(['aging'], `adds up to ${agingBalance}, not the closing balance ${view.closingBalance}`);
  });

export type StatementPdfView = z.output<typeof statementPdfViewSchema>;
/** What callers pass: defaults may be left out. */
export type StatementPdfViewInput = z.input<typeof statementPdfViewSchema>;
