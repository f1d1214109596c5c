/**
 * Managing customers and their contacts: create, update, archive, contacts; each change audited in its
 * transaction and announced with a `customer.created` / `customer.updated` event.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getUser } from '../users/index.js';
import {
  DEFAULT_PAYMENT_TERMS,
  foldText,
  formatCustomerCode,
  type PaymentTerms,
  searchTextOf,
} from './rules.js';
import type {
  Address,
  Contact,
  ContactInput,
  ContactPatch,
  CreateCustomerInput,
  Customer,
  CustomerStatus,
  UpdateCustomerInput,
} from './schemas.js';
import * as store from './store.js';

export const DEFAULT_LANGUAGE = 'en';
const CODE_COUNTER = 'code';

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

export const toContact = (row: store.ContactRow): Contact => ({
  id: row.id,
  name: row.name,
  email: row.email,
  phone: row.phone,
  role: row.role,
  receivesInvoices: row.receives_invoices === 1,
  receivesReminders: row.receives_reminders === 1,
});

export function toCustomer(row: store.CustomerWithDetails): Customer {
  return {
    id: row.id,
    code: row.code,
    legalName: row.legal_name,
    status: row.status,
    billingAddress: {
      line1: row.billing_line1,
      line2: row.billing_line2,
      postalCode: row.billing_postal_code,
      city: row.billing_city,
      region: row.billing_region,
      country: row.billing_country,
    },
    shippingAddress:
      row.shipping_line1 !== null && row.shipping_city !== null && row.shipping_country !== null
        ? {
            line1: row.shipping_line1,
            line2: row.shipping_line2,
            postalCode: row.shipping_postal_code,
            city: row.shipping_city,
            region: row.shipping_region,
            country: row.shipping_country,
          }
        : null,
    language: row.language,
    currency: row.currency,
    paymentTerms: JSON.parse(row.payment_terms) as PaymentTerms,
    creditLimit: row.credit_limit === null ? null : Number(row.credit_limit),
    taxId: row.tax_id,
    tags: row.tags,
    notes: row.notes,
    ownerId: row.owner_id,
    contacts: row.contacts.map(toContact),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The fields of a customer that create and update set (not its id, status, contacts or timestamps). */
export interface CustomerState {
  code: string;
  legalName: string;
  billingAddress: Address;
  shippingAddress: Address | null;
  language: string;
  currency: string;
  paymentTerms: PaymentTerms;
  creditLimit: number | null;
  taxId: string | null;
  tags: string[];
  notes: string | null;
  ownerId: string | null;
}

export const STATE_FIELDS = [
  'code',
  'legalName',
  'billingAddress',
  'shippingAddress',
  'language',
  'currency',
  'paymentTerms',
  'creditLimit',
  'taxId',
  'tags',
  'notes',
  'ownerId',
] as const satisfies readonly (keyof CustomerState)[];

export const stateOf = (customer: Customer): CustomerState => ({
  code: customer.code,
  legalName: customer.legalName,
  billingAddress: customer.billingAddress,
  shippingAddress: customer.shippingAddress,
  language: customer.language,
  currency: customer.currency,
  paymentTerms: customer.paymentTerms,
  creditLimit: customer.creditLimit,
  taxId: customer.taxId,
  tags: customer.tags,
  notes: customer.notes,
  ownerId: customer.ownerId,
});

/** The state after an update: the given fields replace the current ones, the rest stay. */
export function mergeState(current: CustomerState, input: UpdateCustomerInput): CustomerState {
  const next: CustomerState = { ...current };
  for (const field of STATE_FIELDS) {
    const value = input[field];
    if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = value;
  }
  next.tags = [...new Set(next.tags)].sort();
  return next;
}

