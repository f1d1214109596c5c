/** The reports module's shapes at the HTTP boundary. Amounts are integers in minor units of the row's currency. */
import { z } from 'zod';
import { businessDateSchema } from '../../platform/dates.js';
import { pageOf } from '../../platform/http/pagination.js';
import { isCurrency } from '../../platform/money.js';

const money = z.number().int();

export const currencyParam = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code, e.g. EUR' });

export const bucketsParam = z
  .string()
  .trim()
  .max(200)
  .describe('Ascending limits of the overdue buckets in days past due; default 30,60,90');

const limitParam = z.coerce.number().int().min(1).max(500).default(50);

export const agingQuerySchema = z.object({
  asOf: businessDateSchema.optional().describe("The report date; default today in the company's time zone"),
  currency: currencyParam.optional().describe('Only this currency'),
  buckets: bucketsParam.optional(),
  limit: limitParam.describe('Customer rows per page'),
  cursor: z.string().max(500).optional(),
});

export const agingCsvQuerySchema = agingQuerySchema.omit({ limit: true, cursor: true });

export const drillDownQuerySchema = z.object({
  customerId: z.string().trim().min(1).max(100),
  bucket: z
    .string()
    .trim()
    .max(50)
    .optional()
    .describe(
      'A bucket key from the report (current, 1-30, …, over-90) or credit; default: every open document',
    ),
  asOf: businessDateSchema.optional(),
  currency: currencyParam.optional(),
  buckets: bucketsParam.optional(),
  limit: limitParam,
  cursor: z.string().max(500).optional(),
});

const openItemsFilter = {
  customerId: z.string().trim().min(1).max(100).optional(),
  currency: currencyParam.optional(),
  kind: z.enum(['invoice', 'credit_note']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: only invoices past their due date'),
  dueFrom: businessDateSchema.optional().describe('Due on or after this date'),
  dueTo: businessDateSchema.optional().describe('Due on or before this date'),
  minAmount: z.coerce.number().int().min(0).optional().describe('Open amount at least this, in minor units'),
};
export const openItemsQuerySchema = z.object({
  ...openItemsFilter,
  limit: limitParam,
  cursor: z.string().max(500).optional(),
});
export const openItemsCsvQuerySchema = z.object(openItemsFilter);

export const dsoQuerySchema = z.object({
  from: businessDateSchema.describe('First day of the period'),
  to: businessDateSchema.describe('Last day of the period (the receivables are taken at its end)'),
  currency: currencyParam.optional(),
});

export const bucketSchema = z.object({
  key: z.string(),
  label: z.string(),
  fromDays: z.number().int().nullable(),
  toDays: z.number().int().nullable(),
});

const amounts = {
  currency: z.string(),
  buckets: z.array(money).describe('One amount per bucket, in the order of `buckets`'),
  total: money.describe('Σ buckets: open invoices'),
  overdue: money.describe('Σ buckets past due'),
  unappliedCredit: money.describe('Unused credit of credit notes, negative; not in the buckets'),
  balance: money.describe('total + unappliedCredit'),
};

export const agingCurrencySchema = z.object({ ...amounts, customers: z.number().int() });
export const agingCustomerSchema = z.object({
  customerId: z.string(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  ...amounts,
});

export const agingReportSchema = z.object({
  asOf: z.string(),
  buckets: z.array(bucketSchema),
  currencies: z.array(agingCurrencySchema).describe('Totals over all customers, per currency'),
  customers: pageOf(agingCustomerSchema).describe(
    'Per customer and currency: by currency, then most overdue first',
  ),
});
export type AgingReport = z.infer<typeof agingReportSchema>;
export type AgingCustomer = z.infer<typeof agingCustomerSchema>;
export type AgingCurrency = z.infer<typeof agingCurrencySchema>;

const documentFields = {
  id: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  number: z.string(),
  currency: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  grossTotal: money,
  openAmount: money.describe('Open at the date; negative for a credit note (unused credit)'),
  daysOverdue: z.number().int(),
};

export const drillDownSchema = z.object({
  asOf: z.string(),
  customer: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  bucket: bucketSchema.nullable().describe('null: every open document, or the credit column'),
  items: z.array(z.object({ ...documentFields, bucket: z.string().nullable() })),
  nextCursor: z.string().nullable(),
});
export type DrillDown = z.infer<typeof drillDownSchema>;

export const openItemSchema = z.object({
  ...documentFields,
  customerId: z.string(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
});
export type OpenItemRow = z.infer<typeof openItemSchema>;
export const openItemsPageSchema = pageOf(openItemSchema).extend({ today: z.string() });

export const DSO_DEFINITION =
  'DSO (days sales outstanding) per currency for the period from–to (both included, `days` long): ' +
  'receivables / net credit sales × days, where receivables = what is open at the end of the period ' +
  '(open invoices as of `to` minus the unused credit of credit notes as of `to`) and net credit sales = ' +
  'gross of the invoices issued in the period minus gross of the credit notes issued in it (voided ' +
  'invoices count, their credit notes offset them). null when there were no net sales. Rounded to 0.1 day.';

export const dsoSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  definition: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      receivables: money,
      invoiced: money,
      credited: money,
      netSales: money,
      dso: z.number().nullable(),
    }),
  ),
});
export type Dso = z.infer<typeof dsoSchema>;
