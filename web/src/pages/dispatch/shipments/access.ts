import type { Role } from '../../../api/types.js';
import { useSession } from '../../../auth/session.js';

/** Roles that may create, pick, pack, ship and cancel shipments (the server's `shipments.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'logistics'];
/** Roles that may enter tracking events, import them and review unmatched ones (`tracking.write`). */
const TRACKING_ROLES: readonly Role[] = ['admin', 'logistics'];
/** Roles that may create an invoice draft from a shipment (`invoices.write`). */
const INVOICE_ROLES: readonly Role[] = ['admin', 'finance'];

export function useCanWriteShipments(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export function useCanWriteTracking(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => TRACKING_ROLES.includes(role));
}

export function useCanInvoiceShipments(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => INVOICE_ROLES.includes(role));
}
