/**
 * What an invoice PDF shows: a plain, fully computed view model. The invoicing service fills it
 * from an issued document; the renderer only lays it out and never calculates amounts itself.
 * Amounts are integer minor units of `currency`; quantities, prices and rates are decimal strings.
 */
import { z } from 'zod';
import { businessDateSchema } from '../../../platform/dates.js';
import { currencySchema } from '../../../platform/money.js';
import { INVOICE_LANGUAGES } from './labels.js';

const text = z.string().trim().min(1, 'is required').max(500);
const amount = z.number().refine(Number.isSafeInteger, 'must be an integer amount of minor units');
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "12.50"');
const address = z.array(text).min(1, 'needs at least one line').max(6);

const image = z.custom<Uint8Array>(
  (b) => b instanceof Uint8Array && (isPng(b) || isJpeg(b)),
  'must be PNG or JPEG bytes',
);
const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;

const locale = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'must be a BCP 47 locale such as fr-BE');

/** EN 16931 VAT category codes (UNCL 5305). */
export const TAX_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export const taxCategorySchema = z.enum(TAX_CATEGORIES);
export type TaxCategory = z.infer<typeof taxCategorySchema>;
/** Categories where art. 226(11)/(11a) requires the reason (legal reference or reverse-charge mention). */
const NEEDS_EXEMPTION_REASON: readonly TaxCategory[] = ['E', 'AE', 'K', 'G', 'O'];

const sellerSchema = z.strictObject({
  legalName: text,
  tradingName: text.optional(),
  address,
  vatId: text.optional(),
  /** Trade register entry, e.g. "RCS Paris 123 456 789". */
  companyRegistration: text.optional(),
  /** Legal form and share capital where the law asks for them, e.g. "SAS au capital de 10 000 €". */
  legalForm: text.optional(),
  email: z.email('must be an email address').optional(),
  phone: text.optional(),
  website: text.optional(),
  logo: image.optional(),
});

const buyerSchema = z.strictObject({
  name: text,
  address,
  vatId: text.optional(),
  customerCode: text.optional(),
});

const lineSchema = z.strictObject({
  description: z.string().trim().min(1, 'is required').max(2000),
  /** Seller's item code, printed under the description. */
  itemCode: text.optional(),
  quantity: decimal,
  unit: z.string().trim().max(20),
  unitPrice: decimal,
  discountPercent: decimal.optional(),
  taxCategory: taxCategorySchema,
  taxRate: decimal,
  netAmount: amount,
});

const taxRowSchema = z.strictObject({
  category: taxCategorySchema,
  rate: decimal,
  taxableAmount: amount,
  taxAmount: amount,
  /** Legal reason printed for exempt and reverse-charge categories, e.g. "Art. 196 Directive 2006/112/EC". */
  exemptionReason: text.optional(),
});

const bankTransferSchema = z.strictObject({
  method: z.literal('bank_transfer'),
  accountHolder: text,
  iban: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'must be an IBAN')),
  bic: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters')
    .optional(),
  bankName: text.optional(),
  /** ISO 11649 creditor reference of this invoice, e.g. "RF18539007547034". */
  reference: text,
  /** EPC069-12 GiroCode payload; absent when the QR code does not apply (e.g. not EUR). */
  epcQrPayload: z.string().min(1).max(331).optional(),
});

const chequeSchema = z.strictObject({
  method: z.literal('cheque'),
  payableTo: text,
  mailingAddress: address,
  instructions: text.optional(),
});

const onlineSchema = z.strictObject({
  method: z.literal('online'),
  /** The payment link, once the payment-link feature provides one. */
  url: z.url('must be a URL').optional(),
  instructions: text.optional(),
});

const cashSchema = z.strictObject({ method: z.literal('cash'), instructions: text });

export const paymentMethodSchema = z.discriminatedUnion('method', [
  bankTransferSchema,
  chequeSchema,
  onlineSchema,
  cashSchema,
]);
export type PaymentMethodView = z.infer<typeof paymentMethodSchema>;

export const invoicePdfViewSchema = z
  .strictObject({
    kind: z.enum(['invoice', 'credit_note']),
    number: text,
    issueDate: businessDateSchema,
    /** The instant of issue, written as the PDF's creation date; defaults to the issue date at 00:00 UTC. */
    issuedAt: z.iso.datetime().optional(),
    dueDate: businessDateSchema.optional(),
    instalments: z
      .array(z.strictObject({ dueDate: businessDateSchema, amount }))
      .min(1)
      .optional(),
    supplyDate: businessDateSchema.optional(),
    currency: currencySchema,
    language: z.enum(INVOICE_LANGUAGES),
    /** Formatting locale for numbers and dates (e.g. fr-BE); defaults to the language's. */
    locale: locale.optional(),
    seller: sellerSchema,
    buyer: buyerSchema,
    purchaseOrder: text.optional(),
    orderReference: text.optional(),
    precedingInvoice: z.strictObject({ number: text, issueDate: businessDateSchema }).optional(),
    lines: z.array(lineSchema).min(1, 'needs at least one line'),
    taxBreakdown: z.array(taxRowSchema).min(1, 'needs at least one VAT row'),
    totals: z.strictObject({ net: amount, tax: amount, gross: amount, paid: amount, due: amount }),
    paymentTerms: text.optional(),
    earlyPaymentDiscount: text.optional(),
    notes: z.array(z.string().trim().min(1).max(2000)).default([]),
    paymentMethods: z.array(paymentMethodSchema).default([]),
  })
  .superRefine((view, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (view.kind === 'invoice' && !view.dueDate && !view.instalments) {
      issue(['dueDate'], 'an invoice needs a due date or an instalment schedule');
    }
    if (view.instalments) {
      const sum = view.instalments.reduce((s, i) => s + i.amount, 0);
      if (sum !== view.totals.gross)
        issue(['instalments'], `add up to ${sum}, not the gross total ${view.totals.gross}`);
    }
    const { net, tax, gross, paid, due } = view.totals;
    if (net + tax !== gross) issue(['totals', 'gross'], `must be net + tax (${net + tax})`);
    if (gross - paid !== due) issue(['totals', 'due'], `must be gross − paid (${gross - paid})`);
    const taxable = view.taxBreakdown.reduce((s, r) => s + r.taxableAmount, 0);
    if (taxable !== net)
      issue(['taxBreakdown'], `taxable amounts add up to ${taxable}, not the net total ${net}`);
    const taxSum = view.taxBreakdown.reduce((s, r) => s + r.taxAmount, 0);
    if (taxSum !== tax) issue(['taxBreakdown'], `tax amounts add up to ${taxSum}, not the tax total ${tax}`);
    view.taxBreakdown.forEach((row, i) => {
      if (NEEDS_EXEMPTION_REASON.includes(row.category) && !row.exemptionReason) {
        issue(['taxBreakdown', i, 'exemptionReason'], `is required for VAT category ${row.category}`);
      }
    });
  });

export type InvoicePdfView = z.output<typeof invoicePdfViewSchema>;
/** What callers pass: defaults (notes, payment methods) may be left out. */
export type InvoicePdfViewInput = z.input<typeof invoicePdfViewSchema>;
