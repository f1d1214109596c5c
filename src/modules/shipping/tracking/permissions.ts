import { definePermission } from '../../../platform/http/access.js';

export const trackingPermissions = {
  /** A shipment's tracking state, timeline and customer updates; the unmatched list. */
  read: definePermission('tracking.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Manual entry, CSV import, resolving or dismissing unmatched tracking numbers. */
  write: definePermission('tracking.write', ['admin', 'logistics']),
} as const;
