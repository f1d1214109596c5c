import { definePermission } from '../../platform/http/access.js';

export const customersPermissions = {
  /** Names, addresses and contacts: every department needs them (logistics to ship). */
  read: definePermission('customers.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  write: definePermission('customers.write', ['admin', 'finance', 'sales']),
} as const;
