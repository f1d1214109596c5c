import type { Role } from '../../api/types.js';
import { canUse } from '../../auth/permissions.js';
import { useSession } from '../../auth/session.js';

/** Roles that may create and change drafts, confirm and cancel orders (the server's `orders.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'logistics', 'sales'];
/** Roles that may create an invoice draft from an order (the server's `invoices.write`). */
const INVOICE_ROLES: readonly Role[] = ['admin', 'finance'];

export function useCanWriteOrders(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}

export function useCanInvoiceOrders(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => INVOICE_ROLES.includes(role));
}

/** Whether the user may open receivables pages (customer and invoice links go there). */
export function useCanSeeReceivables(): boolean {
  const { user } = useSession();
  return canUse('receivables', user.roles);
}
