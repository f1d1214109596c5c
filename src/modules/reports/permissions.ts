import { definePermission } from '../../platform/http/access.js';

export const reportsPermissions = {
  /** Receivables reports (aging, open items, DSO): finance works them; sales, support and management read them. */
  read: definePermission('reports.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
} as const;
