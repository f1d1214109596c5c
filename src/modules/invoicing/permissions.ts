import { definePermission } from '../../platform/http/access.js';

export const invoicingPermissions = {
  /** Invoices, credit notes and their PDFs: finance works them; sales, support and auditors look them up. */
  read: definePermission('invoices.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
  write: definePermission('invoices.write', ['admin', 'finance']),
  readSettings: definePermission('company_settings.read', ['admin', 'finance']),
  writeSettings: definePermission('company_settings.write', ['admin']),
} as const;
