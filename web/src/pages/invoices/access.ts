import type { Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';

/** Roles that may create, issue, send and credit invoices and record and allocate payments (the server's `invoices.write` and `payments.write`). */
const WRITE_ROLES: readonly Role[] = ['admin', 'finance'];

export function useCanWriteReceivables(): boolean {
  const { user } = useSession();
  return user.roles.some((role) => WRITE_ROLES.includes(role));
}