/** The names of the fields whose values differ. */
export function changedFields(before: CustomerState, after: CustomerState): string[] {
  return STATE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

function stateColumns(state: CustomerState) {
  const ship = state.shippingAddress;
  return {
    code: state.code,
    legal_name: state.legalName,
    sort_name: foldText(state.legalName),
    billing_line1: state.billingAddress.line1,
    billing_line2: state.billingAddress.line2,
    billing_postal_code: state.billingAddress.postalCode,
    billing_city: state.billingAddress.city,
    billing_region: state.billingAddress.region,
    billing_country: state.billingAddress.country,
    shipping_line1: ship?.line1 ?? null,
    shipping_line2: ship?.line2 ?? null,
    shipping_postal_code: ship?.postalCode ?? null,
    shipping_city: ship?.city ?? null,
    shipping_region: ship?.region ?? null,
    shipping_country: ship?.country ?? null,
    language: state.language,
    currency: state.currency,
    payment_terms: JSON.stringify(state.paymentTerms),
    credit_limit: state.creditLimit,
    tax_id: state.taxId,
    notes: state.notes,
    owner_id: state.ownerId,
  };
}

// ── Checks made before a transaction (they read other modules through their public surface) ─────

/** Null when the user can own customer accounts; otherwise why not. */
export async function ownerProblem(ctx: AppContext, ownerId: string): Promise<string | null> {
  try {
    const user = await getUser(ctx, ownerId);
    if (user.status !== 'active') return 'is a disabled user';
    if (!user.roles.includes('sales')) return 'must be a user with the sales role';
    return null;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return 'is not a user';
    throw error;
  }
}

async function checkOwner(ctx: AppContext, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const problem = await ownerProblem(ctx, ownerId);
  if (problem) {
    throw validationError(`The account owner ${ownerId} ${problem}.`, [
      { path: 'ownerId', message: problem },
    ]);
  }
}

// ── Work inside a transaction (also used by the CSV import) ─────────────────────────────────────

async function load(db: AnyDb, id: string): Promise<Customer> {
  const row = await store.findCustomerById(db, id);
  if (!row) throw notFound('customer', id);
  return toCustomer(row);
}

async function syncSearchText(db: AnyDb, customer: Customer): Promise<void> {
  await store.updateCustomer(db, customer.id, {
    search_text: searchTextOf({
      code: customer.code,
      legalName: customer.legalName,
      taxId: customer.taxId,
      contactEmails: customer.contacts.map((c) => c.email),
    }),
  });
}

async function generateCode(db: AnyDb): Promise<string> {
  for (;;) {
    const code = formatCustomerCode(await store.nextCounterValue(db, CODE_COUNTER));
    if (!(await store.codeTaken(db, code))) return code;
  }
}

const codeInUse = (code: string) =>
  conflict(`A customer with the code ${code} already exists.`, [
    { path: 'code', message: 'is already in use' },
  ]);

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

export interface NewCustomer extends Omit<CreateCustomerInput, 'contacts'> {
  contacts?: ContactInput[] | undefined;
  status?: CustomerStatus | undefined;
}

export async function createInTx(ctx: AppContext, tx: Tx, input: NewCustomer): Promise<Customer> {
  const code = input.code ?? (await generateCode(tx.db));
  if (input.code && (await store.codeTaken(tx.db, code))) throw codeInUse(code);
  const state: CustomerState = {
    code,
    legalName: input.legalName,
    billingAddress: input.billingAddress,
    shippingAddress: input.shippingAddress ?? null,
    language: input.language ?? DEFAULT_LANGUAGE,
    currency: input.currency ?? ctx.config.BASE_CURRENCY,
    paymentTerms: input.paymentTerms ?? DEFAULT_PAYMENT_TERMS,
    creditLimit: input.creditLimit ?? null,
    taxId: input.taxId ?? null,
    tags: [...new Set(input.tags ?? [])].sort(),
    notes: input.notes ?? null,
    ownerId: input.ownerId ?? null,
  };
  const id = newId('customer');
  await store.insertCustomer(tx.db, {
    id,
    ...stateColumns(state),
    search_text: '',
    status: input.status ?? 'active',
    created_at: tx.now,
    updated_at: tx.now,
  });
  await store.replaceTags(tx.db, id, state.tags);
  for (const contact of input.contacts ?? []) await insertContact(tx, id, contact);
  const created = await load(tx.db, id);
  await syncSearchText(tx.db, created);
  tx.audit({ action: 'customer.created', entityType: 'customer', entityId: id, after: created });
  await tx.emit({
    type: 'customer.created',
    aggregateType: 'customer',
    aggregateId: id,
    payload: { customerId: id, code },
  });
  return created;
}

export interface CustomerUpdate extends UpdateCustomerInput {
  status?: CustomerStatus | undefined;
  /** Adds or updates the invoice recipient (CSV import): matched by email, else the current one. */
  billingContact?: { name: string; email: string | null; phone: string | null } | undefined;
}

/** What an update would change: field names, plus `status` and `contacts`. Pure. */
export function plannedChanges(before: Customer, update: CustomerUpdate): string[] {
  const changes = changedFields(stateOf(before), mergeState(stateOf(before), update));
  if (update.status && update.status !== before.status) changes.push('status');
  if (update.billingContact) {
    const target = billingContactTarget(before.contacts, update.billingContact.email);
    const wanted = update.billingContact;
    if (
      !target ||
      target.name !== wanted.name ||
      target.email !== wanted.email ||
      target.phone !== wanted.phone ||
      !target.receivesInvoices
    )
      changes.push('contacts');
  }
  return changes;
}

function billingContactTarget(contacts: readonly Contact[], email: string | null): Contact | undefined {
  return (
    (email ? contacts.find((c) => c.email === email) : undefined) ?? contacts.find((c) => c.receivesInvoices)
  );
}

/** Applies an update to a loaded customer; returns the customer after it (unchanged when nothing differs). */
export async function updateInTx(
  tx: Tx,
  before: Customer,
  update: CustomerUpdate,
): Promise<{ after: Customer; changes: string[] }> {
  const changes = plannedChanges(before, update);
  if (changes.length === 0) return { after: before, changes };
  const state = mergeState(stateOf(before), update);
  if (state.code !== before.code && (await store.codeTaken(tx.db, state.code, before.id)))
    throw codeInUse(state.code);
  await store.updateCustomer(tx.db, before.id, {
    ...stateColumns(state),
    ...(update.status ? { status: update.status } : {}),
    updated_at: tx.now,
  });
  if (changes.includes('tags')) await store.replaceTags(tx.db, before.id, state.tags);
  if (update.billingContact && changes.includes('contacts')) {
    const wanted = update.billingContact;
    const target = billingContactTarget(before.contacts, wanted.email);
    if (target) {
      await store.updateContact(tx.db, target.id, {
        name: wanted.name,
        email: wanted.email,
        phone: wanted.phone,
        receives_invoices: 1,
        updated_at: tx.now,
      });
    } else {
      await insertContact(tx, before.id, {
        ...wanted,
        role: null,
        receivesInvoices: true,
        receivesReminders: true,
      });
    }
  }
  const after = await load(tx.db, before.id);
  await syncSearchText(tx.db, after);
  tx.audit({ action: 'customer.updated', entityType: 'customer', entityId: before.id, before, after });
  await tx.emit({
    type: 'customer.updated',
    aggregateType: 'customer',
    aggregateId: before.id,
    payload: { customerId: before.id, code: after.code, changes },
  });
  return { after, changes };
}

async function insertContact(tx: Tx, customerId: string, input: ContactInput): Promise<string> {
  const id = newId('contact');
  await store.insertContact(tx.db, {
    id,
    customer_id: customerId,
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    role: input.role ?? null,
    receives_invoices: input.receivesInvoices ? 1 : 0,
    receives_reminders: input.receivesReminders ? 1 : 0,
    created_at: tx.now,
    updated_at: tx.now,
  });
  return id;
}

/** Runs a write, turning a lost race on a unique code into a clear 409. */
async function guardCode<T>(code: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error) && code) throw codeInUse(code);
    throw error;
  }
}

