/** The payments module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { currencySchema } from '../../platform/money.js';
import { paymentState } from './rules.js';
import type { AllocationRow, ChargeRow, CreditRow, PaymentRow, RefundRow, WriteOffRow } from './store.js';

export const PAYMENT_METHODS = ['bank_transfer', 'cheque', 'card', 'online', 'cash'] as const;
export const methodSchema = z.enum(PAYMENT_METHODS);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const requiredText = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);

export const amountSchema = z
  .number({ error: 'must be a whole number of minor units, e.g. 12050 for 120.50 EUR' })
  .int('must be a whole number of minor units, e.g. 12050 for 120.50 EUR')
  .positive('must be more than 0')
  .max(Number.MAX_SAFE_INTEGER);

export const moneyCurrencySchema = z
  .string({ error: 'is required' })
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(currencySchema);

const ibanSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine(
    (v) => v === '' || /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v),
    'must be an IBAN, e.g. FR76 3000 6000 0112 3456 7890 189',
  )
  .nullish()
  .transform((v) => (v ? v : null));

const idSchema = z.string({ error: 'is required' }).trim().min(1, 'is required').max(100);

const common = {
  customerId: idSchema,
  amount: amountSchema,
  currency: moneyCurrencySchema,
  receivedDate: businessDateSchema,
  reference: optionalText(500),
  notes: optionalText(2000),
  /** Allocate at once: by the references in `reference`, else oldest due first; any rest goes on account. */
  autoAllocate: z.boolean().default(false),
};

export const recordPaymentSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('bank_transfer'),
    ...common,
    payerName: optionalText(200),
    payerIban: ibanSchema,
    bankReference: optionalText(200).describe('The bank reference or end-to-end id'),
    valueDate: businessDateSchema.nullish().transform((v) => v ?? null),
  }),
  z.strictObject({
    method: z.literal('cheque'),
    ...common,
    chequeNumber: requiredText(50),
    draweeBank: optionalText(200),
    depositDate: businessDateSchema.nullish().transform((v) => v ?? null),
  }),
  z.strictObject({ method: z.literal('card'), ...common, providerReference: optionalText(200) }),
  z.strictObject({ method: z.literal('online'), ...common, providerReference: optionalText(200) }),
  z.strictObject({ method: z.literal('cash'), ...common, receiptNumber: optionalText(50) }),
]);
export type RecordPaymentInput = z.infer<typeof recordPaymentSchema>;

export const allocationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  sourceType: z.enum(['payment', 'credit_note', 'customer_credit', 'write_off']),
  sourceId: z.string(),
  targetType: z.enum(['invoice', 'refund', 'write_off', 'customer_credit']),
  targetId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  date: z.string(),
  reversesId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const toAllocation = (row: AllocationRow): Allocation => ({
  id: row.id,
  customerId: row.customer_id,
  sourceType: row.source_type,
  sourceId: row.source_id,
  targetType: row.target_type,
  targetId: row.target_id,
  amount: row.amount,
  currency: row.currency,
  date: row.date,
  reversesId: row.reverses_id,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export const paymentSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  method: methodSchema,
  amount: z.number().int(),
  currency: z.string(),
  appliedAmount: z.number().int(),
  unappliedAmount: z.number().int(),
  status: z.enum(['received', 'reversed']),
  state: z.enum(['applied', 'partially_applied', 'unapplied', 'reversed']),
  receivedDate: z.string(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  payerName: z.string().nullable(),
  payerIban: z.string().nullable(),
  bankReference: z.string().nullable(),
  valueDate: z.string().nullable(),
  chequeNumber: z.string().nullable(),
  draweeBank: z.string().nullable(),
  depositDate: z.string().nullable(),
  providerReference: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  reversal: z.object({ date: z.string(), reason: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  customerId: row.customer_id,
  method: row.method,
  amount: row.amount,
  currency: row.currency,
  appliedAmount: row.status === 'reversed' ? 0 : row.amount - row.unapplied_amount,
  unappliedAmount: row.unapplied_amount,
  status: row.status,
  state: paymentState({ status: row.status, amount: row.amount, unappliedAmount: row.unapplied_amount }),
  receivedDate: row.received_date,
  reference: row.reference,
  notes: row.notes,
  payerName: row.payer_name,
  payerIban: row.payer_iban,
  bankReference: row.bank_reference,
  valueDate: row.value_date,
  chequeNumber: row.cheque_number,
  draweeBank: row.drawee_bank,
  depositDate: row.deposit_date,
  providerReference: row.provider_reference,
  receiptNumber: row.receipt_number,
  reversal:
    row.status === 'reversed'
      ? { date: row.reversal_date ?? '', reason: row.reversal_reason ?? '', at: row.reversed_at ?? '' }
      : null,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export const paymentDetailSchema = paymentSchema.extend({ allocations: z.array(allocationSchema) });
export type PaymentDetail = z.infer<typeof paymentDetailSchema>;

export const invoiceSharesSchema = z
  .array(z.strictObject({ invoiceId: idSchema, amount: amountSchema }))
  .max(500)
  .refine((list) => new Set(list.map((l) => l.invoiceId)).size === list.length, 'lists an invoice twice');

export const allocateSchema = z.strictObject({
  allocations: invoiceSharesSchema,
  /** Put what is left of the payment after these allocations on the customer's account. */
  creditRemainder: z.boolean().default(false),
  date: businessDateSchema.optional(),
});
export type AllocateInput = z.infer<typeof allocateSchema>;

export const autoAllocateSchema = z.strictObject({
  creditRemainder: z.boolean().default(true),
  date: businessDateSchema.optional(),
});
export type AutoAllocateInput = z.infer<typeof autoAllocateSchema>;

export const allocationResultSchema = z.object({
  payment: paymentSchema,
  allocations: z.array(allocationSchema),
  matchedBy: z.enum(['manual', 'reference', 'oldest_due']).optional(),
});

export const reverseSchema = z.strictObject({
  reason: requiredText(500),
  date: businessDateSchema.optional(),
  fee: z
    .strictObject({ amount: amountSchema, description: optionalText(200) })
    .optional()
    .describe('A bounce fee charged to the customer, in the payment currency'),
});
export type ReverseInput = z.infer<typeof reverseSchema>;

export const chargeSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.literal('fee'),
  amount: z.number().int(),
  currency: z.string(),
  date: z.string(),
  description: z.string(),
  originType: z.string().nullable(),
  originId: z.string().nullable(),
  invoicedDocumentId: z.string().nullable(),
});
export const toCharge = (row: ChargeRow) => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  amount: row.amount,
  currency: row.currency,
  date: row.date,
  description: row.description,
  originType: row.origin_type,
  originId: row.origin_id,
  invoicedDocumentId: row.invoiced_document_id,
});

export const reverseResultSchema = z.object({
  payment: paymentSchema,
  allocations: z.array(allocationSchema),
  fee: chargeSchema.nullable(),
});

export const refundInputSchema = z.strictObject({
  amount: amountSchema,
  currency: moneyCurrencySchema,
  method: methodSchema,
  date: businessDateSchema,
  reference: optionalText(200),
  notes: optionalText(2000),
  /** Refund a credit note's open credit instead of the customer's credit on account. */
  creditNoteId: idSchema.optional(),
});
export type RefundInput = z.infer<typeof refundInputSchema>;

export const refundSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  method: methodSchema,
  date: z.string(),
  reference: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  allocations: z.array(allocationSchema),
});
export const toRefund = (row: RefundRow, allocations: AllocationRow[]) => ({
  id: row.id,
  customerId: row.customer_id,
  amount: row.amount,
  currency: row.currency,
  method: row.method,
  date: row.date,
  reference: row.reference,
  notes: row.notes,
  createdAt: row.created_at,
  allocations: allocations.map(toAllocation),
});

