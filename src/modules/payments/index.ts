/**
 * The payments module's public surface: payments of every method, their allocation to invoices,
 * customer credit on account, refunds, write-offs, reversals (bounced cheques) and the customer account.
 */
import type { DuelyModule } from '../module.js';
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

export const paymentsModule: DuelyModule = {
  name: 'payments',
  routes: (ctx) => paymentsRoutes(ctx),
};
