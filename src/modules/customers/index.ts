/** The customers module's public surface: customers, their contacts and payment terms, CSV import and export. */

import type { AnyDb } from '../../platform/db/database.js';
import type { DuelyModule } from '../module.js';
import { toCustomer } from './customers-service.js';
import { seedDemoCustomers } from './demo.js';
import { customersRoutes } from './routes.js';
import { billingContacts, reminderContacts } from './rules.js';
import type { Contact, Customer } from './schemas.js';
import { findCustomerById as findCustomerRow, findCustomersByIds, namesByIds } from './store.js';

export type { CsvColumn, ImportResult, LineError } from './csv.js';
export { applyImport, CSV_COLUMNS, exportCustomers, previewImport } from './csv.js';
export {
  addContact,
  archiveCustomer,
  createCustomer,
  findCustomerByCode,
  getCustomer,
  listCustomers,
  removeContact,
  unarchiveCustomer,
  updateContact,
  updateCustomer,
} from './customers-service.js';
export { customersPermissions } from './permissions.js';
export type { PaymentTerms } from './rules.js';
export {
  DEFAULT_PAYMENT_TERMS,
  earlyDiscountSchema,
  formatPaymentTerms,
  paymentTermsSchema,
} from './rules.js';
export type {
  Address,
  Contact,
  ContactInput,
  ContactPatch,
  CreateCustomerInput,
  Customer,
  CustomerStatus,
  UpdateCustomerInput,
} from './schemas.js';

/**
 * The contact(s) to email a customer's invoices to: those flagged `receivesInvoices` (with an email),
 * or else the first contact with an email; empty when the customer has no email address at all.
 */
export const billingContact = (customer: Pick<Customer, 'contacts'>): Contact[] =>
  billingContacts(customer.contacts);

/** The contact(s) to send payment reminders to: those flagged `receivesReminders`, else the billing contact(s). */
export const reminderContact = (customer: Pick<Customer, 'contacts'>): Contact[] =>
  reminderContacts(customer.contacts);

/**
 * A customer read with a given handle, so another module can read it inside its own transaction
 * (`tx.db`; on SQLite `ctx.db` would wait for that transaction). Added for invoicing (issue 3).
 */
export async function findCustomerIn(db: AnyDb, id: string): Promise<Customer | undefined> {
  const row = await findCustomerRow(db, id);
  return row ? toCustomer(row) : undefined;
}

/** Several customers read with a given handle, keyed by id (unknown ids absent): the follow-up run's one read per batch (issue 5). */
export async function findCustomersIn(db: AnyDb, ids: readonly string[]): Promise<Map<string, Customer>> {
  const rows = await findCustomersByIds(db, ids);
  return new Map([...rows].map(([id, row]) => [id, toCustomer(row)]));
}

/**
 * Code and legal name of the given customers, keyed by id (unknown ids are absent). For reports that
 * name the customers of one page of rows: one query per 5,000 ids. Added for the reports module (issue 3).
 */
export async function customerNames(
  db: AnyDb,
  ids: readonly string[],
): Promise<Map<string, { code: string; legalName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await namesByIds(db, ids);
  return new Map(rows.map((r) => [r.id, { code: r.code, legalName: r.legal_name }]));
}

export const customersModule: DuelyModule = {
  name: 'customers',
  routes: (ctx) => customersRoutes(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoCustomers(ctx, actor, progress),
};