// ── Use cases ────────────────────────────────────────────────────────────────────────────────────

export async function createCustomer(
  ctx: AppContext,
  actor: Actor,
  input: CreateCustomerInput,
): Promise<Customer> {
  await checkOwner(ctx, input.ownerId);
  return guardCode(input.code, () => transaction(ctx, actor, (tx) => createInTx(ctx, tx, input)));
}

export async function updateCustomer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCustomerInput,
): Promise<Customer> {
  await checkOwner(ctx, input.ownerId);
  return guardCode(input.code, () =>
    transaction(ctx, actor, async (tx) => (await updateInTx(tx, await load(tx.db, id), input)).after),
  );
}

async function setStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  status: CustomerStatus,
): Promise<Customer> {
  return transaction(ctx, actor, async (tx) => {
    const before = await load(tx.db, id);
    if (before.status === status) return before;
    await store.updateCustomer(tx.db, id, { status, updated_at: tx.now });
    const after = await load(tx.db, id);
    tx.audit({
      action: status === 'archived' ? 'customer.archived' : 'customer.unarchived',
      entityType: 'customer',
      entityId: id,
      before,
      after,
    });
    await tx.emit({
      type: 'customer.updated',
      aggregateType: 'customer',
      aggregateId: id,
      payload: { customerId: id, code: after.code, changes: ['status'] },
    });
    return after;
  });
}

