/**
 * CSV import (with a preview) and export of customers. One customer per line; the columns are
 * CSV_COLUMNS, and an export re-imports unchanged. Import matches existing customers by code and
 * applies all lines in one transaction, or none when any line is invalid.
 */
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { type FieldError, validationError } from '../../platform/errors.js';
import { isCurrency, parseMoney, toDecimalString } from '../../platform/money.js';
import { findUserByEmail, getUser } from '../users/index.js';
import {
  type CustomerUpdate,
  createInTx,
  type ListCustomersFilter,
  listCustomers,
  type NewCustomer,
  plannedChanges,
  toCustomer,
  updateInTx,
} from './customers-service.js';
import { csvRecord, formatPaymentTerms, normalizeCode, parsePaymentTerms, unescapeFormula } from './rules.js';
import {
  type Address,
  type Contact,
  type Customer,
  contactInputSchema,
  createCustomerSchema,
  updateCustomerSchema,
} from './schemas.js';
import * as store from './store.js';

/** The columns of the customer CSV file, in export order. Only `legal_name` (for new customers) is required. */
export const CSV_COLUMNS = [
  'code',
  'legal_name',
  'status',
  'currency',
  'language',
  'payment_terms',
  'credit_limit',
  'tax_id',
  'tags',
  'owner_email',
  'billing_line1',
  'billing_line2',
  'billing_postal_code',
  'billing_city',
  'billing_region',
  'billing_country',
  'shipping_line1',
  'shipping_line2',
  'shipping_postal_code',
  'shipping_city',
  'shipping_region',
  'shipping_country',
  'contact_name',
  'contact_email',
  'contact_phone',
  'notes',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const CSV_FORMAT_NOTE =
  'Header line required; columns (any order, absent ones are left unchanged on update): ' +
  `${CSV_COLUMNS.join(', ')}. A line whose code exists updates that customer, otherwise it creates one ` +
  '(a blank code is generated). Blank cells clear optional values; blank currency, language, payment_terms ' +
  'or status keep the current value (or the default for a new customer). payment_terms: "net 30", "eom 30", ' +
  '"instalments 30:50 60:50", optionally "; discount 2% 10". credit_limit: a decimal amount in the ' +
  'customer\'s currency. tags: separated by ";". contact_*: the invoice recipient (blank: contacts unchanged).';

export interface LineError {
  line: number;
  field: string | null;
  message: string;
}

export interface LineResult {
  line: number;
  code: string | null;
  legalName: string | null;
  action: 'create' | 'update' | 'unchanged' | 'invalid';
  changes: string[];
  errors: { field: string | null; message: string }[];
  customerId?: string;
}

export interface ImportResult {
  mode: 'preview' | 'apply';
  valid: boolean;
  counts: { lines: number; create: number; update: number; unchanged: number; invalid: number };
  lines: LineResult[];
  errors: LineError[];
}

// ── Parsing ──────────────────────────────────────────────────────────────────────────────────────

interface CsvLine {
  line: number;
  cells: Map<CsvColumn, string>;
}

interface ParsedFile {
  header: Set<CsvColumn>;
  lines: CsvLine[];
  errors: LineError[];
}

const isColumn = (name: string): name is CsvColumn => (CSV_COLUMNS as readonly string[]).includes(name);

function parseFile(text: string): ParsedFile {
  const errors: LineError[] = [];
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { header: new Set(), lines: [], errors: [{ line: lines ?? 1, field: null, message }] };
  }
  // info.lines is where a record ends; a quoted cell may span lines, and skipped blank lines precede it.
  const startLine = (r: (typeof records)[number]) =>
    r.info.lines - (r.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
  const meaningful = records.filter((r) => r.record.some((cell) => cell.trim() !== ''));
  const [headerRecord, ...body] = meaningful;
  if (!headerRecord)
    return { header: new Set(), lines: [], errors: [{ line: 1, field: null, message: 'the file is empty' }] };

  const headerLine = startLine(headerRecord);
  const names = headerRecord.record.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  const header = new Set<CsvColumn>();
  for (const name of names) {
    if (!isColumn(name))
      errors.push({
        line: headerLine,
        field: name,
        message: `is not a known column (known: ${CSV_COLUMNS.join(', ')})`,
      });
    else if (header.has(name))
      errors.push({ line: headerLine, field: name, message: 'appears twice in the header' });
    else header.add(name);
  }
  if (errors.length > 0) return { header, lines: [], errors };

  const lines: CsvLine[] = [];
  for (const record of body) {
    const line = startLine(record);
    if (record.record.length !== names.length) {
      errors.push({
        line,
        field: null,
        message: `has ${record.record.length} cells; the header has ${names.length}`,
      });
      continue;
    }
    const cells = new Map<CsvColumn, string>();
    for (const [i, name] of names.entries())
      cells.set(name as CsvColumn, unescapeFormula(record.record[i]!.trim()));
    lines.push({ line, cells });
  }
  return { header, lines, errors };
}

// ── From a line to a service input ──────────────────────────────────────────────────────────────

/** The CSV column a schema issue belongs to. */
function columnOf(path: readonly PropertyKey[]): { field: CsvColumn; rest: string } {
  const [head, sub, ...rest] = path.map(String);
  const restText = (parts: string[]) => parts.join('.');
  const address = (prefix: 'billing' | 'shipping') => {
    const map: Record<string, CsvColumn> = {
      line1: `${prefix}_line1`,
      line2: `${prefix}_line2`,
      postalCode: `${prefix}_postal_code`,
      city: `${prefix}_city`,
      region: `${prefix}_region`,
      country: `${prefix}_country`,
    };
    return { field: map[sub ?? ''] ?? `${prefix}_line1`, rest: restText(rest) };
  };
  switch (head) {
    case 'billingAddress':
      return address('billing');
    case 'shippingAddress':
      return address('shipping');
    case 'legalName':
      return { field: 'legal_name', rest: '' };
    case 'paymentTerms':
      return { field: 'payment_terms', rest: restText([sub, ...rest].filter((p): p is string => !!p)) };
    case 'creditLimit':
      return { field: 'credit_limit', rest: '' };
    case 'taxId':
      return { field: 'tax_id', rest: '' };
    case 'ownerId':
      return { field: 'owner_email', rest: '' };
    case 'contacts':
    case 'contact': {
      const field = path.map(String).find((p) => ['name', 'email', 'phone'].includes(p));
      return { field: field ? (`contact_${field}` as CsvColumn) : 'contact_name', rest: '' };
    }
    default:
      return { field: isColumn(head ?? '') ? (head as CsvColumn) : 'code', rest: '' };
  }
}

function issuesToErrors(error: z.ZodError, prefix: PropertyKey[] = []): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const { field, rest } = columnOf([...prefix, ...issue.path]);
    return { field, message: rest ? `${rest}: ${issue.message}` : issue.message };
  });
}

