import { definePermission } from '../../platform/http/access.js';
import { invoicingPermissions } from '../invoicing/index.js';

export const ordersPermissions = {
  /** Orders, their lines and reservation state: every role. */
  read: definePermission('orders.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Create and change drafts, confirm, cancel. */
  write: definePermission('orders.write', ['admin', 'logistics', 'sales']),
  /** Creating an invoice draft from an order is billing: whoever may write invoices. */
  invoice: invoicingPermissions.write,
} as const;
