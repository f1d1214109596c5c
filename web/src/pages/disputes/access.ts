import type { DisputeReason, DisputeResolution, DisputeStatus, HoldCause, Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';

/** The server's `disputes.write`: open cases, comment, attach, start investigating. */
const WRITE_ROLES: readonly Role[] = ['admin', 'finance', 'sales', 'support'];
/** The server's `disputes.resolve` and `credit.manage`: money moves or shipping stops, so finance decides. */
const FINANCE_ROLES: readonly Role[] = ['admin', 'finance'];

const useHasRole = (roles: readonly Role[]) => {
  const { user } = useSession();
  return user.roles.some((role) => roles.includes(role));
};

export const useCanWriteDisputes = () => useHasRole(WRITE_ROLES);
export const useCanResolveDisputes = () => useHasRole(FINANCE_ROLES);
export const useCanManageHolds = () => useHasRole(FINANCE_ROLES);

export const REASON_LABELS: Record<DisputeReason, string> = {
  pricing: 'Pricing',
  quantity: 'Quantity',
  damaged: 'Damaged goods',
  not_received: 'Not received',
  duplicate_billing: 'Duplicate billing',
  quality: 'Quality',
  other: 'Other',
};

export const STATUS_COLORS: Record<DisputeStatus, string> = {
  open: 'orange',
  investigating: 'blue',
  resolved: 'teal',
  rejected: 'gray',
};

export const RESOLUTION_LABELS: Record<DisputeResolution, string> = {
  credit_note: 'Credit note',
  write_off: 'Write-off',
  reship: 'Reship',
  rejected: 'Rejected',
};

export const CAUSE_LABELS: Record<HoldCause, string> = {
  policy_step: 'Follow-up policy step',
  credit_limit: 'Credit limit exceeded',
  overdue_balance: 'Overdue balance above threshold',
  manual: 'Placed by hand',
};
