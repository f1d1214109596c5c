import { definePermission } from '../../platform/http/access.js';
import { invoicingPermissions } from '../invoicing/index.js';

export const shipmentsPermissions = {
  /** Shipments, their packages, tracking numbers and documents: everyone who follows an order. */
  read: definePermission('shipments.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Create, pick, pack, ship, cancel: the warehouse side. */
  write: definePermission('shipments.write', ['admin', 'logistics']),
  /** An invoice draft from a shipment is billing: whoever may write invoices. */
  invoice: invoicingPermissions.write,
} as const;