export const writeOffInputSchema = z
  .strictObject({
    invoiceId: idSchema.optional(),
    paymentId: idSchema.optional(),
    /** Defaults to the whole open (invoice) or unapplied (payment) amount. */
    amount: amountSchema.optional(),
    reason: requiredText(500),
    date: businessDateSchema.optional(),
  })
  .refine((v) => (v.invoiceId ? 1 : 0) + (v.paymentId ? 1 : 0) === 1, {
    message:
      'give exactly one of invoiceId (write off what is left open) or paymentId (keep a small surplus)',
    path: ['invoiceId'],
  });
export type WriteOffInput = z.infer<typeof writeOffInputSchema>;

export const writeOffSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(['invoice', 'payment']),
  documentId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  date: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  allocation: allocationSchema,
});
export const toWriteOff = (row: WriteOffRow, allocation: AllocationRow) => ({
  id: row.id,
  customerId: row.customer_id,
  kind: row.kind,
  documentId: row.document_id,
  amount: row.amount,
  currency: row.currency,
  date: row.date,
  reason: row.reason,
  createdAt: row.created_at,
  createdBy: row.created_by,
  allocation: toAllocation(allocation),
});

export const applyCreditSchema = z.strictObject({
  currency: moneyCurrencySchema,
  /** Which invoices and how much; when omitted, oldest due first until the credit is used up. */
  allocations: invoiceSharesSchema.optional(),
  date: businessDateSchema.optional(),
});
export type ApplyCreditInput = z.infer<typeof applyCreditSchema>;

export const applyCreditNoteSchema = z.strictObject({
  creditNoteId: idSchema,
  allocations: invoiceSharesSchema.optional(),
  date: businessDateSchema.optional(),
});
export type ApplyCreditNoteInput = z.infer<typeof applyCreditNoteSchema>;

export const creditSchema = z.object({
  id: z.string(),
  currency: z.string(),
  originType: z.string(),
  originId: z.string(),
  amount: z.number().int(),
  remainingAmount: z.number().int(),
  date: z.string(),
});
export const toCredit = (row: CreditRow) => ({
  id: row.id,
  currency: row.currency,
  originType: row.origin_type,
  originId: row.origin_id,
  amount: row.amount,
  remainingAmount: row.remaining_amount,
  date: row.date,
});

export const creditBalanceSchema = z.object({
  customerId: z.string(),
  totals: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
  credits: z.array(creditSchema),
});

export const balanceSchema = z.object({
  customerId: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      openInvoices: z.number().int(),
      openCreditNotes: z.number().int(),
      unappliedPayments: z.number().int(),
      customerCredit: z.number().int(),
      openCharges: z.number().int(),
      balance: z.number().int(),
    }),
  ),
});

export const ledgerSchema = z.object({
  customerId: z.string(),
  currency: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  openingBalance: z.number().int().nullable(),
  closingBalance: z.number().int().nullable(),
  lines: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['invoice', 'credit_note', 'payment', 'payment_reversal', 'refund', 'write_off', 'fee']),
      id: z.string(),
      reference: z.string().nullable(),
      description: z.string(),
      currency: z.string(),
      amount: z.number().int(),
      balance: z.number().int(),
    }),
  ),
});

export const toleranceSchema = z.object({
  currency: z.string(),
  amount: z.number().int(),
  configured: z.boolean(),
});
