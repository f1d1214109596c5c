/**
 * Who may call each API route. The route × role test compares this table with the routes the server
 * actually has: a new route fails the suite until it is listed here with its intended access.
 */
import type { Role } from '../../src/platform/auth/roles.js';

export type Expected = 'public' | 'authenticated' | readonly Role[];

const ADMIN: readonly Role[] = ['admin'];
const CUSTOMERS_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics'];
const CUSTOMERS_WRITE: readonly Role[] = ['admin', 'finance', 'sales'];
const INVOICES_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor'];
const INVOICES_WRITE: readonly Role[] = ['admin', 'finance'];
const SETTINGS_READ: readonly Role[] = ['admin', 'finance'];

const PAYMENTS_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor'];
const PAYMENTS_WRITE: readonly Role[] = ['admin', 'finance'];
const REPORTS_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor'];
const CATALOG_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics'];
const CATALOG_WRITE: readonly Role[] = ['admin', 'logistics'];
const ORDERS_READ: readonly Role[] = ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics'];
const ORDERS_WRITE: readonly Role[] = ['admin', 'logistics', 'sales'];
// Every staff role sees the worklist; the working roles change tasks (the service checks each task's
// department: its role or admin); the auditor only reads; leads are set by admin.
const WORKLIST_READ: readonly Role[] = ['admin', 'finance', 'sales', 'logistics', 'support', 'auditor'];
const WORKLIST_WRITE: readonly Role[] = ['admin', 'finance', 'sales', 'logistics', 'support'];

