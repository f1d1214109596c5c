/** The invoicing module's shapes at the HTTP boundary. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { paymentTermsSchema } from '../customers/index.js';
import { TAX_CATEGORIES } from './totals.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Decimal amounts travel as strings ("12.5"); plain JSON numbers are accepted and read as written. */
const decimalText = z
  .union([z.string(), z.number()], { error: 'must be a decimal like "12.5"' })
  .transform((v) => String(v).trim());

export const lineInputSchema = z.strictObject({
  description: text(2000),
  itemCode: optionalText(100),
  quantity: decimalText,
  unit: z.string().trim().max(20, 'must be at most 20 characters').default('pcs'),
  unitPrice: decimalText.describe('Net price per unit; up to 8 decimals'),
  discountPercent: decimalText.optional(),
  taxCategory: z.enum(TAX_CATEGORIES, { error: `must be one of ${TAX_CATEGORIES.join(', ')}` }),
  taxRate: decimalText.optional().describe('Percent, e.g. "20"; required for category S'),
  exemptionReason: optionalText(1000),
  exemptionReasonCode: optionalText(100),
});
export type LineInput = z.infer<typeof lineInputSchema>;

const id = z.string().trim().min(1, 'is required').max(100);

export const createDraftSchema = z.strictObject({
  kind: z.enum(['invoice', 'credit_note']).default('invoice'),
  customerId: id,
  currency: z.string().trim().toUpperCase().optional().describe("Default: the customer's currency"),
  language: z.string().trim().max(20).optional().describe("Default: the customer's language"),
  issueDate: businessDateSchema.nullish().describe('Intended issue date; default: the day it is issued'),
  paymentTerms: paymentTermsSchema.nullish().describe("Default: the customer's payment terms at issue"),
  relatedInvoiceId: id.nullish().describe('Credit notes: the invoice they credit'),
  purchaseOrder: optionalText(100),
  orderReference: optionalText(100),
  notes: optionalText(2000),
  lines: z.array(lineInputSchema).max(1000, 'must contain at most 1000 lines').optional(),
  copyFrom: id.optional().describe('Copy the lines of this invoice or credit note'),
  fromTemplate: z.boolean().optional().describe("Start from the customer's template lines"),
});
export type CreateDraftInput = z.infer<typeof createDraftSchema>;

export const updateDraftSchema = z.strictObject({
  customerId: id.optional(),
  currency: z.string().trim().toUpperCase().optional(),
  language: z.string().trim().max(20).optional(),
  issueDate: businessDateSchema.nullish(),
  paymentTerms: paymentTermsSchema.nullish(),
  relatedInvoiceId: id.nullish(),
  purchaseOrder: optionalText(100).optional(),
  orderReference: optionalText(100).optional(),
  notes: optionalText(2000).optional(),
  lines: z.array(lineInputSchema).max(1000, 'must contain at most 1000 lines').optional(),
});
export type UpdateDraftInput = z.infer<typeof updateDraftSchema>;

export const issueSchema = z.strictObject({
  issueDate: businessDateSchema.optional().describe('Default: the draft’s date, else today'),
});

export const creditSchema = z.strictObject({
  mode: z.enum(['full', 'partial']),
  issueDate: businessDateSchema.optional(),
  notes: optionalText(2000),
  lines: z.array(lineInputSchema).min(1).max(1000).optional().describe('Partial credit: what is credited'),
});
export type CreditInput = z.infer<typeof creditSchema>;

export const templateSchema = z.strictObject({ lines: z.array(lineInputSchema).max(200) });

const money = z.number().int();

export const lineSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  description: z.string(),
  itemCode: z.string().nullable(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  taxCategory: z.string(),
  taxRate: z.string(),
  exemptionReason: z.string().nullable(),
  exemptionReasonCode: z.string().nullable(),
  netAmount: money,
});

export const taxRowSchema = z.object({
  category: z.string(),
  rate: z.string(),
  taxableAmount: money,
  taxAmount: money,
  exemptionReason: z.string().nullable(),
  exemptionReasonCode: z.string().nullable(),
});

export const invoiceSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  status: z.enum(['draft', 'issued', 'void']),
  number: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string().nullable().describe('From the buyer snapshot once issued'),
  currency: z.string(),
  language: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  netTotal: money,
  taxTotal: money,
  grossTotal: money,
  openAmount: money,
  paidAmount: money.describe('gross − open (credit used, for a credit note)'),
  paymentState: z.enum(['unpaid', 'partially_paid', 'paid']).nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  rfReference: z.string().nullable(),
  relatedInvoiceId: z.string().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const invoiceSchema = invoiceSummarySchema.extend({
  paymentTerms: z.unknown().nullable(),
  instalments: z.array(z.object({ number: z.number(), dueDate: z.string(), amount: money })).nullable(),
  earlyDiscount: z
    .object({ deadline: z.string(), percent: z.string(), discountAmount: money, discountedAmount: money })
    .nullable(),
  buyer: z.unknown().nullable(),
  seller: z.unknown().nullable(),
  purchaseOrder: z.string().nullable(),
  orderReference: z.string().nullable(),
  notes: z.string().nullable(),
  pdf: z.object({ documentId: z.string(), sha256: z.string() }).nullable(),
  voidedAt: z.string().nullable(),
  lines: z.array(lineSchema),
  taxBreakdown: z.array(taxRowSchema),
  settlements: z.array(z.object({ allocationId: z.string(), date: z.string(), amount: money })),
});
export type Invoice = z.infer<typeof invoiceSchema>;
