import { definePermission } from '../../platform/http/access.js';

export const catalogPermissions = {
  /** Products, warehouses, stock levels and movements: everyone who talks about orders reads them. */
  read: definePermission('catalog.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Products, warehouses, receipts, adjustments and counts: the warehouse side. */
  write: definePermission('catalog.write', ['admin', 'logistics']),
} as const;

/** Who may take available stock below zero (an audited override, with a reason). */
export const OVERRIDE_ROLES = ['admin', 'logistics'] as const;