/** Archived customers leave the default list and cannot be billed anew; their history stays. */
export const archiveCustomer = (ctx: AppContext, actor: Actor, id: string) =>
  setStatus(ctx, actor, id, 'archived');
export const unarchiveCustomer = (ctx: AppContext, actor: Actor, id: string) =>
  setStatus(ctx, actor, id, 'active');

export async function getCustomer(ctx: AppContext, id: string): Promise<Customer> {
  return load(ctx.db, id);
}

export async function findCustomerByCode(ctx: AppContext, code: string): Promise<Customer | null> {
  const row = await store.findCustomerByCode(ctx.db, code.trim().toUpperCase());
  return row ? toCustomer(row) : null;
}

export interface ListCustomersFilter {
  q?: string | undefined;
  tag?: string | undefined;
  ownerId?: string | undefined;
  currency?: string | undefined;
  status?: CustomerStatus | 'all' | undefined;
  after?: { sortName: string; id: string } | undefined;
  limit: number;
}

/** Customers ordered by legal name, `limit + 1` of them (see toPage). Status defaults to active. */
export async function listCustomers(ctx: AppContext, filter: ListCustomersFilter) {
  const { status = 'active', ...rest } = filter;
  const rows = await store.listCustomers(ctx.db, {
    ...rest,
    ...(rest.tag ? { tag: rest.tag.trim().toLowerCase() } : {}),
    ...(rest.currency ? { currency: rest.currency.toUpperCase() } : {}),
    status: status === 'all' ? undefined : status,
  });
  return rows.map((row) => ({ customer: toCustomer(row), sortName: row.sort_name }));
}

export async function tagsInUse(ctx: AppContext): Promise<string[]> {
  return store.tagsInUse(ctx.db);
}

// ── Contacts ─────────────────────────────────────────────────────────────────────────────────────

function contactOf(customer: Customer, contactId: string): Contact {
  const contact = customer.contacts.find((c) => c.id === contactId);
  if (!contact) throw notFound(`contact of customer ${customer.id}`, contactId);
  return contact;
}

/** After a contact changed: touch the customer, refresh its search text, audit (on the customer) and announce it. */
async function contactChanged(
  tx: Tx,
  action: string,
  customer: Customer,
  contactId: string,
  before: Contact | undefined,
): Promise<Contact | undefined> {
  await store.updateCustomer(tx.db, customer.id, { updated_at: tx.now });
  const updated = await load(tx.db, customer.id);
  await syncSearchText(tx.db, updated);
  const after = updated.contacts.find((c) => c.id === contactId);
  tx.audit({
    action,
    entityType: 'customer',
    entityId: customer.id,
    before: before ? { contact: before } : undefined,
    after: after ? { contact: after } : undefined,
  });
  await tx.emit({
    type: 'customer.updated',
    aggregateType: 'customer',
    aggregateId: customer.id,
    payload: { customerId: customer.id, code: customer.code, changes: ['contacts'] },
  });
  return after;
}

export async function addContact(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: ContactInput,
): Promise<Contact> {
  return transaction(ctx, actor, async (tx) => {
    const customer = await load(tx.db, customerId);
    const id = await insertContact(tx, customerId, input);
    return (await contactChanged(tx, 'customer.contact_added', customer, id, undefined))!;
  });
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  contactId: string,
  patch: ContactPatch,
): Promise<Contact> {
  return transaction(ctx, actor, async (tx) => {
    const customer = await load(tx.db, customerId);
    const before = contactOf(customer, contactId);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const next: Contact = { ...before, ...given };
    if ((next.receivesInvoices || next.receivesReminders) && !next.email) {
      throw validationError('A contact who receives invoices or reminders needs an email address.', [
        { path: 'email', message: 'is required for a contact who receives invoices or reminders' },
      ]);
    }
    await store.updateContact(tx.db, contactId, {
      name: next.name,
      email: next.email,
      phone: next.phone,
      role: next.role,
      receives_invoices: next.receivesInvoices ? 1 : 0,
      receives_reminders: next.receivesReminders ? 1 : 0,
      updated_at: tx.now,
    });
    return (await contactChanged(tx, 'customer.contact_updated', customer, contactId, before))!;
  });
}

export async function removeContact(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  contactId: string,
): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const customer = await load(tx.db, customerId);
    const before = contactOf(customer, contactId);
    await store.deleteContact(tx.db, contactId);
    await contactChanged(tx, 'customer.contact_removed', customer, contactId, before);
  });
}
