import { definePermission } from '../../platform/http/access.js';

/**
 * Every staff role sees the whole worklist. Changing a task (assign, snooze, comment, done, reopen)
 * needs the role of the task's department or admin — the routes admit the working roles, and the
 * service checks the department of each task (finance→finance, logistics→logistics, sales→sales,
 * customer_service→support). The auditor only reads. Leads (who receives escalations) are set by admin.
 */
export const worklistPermissions = {
  read: definePermission('worklist.read', ['admin', 'finance', 'sales', 'logistics', 'support', 'auditor']),
  write: definePermission('worklist.write', ['admin', 'finance', 'sales', 'logistics', 'support']),
  admin: definePermission('worklist.admin', ['admin']),
} as const;