interface Owners {
  /** lower-cased email → user id, or the reason it cannot own customers. */
  get(email: string): { id: string } | { problem: string } | undefined;
}

async function resolveOwners(ctx: AppContext, lines: readonly CsvLine[]): Promise<Owners> {
  const emails = new Set(
    lines.map((l) => l.cells.get('owner_email')?.toLowerCase()).filter((e): e is string => Boolean(e)),
  );
  const found = new Map<string, { id: string } | { problem: string }>();
  for (const email of emails) {
    const user = await findUserByEmail(ctx.db, email);
    if (!user) found.set(email, { problem: 'is not the email of a user' });
    else if (user.status !== 'active') found.set(email, { problem: 'is a disabled user' });
    else if (!user.roles.includes('sales'))
      found.set(email, { problem: 'must be a user with the sales role' });
    else found.set(email, { id: user.id });
  }
  return { get: (email) => found.get(email.toLowerCase()) };
}

interface PlannedLine {
  result: LineResult;
  create?: NewCustomer;
  update?: { before: Customer; input: CustomerUpdate };
}

const blank = (v: string | undefined) => v === undefined || v === '';

function addressFrom(line: CsvLine, prefix: 'billing' | 'shipping', current: Address | null) {
  const cell = (name: string, currentValue: string | null | undefined) => {
    const value = line.cells.get(`${prefix}_${name}` as CsvColumn);
    return value === undefined ? (currentValue ?? '') : value;
  };
  return {
    line1: cell('line1', current?.line1),
    line2: cell('line2', current?.line2),
    postalCode: cell('postal_code', current?.postalCode),
    city: cell('city', current?.city),
    region: cell('region', current?.region),
    country: cell('country', current?.country),
  };
}

