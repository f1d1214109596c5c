import { definePermission } from '../../platform/http/access.js';

export const creditPermissions = {
  /** Who is on hold and why: everyone who deals with customers or orders. */
  read: definePermission('credit.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Placing a manual hold and releasing any hold (with a reason): the finance desk and administrators. */
  manage: definePermission('credit.manage', ['admin', 'finance']),
  /** The overdue-balance threshold per currency. */
  settings: definePermission('credit.settings', ['admin']),
} as const;

/** Who may ship an order of a customer on hold anyway (an audited override with a reason). */
export const OVERRIDE_ROLES = ['admin', 'finance'] as const;
