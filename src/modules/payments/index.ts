/**
 * The payments module's public surface: payments of every method, their allocation to invoices,
 * customer credit on account, refunds, write-offs, reversals (bounced cheques) and the customer account.
 */
import type { DuelyModule } from '../module.js';
import { seedDemoPayments } from './demo.js';
import { paymentsRoutes } from './routes.js';

export {
  applyCreditNote,
  applyCustomerCredit,
  customerBalance,
  customerCredits,
  customerLedger,
  recordRefund,
  setWriteOffTolerance,
  writeOff,
  writeOffTolerance,
} from './account-service.js';
export {
  allocatePayment,
  autoAllocatePayment,
  getPayment,
  listAllocations,
  listPayments,
  recordPayment,
  reversePayment,
} from './payments-service.js';
export { paymentsPermissions } from './permissions.js';
export type { LedgerKind, LedgerLine, PaymentState } from './rules.js';
export type { Allocation, Payment, PaymentDetail, RecordPaymentInput } from './schemas.js';
export {
  customerStatement,
  STATEMENT_BUCKETS,
  type Statement,
  type StatementAging,
  type StatementInput,
  type StatementLine,
} from './statement.js';
export { statementCsv } from './statement-csv.js';
export { type StatementFile, statementPdf } from './statement-document.js';
export { type SendStatementInput, sendStatement } from './statement-send.js';

export const paymentsModule: DuelyModule = {
  name: 'payments',
  routes: (ctx) => paymentsRoutes(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoPayments(ctx, actor, progress),
};
