import type { Invoice, InvoiceLine, InvoiceLineInput, TaxCategory } from '../../api/types.js';
import { TAX_CATEGORIES } from '../../api/types.js';

/** A line as typed in the grid: every field a string, plus a stable key for React. */
export interface LineDraft {
  key: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  taxCategory: TaxCategory;
  taxRate: string;
  exemptionReason: string;
  /** The server's net amount of the saved line (minor units); null once the line is edited. */
  netAmount: number | null;
}

let counter = 0;
const nextKey = () => `line-${++counter}`;

export const TAX_CATEGORY_OPTIONS: { value: TaxCategory; label: string }[] = [
  { value: 'S', label: 'S — Standard rate' },
  { value: 'Z', label: 'Z — Zero rated' },
  { value: 'E', label: 'E — Exempt' },
  { value: 'AE', label: 'AE — Reverse charge' },
  { value: 'K', label: 'K — Intra-EU supply' },
  { value: 'G', label: 'G — Export outside the EU' },
  { value: 'O', label: 'O — Outside scope of VAT' },
  { value: 'L', label: 'L — Canary Islands IGIC' },
  { value: 'M', label: 'M — Ceuta and Melilla IPSI' },
];

/** Categories whose lines need an exemption reason (text or VATEX code). */
export const EXEMPT_CATEGORIES: readonly TaxCategory[] = ['E', 'AE', 'K', 'G', 'O'];
/** Categories whose rate is always 0. */
export const ZERO_RATE_CATEGORIES: readonly TaxCategory[] = ['Z', 'E', 'AE', 'K', 'G', 'O'];

export const asTaxCategory = (value: string | null): TaxCategory =>
  TAX_CATEGORIES.find((c) => c === value) ?? 'S';

export function newLine(defaults: Partial<LineDraft> = {}): LineDraft {
  return {
    key: nextKey(),
    description: '',
    quantity: '1',
    unit: 'pcs',
    unitPrice: '',
    discountPercent: '',
    taxCategory: 'S',
    taxRate: '20',
    exemptionReason: '',
    netAmount: null,
    ...defaults,
  };
}

export function lineDraft(line: InvoiceLine): LineDraft {
  return {
    key: nextKey(),
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    discountPercent: line.discountPercent === '0' ? '' : line.discountPercent,
    taxCategory: asTaxCategory(line.taxCategory),
    taxRate: line.taxRate,
    exemptionReason: line.exemptionReason ?? line.exemptionReasonCode ?? '',
    netAmount: line.netAmount,
  };
}

/** What the API takes for a line; numbers go as typed (the server validates and names the faulty cell). */
export function lineInput(line: LineDraft): InvoiceLineInput {
  const exempt = EXEMPT_CATEGORIES.includes(line.taxCategory);
  const reason = line.exemptionReason.trim();
  const isCode = /^VATEX-/i.test(reason);
  return {
    description: line.description,
    quantity: line.quantity.trim(),
    unit: line.unit.trim() || 'pcs',
    unitPrice: line.unitPrice.trim().replace(',', '.'),
    ...(line.discountPercent.trim()
      ? { discountPercent: line.discountPercent.trim().replace(',', '.') }
      : {}),
    taxCategory: line.taxCategory,
    ...(ZERO_RATE_CATEGORIES.includes(line.taxCategory)
      ? {}
      : { taxRate: line.taxRate.trim().replace(',', '.') }),
    ...(exempt && reason
      ? isCode
        ? { exemptionReasonCode: reason.toUpperCase() }
        : { exemptionReason: reason }
      : {}),
  };
}

export interface HeaderDraft {
  customerId: string | null;
  currency: string | null;
  language: string;
  issueDate: string;
  purchaseOrder: string;
  notes: string;
}

export function headerDraft(invoice: Invoice | null): HeaderDraft {
  return {
    customerId: invoice?.customerId ?? null,
    currency: invoice?.currency ?? null,
    language: invoice?.language ?? '',
    issueDate: invoice?.issueDate ?? '',
    purchaseOrder: invoice?.purchaseOrder ?? '',
    notes: invoice?.notes ?? '',
  };
}
