/** The tables the invoicing module owns (migrations/0005_invoicing.ts). No other module reads them. */
export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceStatus = 'draft' | 'issued' | 'void';

export interface InvoicingTables {
  company_settings: { id: number; settings: string; updated_at: string };
  invoices: {
    id: string;
    kind: InvoiceKind;
    status: InvoiceStatus;
    number: string | null;
    series: string | null;
    customer_id: string;
    currency: string;
    language: string;
    /** Drafts: the intended date (null: the day of issue). */
    issue_date: string | null;
    due_date: string | null;
    /** JSON PaymentTerms: a draft's override (null: the customer's); the terms applied once issued. */
    payment_terms: string | null;
    /** JSON [{ number, dueDate, amount }] once issued. */
    instalments: string | null;
    /** JSON { deadline, percent, discountAmount, discountedAmount } or null. */
    early_discount: string | null;
    /** JSON BuyerSnapshot, copied from the customer at issue. */
    buyer: string | null;
    /** JSON SellerSnapshot, copied from the company settings at issue. */
    seller: string | null;
    rf_reference: string | null;
    purchase_order: string | null;
    order_reference: string | null;
    net_total: number;
    tax_total: number;
    gross_total: number;
    open_amount: number;
    related_invoice_id: string | null;
    notes: string | null;
    pdf_document_id: string | null;
    pdf_sha256: string | null;
    issued_at: string | null;
    voided_at: string | null;
    created_at: string;
    updated_at: string;
  };
  invoice_lines: {
    id: string;
    invoice_id: string;
    position: number;
    description: string;
    item_code: string | null;
    quantity: string;
    unit: string;
    unit_price: string;
    discount_percent: string;
    tax_category: string;
    tax_rate: string;
    exemption_reason: string | null;
    exemption_reason_code: string | null;
    net_amount: number;
  };
  invoice_tax_breakdown: {
    invoice_id: string;
    position: number;
    category: string;
    rate: string;
    taxable_amount: number;
    tax_amount: number;
    exemption_reason: string | null;
    exemption_reason_code: string | null;
  };
  invoice_settlements: {
    id: string;
    invoice_id: string;
    allocation_id: string;
    date: string;
    amount: number;
    created_at: string;
  };
  invoice_templates: { customer_id: string; lines: string; updated_at: string };
}

export type InvoiceRow = InvoicingTables['invoices'];
export type LineRow = InvoicingTables['invoice_lines'];
export type TaxRow = InvoicingTables['invoice_tax_breakdown'];
export type SettlementRow = InvoicingTables['invoice_settlements'];
