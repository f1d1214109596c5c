/** The credit module's queries. Only this module touches credit_holds and credit_settings. */
import type { Kysely } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { CreditTables } from './tables.js';

export type HoldRow = CreditTables['credit_holds'];
export type SettingRow = CreditTables['credit_settings'];

const q = (db: AnyDb): Kysely<CreditTables> => tables<CreditTables>(db);

/** Inserts the hold unless an active one exists for (customer, cause, source key); true when inserted. */
export async function insertHoldIfNone(db: AnyDb, row: HoldRow): Promise<boolean> {
  const inserted = await q(db)
    .insertInto('credit_holds')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const findActiveHold = (db: AnyDb, customerId: string, cause: string, sourceKey: string) =>
  q(db)
    .selectFrom('credit_holds')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('cause', '=', cause)
    .where('source_key', '=', sourceKey)
    .where('released_at', 'is', null)
    .executeTakeFirst();

export const findHold = (db: AnyDb, id: string) =>
  q(db).selectFrom('credit_holds').selectAll().where('id', '=', id).executeTakeFirst();

export async function activeHolds(db: AnyDb, customerIds: readonly string[]): Promise<HoldRow[]> {
  if (customerIds.length === 0) return [];
  const out: HoldRow[] = [];
  for (let i = 0; i < customerIds.length; i += 5000) {
    const rows = await q(db)
      .selectFrom('credit_holds')
      .selectAll()
      .where('customer_id', 'in', customerIds.slice(i, i + 5000))
      .where('released_at', 'is', null)
      .orderBy('placed_at')
      .orderBy('id')
      .execute();
    out.push(...rows);
  }
  return out;
}

export interface ReleaseFilter {
  customerId: string;
  cause?: string | undefined;
  sourceKey?: string | undefined;
  id?: string | undefined;
}

/** Releases the matching active holds (guarded by `released_at is null`) and returns the rows released. */
export async function releaseHolds(
  db: AnyDb,
  filter: ReleaseFilter,
  fields: { released_at: string; released_by: string | null; release_reason: string },
): Promise<HoldRow[]> {
  let query = q(db)
    .updateTable('credit_holds')
    .set(fields)
    .where('customer_id', '=', filter.customerId)
    .where('released_at', 'is', null);
  if (filter.cause) query = query.where('cause', '=', filter.cause);
  if (filter.sourceKey !== undefined) query = query.where('source_key', '=', filter.sourceKey);
  if (filter.id) query = query.where('id', '=', filter.id);
  return query.returningAll().execute();
}

export const holdsOfCustomer = (db: AnyDb, customerId: string) =>
  q(db)
    .selectFrom('credit_holds')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Active holds, oldest first, `limit + 1` rows after the cursor (placed_at, id). */
export async function listActiveHolds(
  db: AnyDb,
  filter: { cause?: string | undefined; after?: { placedAt: string; id: string } | undefined; limit: number },
): Promise<HoldRow[]> {
  let query = q(db).selectFrom('credit_holds').selectAll().where('released_at', 'is', null);
  if (filter.cause) query = query.where('cause', '=', filter.cause);
  if (filter.after) {
    const { placedAt, id } = filter.after;
    query = query.where((eb) =>
      eb.or([eb('placed_at', '>', placedAt), eb.and([eb('placed_at', '=', placedAt), eb('id', '>', id)])]),
    );
  }
  return query
    .orderBy('placed_at')
    .orderBy('id')
    .limit(filter.limit + 1)
    .execute();
}

/** Customers with an active hold of one of the causes (for the daily re-evaluation). */
export async function customersWithActiveHolds(db: AnyDb, causes: readonly string[]): Promise<string[]> {
  const rows = await q(db)
    .selectFrom('credit_holds')
    .select('customer_id')
    .distinct()
    .where('released_at', 'is', null)
    .where('cause', 'in', [...causes])
    .execute();
  return rows.map((r) => r.customer_id);
}

/** Marks the owner as told; false when another delivery of the same event got there first. */
export async function markOwnerNotified(db: AnyDb, id: string, at: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('credit_holds')
    .set({ owner_notified_at: at })
    .where('id', '=', id)
    .where('owner_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const listSettings = (db: AnyDb) =>
  q(db).selectFrom('credit_settings').selectAll().orderBy('currency').execute();

export async function upsertSetting(db: AnyDb, row: SettingRow): Promise<void> {
  await q(db)
    .insertInto('credit_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('currency').doUpdateSet({
        overdue_threshold: row.overdue_threshold,
        overdue_after_days: row.overdue_after_days,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

export const deleteSetting = (db: AnyDb, currency: string) =>
  q(db).deleteFrom('credit_settings').where('currency', '=', currency).executeTakeFirst();
