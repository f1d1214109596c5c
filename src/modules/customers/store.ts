/** The customers module's queries. Only this module touches customers, customer_tags, customer_contacts, customer_counters. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { searchPatterns } from './rules.js';
import type { CustomersTables } from './tables.js';

export type CustomerRow = CustomersTables['customers'];
export type ContactRow = CustomersTables['customer_contacts'];

export interface CustomerWithDetails extends CustomerRow {
  tags: string[];
  contacts: ContactRow[];
}

const q = (db: AnyDb): Kysely<CustomersTables> => tables<CustomersTables>(db);

/** Keeps `in (…)` lists well under both databases' parameter limits. */
const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function withDetails(db: AnyDb, rows: CustomerRow[]): Promise<CustomerWithDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tags = new Map<string, string[]>(ids.map((id) => [id, []]));
  const contacts = new Map<string, ContactRow[]>(ids.map((id) => [id, []]));
  for (const part of chunks(ids)) {
    const tagRows = await q(db)
      .selectFrom('customer_tags')
      .selectAll()
      .where('customer_id', 'in', part)
      .orderBy('tag')
      .execute();
    for (const row of tagRows) tags.get(row.customer_id)?.push(row.tag);
    const contactRows = await q(db)
      .selectFrom('customer_contacts')
      .selectAll()
      .where('customer_id', 'in', part)
      .orderBy('id')
      .execute();
    for (const row of contactRows) contacts.get(row.customer_id)?.push(row);
  }
  return rows.map((row) => ({ ...row, tags: tags.get(row.id) ?? [], contacts: contacts.get(row.id) ?? [] }));
}

export async function findCustomerById(db: AnyDb, id: string): Promise<CustomerWithDetails | undefined> {
  const row = await q(db).selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withDetails(db, [row]))[0] : undefined;
}

export async function findCustomerByCode(db: AnyDb, code: string): Promise<CustomerWithDetails | undefined> {
  const row = await q(db).selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? (await withDetails(db, [row]))[0] : undefined;
}

export async function findCustomersByCodes(
  db: AnyDb,
  codes: readonly string[],
): Promise<Map<string, CustomerWithDetails>> {
  const rows: CustomerRow[] = [];
  for (const part of chunks(codes)) {
    rows.push(...(await q(db).selectFrom('customers').selectAll().where('code', 'in', part).execute()));
  }
  return new Map((await withDetails(db, rows)).map((c) => [c.code, c]));
}

/** Customers by id with their tags and contacts (unknown ids are absent). Added for the follow-up run (issue 5). */
export async function findCustomersByIds(
  db: AnyDb,
  ids: readonly string[],
): Promise<Map<string, CustomerWithDetails>> {
  const rows: CustomerRow[] = [];
  for (const part of chunks(ids)) {
    rows.push(...(await q(db).selectFrom('customers').selectAll().where('id', 'in', part).execute()));
  }
  return new Map((await withDetails(db, rows)).map((c) => [c.id, c]));
}

export async function codeTaken(db: AnyDb, code: string, exceptId?: string): Promise<boolean> {
  let query = q(db).selectFrom('customers').select('id').where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The next value of a counter; the update holds the row's lock until the transaction ends. */
export async function nextCounterValue(db: AnyDb, name: string): Promise<number> {
  const row = await q(db)
    .updateTable('customer_counters')
    .set({ value: sql<number>`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export interface CustomerFilter {
  q?: string | undefined;
  tag?: string | undefined;
  ownerId?: string | undefined;
  currency?: string | undefined;
  /** Absent: every status. */
  status?: 'active' | 'archived' | undefined;
  /** The (sort_name, id) of the last customer of the previous page. */
  after?: { sortName: string; id: string } | undefined;
  limit: number;
}

/** Customers by name (then id), `limit + 1` rows so the caller can tell whether more follow. */
export async function listCustomers(db: AnyDb, filter: CustomerFilter): Promise<CustomerWithDetails[]> {
  let query = q(db).selectFrom('customers').selectAll('customers');
  if (filter.q?.trim()) {
    const patterns = searchPatterns(filter.q);
    query = query.where((eb) =>
      eb.or(patterns.map((p) => sql<boolean>`customers.search_text like ${p} escape '\\'`)),
    );
  }
  if (filter.tag) {
    const tag = filter.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('customer_tags')
          .select('customer_tags.customer_id')
          .whereRef('customer_tags.customer_id', '=', 'customers.id')
          .where('customer_tags.tag', '=', tag),
      ),
    );
  }
  if (filter.ownerId) query = query.where('customers.owner_id', '=', filter.ownerId);
  if (filter.currency) query = query.where('customers.currency', '=', filter.currency);
  if (filter.status) query = query.where('customers.status', '=', filter.status);
  if (filter.after) {
    const { sortName, id } = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('customers.sort_name', '>', sortName),
        eb.and([eb('customers.sort_name', '=', sortName), eb('customers.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('customers.sort_name')
    .orderBy('customers.id')
    .limit(filter.limit + 1)
    .execute();
  return withDetails(db, rows);
}

export async function insertCustomer(db: AnyDb, row: CustomerRow): Promise<void> {
  await q(db).insertInto('customers').values(row).execute();
}

export async function updateCustomer(db: AnyDb, id: string, changes: Partial<CustomerRow>): Promise<void> {
  await q(db).updateTable('customers').set(changes).where('id', '=', id).execute();
}

export async function replaceTags(db: AnyDb, customerId: string, tags: readonly string[]): Promise<void> {
  await q(db).deleteFrom('customer_tags').where('customer_id', '=', customerId).execute();
  if (tags.length > 0) {
    await q(db)
      .insertInto('customer_tags')
      .values(tags.map((tag) => ({ customer_id: customerId, tag })))
      .execute();
  }
}

export async function insertContact(db: AnyDb, row: ContactRow): Promise<void> {
  await q(db).insertInto('customer_contacts').values(row).execute();
}

export async function updateContact(db: AnyDb, id: string, changes: Partial<ContactRow>): Promise<void> {
  await q(db).updateTable('customer_contacts').set(changes).where('id', '=', id).execute();
}

export async function deleteContact(db: AnyDb, id: string): Promise<void> {
  await q(db).deleteFrom('customer_contacts').where('id', '=', id).execute();
}

/** Distinct tags in use, for filters in the UI. */
export async function tagsInUse(db: AnyDb): Promise<string[]> {
  const rows = await q(db).selectFrom('customer_tags').select('tag').distinct().orderBy('tag').execute();
  return rows.map((r) => r.tag);
}

// ── Names for other modules' reports (added for the reports module, issue 3) ─────────────────────

const NAMES_CHUNK = 5000;

/** Code and legal name of the given customers: one query per 5,000 ids (a report page is one query). */
export async function namesByIds(
  db: AnyDb,
  ids: readonly string[],
): Promise<{ id: string; code: string; legal_name: string }[]> {
  const unique = [...new Set(ids)];
  const rows: { id: string; code: string; legal_name: string }[] = [];
  for (let i = 0; i < unique.length; i += NAMES_CHUNK) {
    rows.push(
      ...(await q(db)
        .selectFrom('customers')
        .select(['id', 'code', 'legal_name'])
        .where('id', 'in', unique.slice(i, i + NAMES_CHUNK))
        .execute()),
    );
  }
  return rows;
}
