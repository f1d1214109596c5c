import { definePermission } from '../../platform/http/access.js';

export const paymentsPermissions = {
  /** Payments, allocations, customer accounts: finance works them, sales and support answer customers, auditors look. */
  read: definePermission('payments.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
  write: definePermission('payments.write', ['admin', 'finance']),
  /** Policies such as the write-off tolerance per currency. */
  configure: definePermission('payments.configure', ['admin']),
} as const;
