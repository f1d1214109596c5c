/**
 * The invoicing module's public surface: invoices and credit notes (drafts, issuing, credit, PDF,
 * sending), company settings, and the open-item contract the payments module codes against.
 */
import type { DuelyModule } from '../module.js';
import { seedDemoInvoices } from './demo.js';
import { invoicingRoutes } from './routes.js';

export {
  type AgingCurrencyTotals,
  type AgingCursor,
  type AgingCustomerRow,
  type AgingDocument,
  type AgingResult,
  type AgingScope,
  agingDocuments,
  agingReport,
  bucketOf,
  type OpenDocument,
  type OpenDocumentFilter,
  openDocuments,
  salesInPeriod,
} from './aging.js';
export {
  createDraft,
  createDraftInTx,
  creditInvoice,
  deleteDraft,
  getInvoice,
  invoicePdf,
  issueDocument,
  issueInTx,
  listInvoices,
  rerenderIssuedPdf,
  updateDraft,
} from './invoices-service.js';
export { invoicingPermissions } from './permissions.js';
export type { PaymentState } from './rules.js';
export type {
  CreateDraftInput,
  CreditInput,
  Invoice,
  InvoiceSummary,
  LineInput,
  UpdateDraftInput,
} from './schemas.js';
export { invoiceMessages, sendInvoice } from './send.js';
export type { CompanySettings } from './settings.js';
export { DEFAULT_COMPANY_SETTINGS, readCompanySettings, saveCompanySettings } from './settings.js';
export type { AgingRow, OpenItem, SettleInput } from './settlement.js';
export {
  agingRows,
  findOpenItemsByReference,
  getOpenItem,
  getOpenItems,
  listOpenItems,
  settle,
  unsettle,
} from './settlement.js';
// Added for the payments ledger and statements (issue 3): every issued/void document of a customer.
export { type CustomerDocument, listDocuments } from './store.js';

export const invoicingModule: DuelyModule = {
  name: 'invoicing',
  routes: (ctx) => invoicingRoutes(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoInvoices(ctx, actor, progress),
};
