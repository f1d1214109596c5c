/** Invoice and credit-note PDFs. */
export { renderInvoicePdf } from './invoice-pdf.js';
export { INVOICE_LANGUAGES, type InvoiceLanguage } from './labels.js';
export {
  type InvoicePdfView,
  type InvoicePdfViewInput,
  invoicePdfViewSchema,
  type PaymentMethodView,
  TAX_CATEGORIES,
  type TaxCategory,
} from './view.js';