const hasAny = (header: Set<CsvColumn>, prefix: string) => [...header].some((c) => c.startsWith(prefix));

/** Validates one line against the current customer with that code (if any) and plans what to do. */
function planLine(
  ctx: AppContext,
  header: Set<CsvColumn>,
  line: CsvLine,
  existing: Customer | undefined,
  owners: Owners,
): PlannedLine {
  const errors: { field: string | null; message: string }[] = [];
  const get = (c: CsvColumn) => line.cells.get(c);
  const raw: Record<string, unknown> = {};

  const code = get('code');
  if (!blank(code)) raw.code = code;
  if (header.has('legal_name') || !existing) raw.legalName = get('legal_name') ?? '';

  const status = get('status')?.toLowerCase();
  if (!blank(status) && status !== 'active' && status !== 'archived')
    errors.push({ field: 'status', message: 'must be active or archived' });

  for (const [column, key] of [
    ['currency', 'currency'],
    ['language', 'language'],
  ] as const) {
    const value = get(column);
    if (!blank(value)) raw[key] = value;
  }

  const terms = get('payment_terms');
  if (!blank(terms)) {
    const parsed = parsePaymentTerms(terms!);
    if ('error' in parsed) errors.push({ field: 'payment_terms', message: parsed.error });
    else raw.paymentTerms = parsed.terms;
  }

  if (header.has('credit_limit')) {
    const limit = get('credit_limit')!;
    const currency =
      (typeof raw.currency === 'string' ? raw.currency.toUpperCase() : undefined) ??
      existing?.currency ??
      ctx.config.BASE_CURRENCY;
    if (limit === '') raw.creditLimit = null;
    else if (isCurrency(currency)) {
      try {
        raw.creditLimit = parseMoney(limit.replace(/[\s,_]/g, ''), currency).amount;
      } catch (error) {
        errors.push({
          field: 'credit_limit',
          message: /decimal places/.test((error as Error).message)
            ? `has more decimals than ${currency} allows`
            : 'must be a decimal amount, e.g. 5000.00',
        });
      }
    }
  }
  if (header.has('tax_id')) raw.taxId = get('tax_id');
  if (header.has('notes')) raw.notes = get('notes');
  if (header.has('tags'))
    raw.tags = get('tags')!
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean);
  if (header.has('owner_email')) {
    const email = get('owner_email')!;
    if (email === '') raw.ownerId = null;
    else {
      const owner = owners.get(email);
      if (owner && 'id' in owner) raw.ownerId = owner.id;
      else errors.push({ field: 'owner_email', message: owner?.problem ?? 'is not the email of a user' });
    }
  }
  if (hasAny(header, 'billing_') || !existing)
    raw.billingAddress = addressFrom(line, 'billing', existing?.billingAddress ?? null);
  if (hasAny(header, 'shipping_')) {
    const shipping = addressFrom(line, 'shipping', existing?.shippingAddress ?? null);
    raw.shippingAddress = Object.values(shipping).every((v) => v === '') ? null : shipping;
  }

  let contact: { name: string; email: string | null; phone: string | null } | undefined;
  const contactCells = (['contact_name', 'contact_email', 'contact_phone'] as const).map((c) => get(c));
  if (contactCells.some((v) => !blank(v))) {
    const parsed = contactInputSchema.safeParse({
      name: contactCells[0] ?? '',
      email: contactCells[1] || null,
      phone: contactCells[2] || null,
      receivesInvoices: true,
      receivesReminders: true,
    });
    if (parsed.success)
      contact = { name: parsed.data.name, email: parsed.data.email, phone: parsed.data.phone };
    else errors.push(...issuesToErrors(parsed.error, ['contact']));
  }

  const displayCode = blank(code) ? null : normalizeCode(code!);
  const legalName = get('legal_name') || existing?.legalName || null;
  const statusValue = status === 'active' || status === 'archived' ? status : undefined;

  if (existing) {
    const parsed = updateCustomerSchema.safeParse(raw);
    if (!parsed.success) errors.push(...issuesToErrors(parsed.error));
    if (errors.length > 0 || !parsed.success)
      return {
        result: { line: line.line, code: displayCode, legalName, action: 'invalid', changes: [], errors },
      };
    const input: CustomerUpdate = { ...parsed.data, status: statusValue, billingContact: contact };
    const changes = plannedChanges(existing, input);
    return {
      result: {
        line: line.line,
        code: existing.code,
        legalName,
        action: changes.length > 0 ? 'update' : 'unchanged',
        changes,
        errors,
        customerId: existing.id,
      },
      update: { before: existing, input },
    };
  }
  const parsed = createCustomerSchema.safeParse(raw);
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error));
  if (errors.length > 0 || !parsed.success)
    return {
      result: { line: line.line, code: displayCode, legalName, action: 'invalid', changes: [], errors },
    };
  const create: NewCustomer = {
    ...parsed.data,
    status: statusValue,
    contacts: contact ? [{ ...contact, role: null, receivesInvoices: true, receivesReminders: true }] : [],
  };
  return {
    result: { line: line.line, code: displayCode, legalName, action: 'create', changes: [], errors },
    create,
  };
}

