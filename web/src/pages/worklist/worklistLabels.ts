import type { Department, Role, Task, TaskPriority } from '../../api/types.js';

export const DEPARTMENT_OPTIONS: { value: Department; label: string }[] = [
  { value: 'finance', label: 'Finance' },
  { value: 'logistics', label: 'Logistics' },
  { value: 'sales', label: 'Sales' },
  { value: 'customer_service', label: 'Customer service' },
];

/** The role that works each department (the server's rule: that role or admin changes its tasks). */
export const DEPARTMENT_ROLE: Record<Department, Role> = {
  finance: 'finance',
  logistics: 'logistics',
  sales: 'sales',
  customer_service: 'support',
};

export const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'finance', label: 'Finance' },
  { value: 'logistics', label: 'Logistics' },
  { value: 'sales', label: 'Sales' },
  { value: 'support', label: 'Customer service' },
  { value: 'admin', label: 'Administrator' },
];

export const KIND_OPTIONS = [
  { value: 'invoice_call', label: 'Invoice call' },
  { value: 'broken_promise', label: 'Broken promise' },
  { value: 'dispute_deadline', label: 'Dispute deadline' },
  { value: 'customer_on_hold', label: 'Customer on hold' },
  { value: 'order_blocked', label: 'Order blocked' },
  { value: 'order_late', label: 'Order late' },
  { value: 'order_at_risk', label: 'Order at risk' },
  { value: 'shipment_late', label: 'Shipment late' },
  { value: 'shipment_at_risk', label: 'Shipment at risk' },
  { value: 'shipment_stalled', label: 'Shipment stalled' },
  { value: 'shipment_exception', label: 'Shipment exception' },
  { value: 'tracking_unmatched', label: 'Unmatched tracking' },
  { value: 'followup_step', label: 'Follow-up step' },
];

export const STATUS_OPTIONS = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'closed', label: 'Closed automatically' },
];

export const PRIORITY_COLORS: Record<TaskPriority, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'gray',
};

export const DELAY_COLORS: Record<string, string> = {
  on_time: 'teal',
  at_risk: 'yellow',
  late: 'red',
  stalled: 'orange',
};

export const kindLabel = (kind: string) => KIND_OPTIONS.find((k) => k.value === kind)?.label ?? kind;
export const departmentLabel = (d: Department) => DEPARTMENT_OPTIONS.find((o) => o.value === d)?.label ?? d;

/** Where a task's record is shown in the app, when there is a page for it. */
export function recordPath(task: Pick<Task, 'recordType' | 'recordId'>): string | null {
  const id = encodeURIComponent(task.recordId);
  switch (task.recordType) {
    case 'invoice':
      return `/receivables/invoices/${id}`;
    case 'customer':
      return `/receivables/customers/${id}`;
    case 'payment':
      return `/receivables/payments/${id}`;
    case 'order':
      return `/dispatch/orders/${id}`;
    case 'shipment':
      return `/dispatch/shipments/${id}`;
    case 'product':
      return `/dispatch/products/${id}`;
    default:
      return null;
  }
}

/** The company's "today" is the server's; the browser's local date is close enough to mark what is overdue. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function mayWrite(roles: readonly Role[], department: Department): boolean {
  return roles.includes('admin') || roles.includes(DEPARTMENT_ROLE[department]);
}
