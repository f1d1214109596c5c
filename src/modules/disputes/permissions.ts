import { definePermission } from '../../platform/http/access.js';

export const disputesPermissions = {
  /** Cases, their timeline and attachments: everyone who talks to customers about invoices. */
  read: definePermission('disputes.read', ['admin', 'finance', 'sales', 'support', 'auditor']),
  /** Open a case, comment, attach, change owner/deadline, start investigating. */
  write: definePermission('disputes.write', ['admin', 'finance', 'sales', 'support']),
  /** Resolve (credit note, write-off, reship) or reject: money moves, so finance decides. */
  resolve: definePermission('disputes.resolve', ['admin', 'finance']),
} as const;