/**
 * Plans every line against the customers in `db`. Owners (users) are resolved beforehand through the
 * users module, outside any transaction: on SQLite, reading through ctx.db inside one would wait for it.
 */
async function planImport(
  ctx: AppContext,
  db: AnyDb,
  file: ParsedFile,
  owners: Owners,
): Promise<{ planned: PlannedLine[]; fileErrors: LineError[] }> {
  const codes = file.lines
    .map((l) => l.cells.get('code'))
    .filter((c): c is string => !blank(c))
    .map(normalizeCode);
  const existing = await store.findCustomersByCodes(db, [...new Set(codes)]);
  const firstLineOf = new Map<string, number>();
  const planned = file.lines.map((line) => {
    const code = line.cells.get('code');
    const current = blank(code) ? undefined : existing.get(normalizeCode(code!));
    const plan = planLine(ctx, file.header, line, current ? toCustomer(current) : undefined, owners);
    if (!blank(code)) {
      const key = normalizeCode(code!);
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        plan.result.errors.unshift({
          field: 'code',
          message: `is also on line ${first}; a code may appear once per file`,
        });
        plan.result.action = 'invalid';
        plan.result.changes = [];
        delete plan.create;
        delete plan.update;
      } else firstLineOf.set(key, line.line);
    }
    return plan;
  });
  return { planned, fileErrors: file.errors };
}

function summarize(
  mode: ImportResult['mode'],
  planned: PlannedLine[],
  fileErrors: LineError[],
): ImportResult {
  const lines = planned.map((p) => p.result);
  const errors: LineError[] = [
    ...fileErrors,
    ...lines.flatMap((l) => l.errors.map((e) => ({ line: l.line, field: e.field, message: e.message }))),
  ].sort((a, b) => a.line - b.line);
  const count = (action: LineResult['action']) => lines.filter((l) => l.action === action).length;
  return {
    mode,
    valid: errors.length === 0,
    counts: {
      lines: lines.length + new Set(fileErrors.map((e) => e.line)).size,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      invalid: count('invalid') + new Set(fileErrors.map((e) => e.line)).size,
    },
    lines,
    errors,
  };
}

/** What importing the file would do, line by line; changes nothing. */
export async function previewImport(ctx: AppContext, text: string): Promise<ImportResult> {
  const file = parseFile(text);
  const { planned, fileErrors } = await planImport(ctx, ctx.db, file, await resolveOwners(ctx, file.lines));
  return summarize('preview', planned, fileErrors);
}

function rejectFile(result: ImportResult) {
  const lines = new Set(result.errors.map((e) => e.line)).size;
  return validationError(
    `The file has ${result.errors.length} error(s) on ${lines} line(s); nothing was imported. Fix them and import again (preview shows the same list).`,
    result.errors.map((e): FieldError & LineError => ({
      path: e.field ? `line ${e.line}, column ${e.field}` : `line ${e.line}`,
      line: e.line,
      field: e.field,
      message: e.message,
    })),
  );
}