export const EXPECTED_ACCESS: Record<string, Expected> = {
  'GET /api/openapi.json': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'authenticated',
  'GET /api/auth/session': 'authenticated',
  'POST /api/auth/password': 'authenticated',
  'GET /api/meta': 'authenticated',
  'GET /api/audit': ['admin', 'auditor'],
  'GET /api/jobs': ADMIN,
  'POST /api/jobs/:id/retry': ADMIN,
  'GET /api/mail': ADMIN,
  'GET /api/mail/:id': ADMIN,
  'POST /api/mail/:id/retry': ADMIN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/enable': ADMIN,
  'GET /api/tokens': ADMIN,
  'POST /api/tokens': ADMIN,
  'POST /api/tokens/:id/revoke': ADMIN,
  'GET /api/customers': CUSTOMERS_READ,
  'GET /api/customers/export.csv': CUSTOMERS_READ,
  'GET /api/customers/tags': CUSTOMERS_READ,
  'POST /api/customers': CUSTOMERS_WRITE,
  'GET /api/customers/:id': CUSTOMERS_READ,
  'PATCH /api/customers/:id': CUSTOMERS_WRITE,
  'POST /api/customers/:id/archive': CUSTOMERS_WRITE,
  'POST /api/customers/:id/unarchive': CUSTOMERS_WRITE,
  'POST /api/customers/:id/contacts': CUSTOMERS_WRITE,
  'PATCH /api/customers/:id/contacts/:contactId': CUSTOMERS_WRITE,
  'DELETE /api/customers/:id/contacts/:contactId': CUSTOMERS_WRITE,
  'POST /api/customers/import': CUSTOMERS_WRITE,
  'GET /api/settings/company': SETTINGS_READ,
  'PUT /api/settings/company': ADMIN,
  'GET /api/invoices': INVOICES_READ,
  'POST /api/invoices': INVOICES_WRITE,
  'GET /api/invoices/:id': INVOICES_READ,
  'PATCH /api/invoices/:id': INVOICES_WRITE,
  'DELETE /api/invoices/:id': INVOICES_WRITE,
  'POST /api/invoices/:id/issue': INVOICES_WRITE,
  'POST /api/invoices/:id/credit': INVOICES_WRITE,
  'POST /api/invoices/:id/send': INVOICES_WRITE,
  'GET /api/invoices/:id/messages': INVOICES_READ,
  'GET /api/invoices/:id/pdf': INVOICES_READ,
  'GET /api/invoice-templates/:customerId': INVOICES_READ,
  'PUT /api/invoice-templates/:customerId': INVOICES_WRITE,
  'GET /api/payments': PAYMENTS_READ,
  'POST /api/payments': PAYMENTS_WRITE,
  'GET /api/payments/:id': PAYMENTS_READ,
  'POST /api/payments/:id/allocations': PAYMENTS_WRITE,
  'POST /api/payments/:id/auto-allocate': PAYMENTS_WRITE,
  'POST /api/payments/:id/reverse': PAYMENTS_WRITE,
  'GET /api/allocations': PAYMENTS_READ,
  'POST /api/write-offs': PAYMENTS_WRITE,
  'GET /api/write-off-tolerances/:currency': PAYMENTS_READ,
  'PUT /api/write-off-tolerances/:currency': ADMIN,
  'GET /api/accounts/:customerId/balance': PAYMENTS_READ,
  'GET /api/accounts/:customerId/ledger': PAYMENTS_READ,
  'GET /api/accounts/:customerId/credit': PAYMENTS_READ,
  'POST /api/accounts/:customerId/credit/apply': PAYMENTS_WRITE,
  'POST /api/accounts/:customerId/credit-notes/apply': PAYMENTS_WRITE,
  'POST /api/accounts/:customerId/refunds': PAYMENTS_WRITE,
  'GET /api/accounts/:customerId/statement': PAYMENTS_READ,
  'POST /api/accounts/:customerId/statement/send': PAYMENTS_WRITE,
  'GET /api/reports/aging': REPORTS_READ,
  'GET /api/reports/aging/invoices': REPORTS_READ,
  'GET /api/reports/aging.csv': REPORTS_READ,
  'GET /api/reports/open-items': REPORTS_READ,
  'GET /api/reports/open-items.csv': REPORTS_READ,
  'GET /api/reports/dso': REPORTS_READ,
  'GET /api/products': CATALOG_READ,
  'GET /api/products/export.csv': CATALOG_READ,
  'POST /api/products': CATALOG_WRITE,
  'GET /api/products/:id': CATALOG_READ,
  'PATCH /api/products/:id': CATALOG_WRITE,
  'DELETE /api/products/:id': CATALOG_WRITE,
  'POST /api/products/import': CATALOG_WRITE,
  'GET /api/warehouses': CATALOG_READ,
  'POST /api/warehouses': CATALOG_WRITE,
  'GET /api/warehouses/:id': CATALOG_READ,
  'PATCH /api/warehouses/:id': CATALOG_WRITE,
  'DELETE /api/warehouses/:id': CATALOG_WRITE,
  'GET /api/stock/levels': CATALOG_READ,
  'GET /api/stock/movements': CATALOG_READ,
  'POST /api/stock/receipts': CATALOG_WRITE,
  'POST /api/stock/adjustments': CATALOG_WRITE,
  'GET /api/stock/counts.csv': CATALOG_READ,
  'POST /api/stock/counts/import': CATALOG_WRITE,
  'GET /api/orders': ORDERS_READ,
  'POST /api/orders': ORDERS_WRITE,
  'GET /api/orders/:id': ORDERS_READ,
  'PATCH /api/orders/:id': ORDERS_WRITE,
  'POST /api/orders/:id/confirm': ORDERS_WRITE,
  'POST /api/orders/:id/cancel': ORDERS_WRITE,
  // Creating an invoice draft is billing: the invoicing module's write roles.
  'POST /api/orders/:id/invoice': INVOICES_WRITE,
  // Follow-up desk (promises to pay, snoozes, contact log, customer timeline).
  'GET /api/promises': ['admin', 'finance', 'sales', 'support', 'auditor'],
  'POST /api/promises': ['admin', 'finance'],
  'GET /api/promises/:id': ['admin', 'finance', 'sales', 'support', 'auditor'],
  'POST /api/promises/:id/cancel': ['admin', 'finance'],
  'GET /api/snoozes': ['admin', 'finance', 'sales', 'support', 'auditor'],
  'POST /api/invoices/:id/snooze': ['admin', 'finance'],
  'POST /api/snoozes/:id/end': ['admin', 'finance'],
  'POST /api/customers/:id/notes': ['admin', 'finance', 'sales', 'support'],
  'GET /api/customers/:id/timeline': ['admin', 'finance', 'sales', 'support', 'auditor'],
  'GET /api/customers/:id/timeline.csv': ['admin', 'finance', 'sales', 'support', 'auditor'],
  'GET /api/worklist/tasks': WORKLIST_READ,
  'GET /api/worklist/tasks/export.csv': WORKLIST_READ,
  'GET /api/worklist/tasks/:id': WORKLIST_READ,
  'POST /api/worklist/tasks/:id/assign': WORKLIST_WRITE,
  'POST /api/worklist/tasks/:id/snooze': WORKLIST_WRITE,
  'POST /api/worklist/tasks/:id/comments': WORKLIST_WRITE,
  'POST /api/worklist/tasks/:id/done': WORKLIST_WRITE,
  'POST /api/worklist/tasks/:id/reopen': WORKLIST_WRITE,
  'POST /api/worklist/tasks/bulk/assign': WORKLIST_WRITE,
  'POST /api/worklist/tasks/bulk/snooze': WORKLIST_WRITE,
  'GET /api/worklist/leads': ADMIN,
  'PUT /api/worklist/leads/:role': ADMIN,
};