/** Imports every line in one transaction, or nothing (a 400 listing each line's errors) when any is invalid. */
export async function applyImport(ctx: AppContext, actor: Actor, text: string): Promise<ImportResult> {
  const file = parseFile(text);
  const owners = await resolveOwners(ctx, file.lines);
  // Fail fast without taking the write lock; the plan is made again inside the transaction.
  const outside = await planImport(ctx, ctx.db, file, owners);
  const checked = summarize('apply', outside.planned, outside.fileErrors);
  if (!checked.valid) throw rejectFile(checked);
  return transaction(ctx, actor, async (tx) => {
    const { planned, fileErrors } = await planImport(ctx, tx.db, file, owners);
    const result = summarize('apply', planned, fileErrors);
    if (!result.valid) throw rejectFile(result);
    for (const plan of planned) {
      if (plan.create) {
        const created = await createInTx(ctx, tx, plan.create);
        plan.result.code = created.code;
        plan.result.customerId = created.id;
      } else if (plan.update && plan.result.action === 'update') {
        await updateInTx(tx, plan.update.before, plan.update.input);
      }
    }
    tx.audit({ action: 'customer.imported', entityType: 'customer', entityId: null, after: result.counts });
    return { ...result, lines: planned.map((p) => p.result) };
  });
}

// ── Export ───────────────────────────────────────────────────────────────────────────────────────

const EXPORT_PAGE = 500;

/** The first contact flagged to receive invoices: the one the contact_* columns describe. */
const invoiceRecipient = (contacts: readonly Contact[]) => contacts.find((c) => c.receivesInvoices);

function exportCells(customer: Customer, ownerEmail: string): string[] {
  const contact = invoiceRecipient(customer.contacts);
  const ship = customer.shippingAddress;
  const bill = customer.billingAddress;
  const values: Record<CsvColumn, string | null | undefined> = {
    code: customer.code,
    legal_name: customer.legalName,
    status: customer.status,
    currency: customer.currency,
    language: customer.language,
    payment_terms: formatPaymentTerms(customer.paymentTerms),
    credit_limit:
      customer.creditLimit === null
        ? ''
        : toDecimalString({ amount: customer.creditLimit, currency: customer.currency }),
    tax_id: customer.taxId,
    tags: customer.tags.join(';'),
    owner_email: ownerEmail,
    billing_line1: bill.line1,
    billing_line2: bill.line2,
    billing_postal_code: bill.postalCode,
    billing_city: bill.city,
    billing_region: bill.region,
    billing_country: bill.country,
    shipping_line1: ship?.line1,
    shipping_line2: ship?.line2,
    shipping_postal_code: ship?.postalCode,
    shipping_city: ship?.city,
    shipping_region: ship?.region,
    shipping_country: ship?.country,
    contact_name: contact?.name,
    contact_email: contact?.email,
    contact_phone: contact?.phone,
    notes: customer.notes,
  };
  return CSV_COLUMNS.map((c) => values[c] ?? '');
}

/** The customers matching the list filters as CSV lines (header first), a page of customers at a time. */
export async function* exportCustomers(
  ctx: AppContext,
  filter: Omit<ListCustomersFilter, 'after' | 'limit'>,
): AsyncGenerator<string> {
  yield `${csvRecord([...CSV_COLUMNS])}\r\n`;
  const ownerEmails = new Map<string, string>();
  const emailOf = async (ownerId: string | null) => {
    if (!ownerId) return '';
    if (!ownerEmails.has(ownerId)) {
      const user = await getUser(ctx, ownerId).catch(() => null);
      ownerEmails.set(ownerId, user?.email ?? '');
    }
    return ownerEmails.get(ownerId)!;
  };
  let after: ListCustomersFilter['after'];
  for (;;) {
    const rows = await listCustomers(ctx, { ...filter, after, limit: EXPORT_PAGE });
    const page = rows.slice(0, EXPORT_PAGE);
    let chunk = '';
    for (const { customer } of page)
      chunk += `${csvRecord(exportCells(customer, await emailOf(customer.ownerId)))}\r\n`;
    if (chunk) yield chunk;
    if (rows.length <= EXPORT_PAGE) return;
    const last = page[page.length - 1]!;
    after = { sortName: last.sortName, id: last.customer.id };
  }
}
