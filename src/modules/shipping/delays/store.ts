/** Queries of dispatch delays: delay_states, delay_notices and delay_settings. */
import type { Kysely } from 'kysely';
import { type AnyDb, type Dialect, tables } from '../../../platform/db/database.js';
import { DEFAULT_DELAY_SETTINGS, type DelaySettings, type ProblemState } from './rules.js';
import type { DelaysTables } from './tables.js';

export type DelayRow = DelaysTables['delay_states'];
const q = (db: AnyDb): Kysely<DelaysTables> => tables<DelaysTables>(db);

export async function readSettings(db: AnyDb): Promise<DelaySettings> {
  const row = await q(db).selectFrom('delay_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_DELAY_SETTINGS;
  return {
    atRiskDays: Number(row.at_risk_days),
    stalledDays: Number(row.stalled_days),
    notifyCustomers: Number(row.notify_customers) === 1,
    notifyStates: JSON.parse(row.notify_states) as ProblemState[],
  };
}

export async function writeSettings(db: AnyDb, s: DelaySettings, now: string): Promise<void> {
  const values = {
    at_risk_days: s.atRiskDays,
    stalled_days: s.stalledDays,
    notify_customers: s.notifyCustomers ? 1 : 0,
    notify_states: JSON.stringify(s.notifyStates),
    updated_at: now,
  };
  await q(db)
    .insertInto('delay_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** The entity's row, locked until the transaction ends (PostgreSQL; SQLite's writer lock already serialises). */
export function lockState(db: AnyDb, dialect: Dialect, type: string, id: string) {
  let query = q(db)
    .selectFrom('delay_states')
    .selectAll()
    .where('entity_type', '=', type)
    .where('entity_id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Inserts the first state of an entity unless one exists (a concurrent evaluation may have written it). */
export async function insertStateIfAbsent(db: AnyDb, row: DelayRow): Promise<boolean> {
  const result = await q(db)
    .insertInto('delay_states')
    .values(row)
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const updateState = (db: AnyDb, type: string, id: string, changes: Partial<DelayRow>) =>
  q(db)
    .updateTable('delay_states')
    .set(changes)
    .where('entity_type', '=', type)
    .where('entity_id', '=', id)
    .execute();

export async function statesOf(db: AnyDb, type: string, ids: readonly string[]): Promise<DelayRow[]> {
  if (ids.length === 0) return [];
  const out: DelayRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await q(db)
        .selectFrom('delay_states')
        .selectAll()
        .where('entity_type', '=', type)
        .where('entity_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

export interface DelayFilter {
  entityType?: string | undefined;
  states?: readonly string[] | undefined;
  customerId?: string | undefined;
  orderId?: string | undefined;
  /** The entity id of the last row of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** Delay states by entity id, `limit + 1` rows. */
export async function listStates(db: AnyDb, f: DelayFilter): Promise<DelayRow[]> {
  let query = q(db).selectFrom('delay_states').selectAll();
  if (f.entityType) query = query.where('entity_type', '=', f.entityType);
  if (f.states?.length) query = query.where('state', 'in', [...f.states]);
  if (f.customerId) query = query.where('customer_id', '=', f.customerId);
  if (f.orderId) query = query.where('order_id', '=', f.orderId);
  if (f.after) query = query.where('entity_id', '>', f.after);
  return query
    .orderBy('entity_id')
    .limit(f.limit + 1)
    .execute();
}

/** Open entities of a type after `after`, by id: what the daily run re-evaluates besides the open lists. */
export const openEntityIds = async (db: AnyDb, type: string, after: string, limit: number) =>
  (
    await q(db)
      .selectFrom('delay_states')
      .select('entity_id')
      .where('open', '=', 1)
      .where('entity_type', '=', type)
      .where('entity_id', '>', after)
      .orderBy('entity_id')
      .limit(limit)
      .execute()
  ).map((r) => r.entity_id);

/** Claims the customer notice of (entity, state, expected date); false when it was sent already. */
export async function claimNotice(db: AnyDb, row: DelaysTables['delay_notices']): Promise<boolean> {
  const result = await q(db)
    .insertInto('delay_notices')
    .values(row)
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'state', 'expected_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const setNoticeMail = (
  db: AnyDb,
  key: { entity_type: string; entity_id: string; state: string; expected_date: string },
  messageId: string | null,
  outcome: string,
) =>
  q(db)
    .updateTable('delay_notices')
    .set({ message_id: messageId, outcome })
    .where('entity_type', '=', key.entity_type)
    .where('entity_id', '=', key.entity_id)
    .where('state', '=', key.state)
    .where('expected_date', '=', key.expected_date)
    .execute();

export const noticesOf = (db: AnyDb, type: string, id: string) =>
  q(db)
    .selectFrom('delay_notices')
    .selectAll()
    .where('entity_type', '=', type)
    .where('entity_id', '=', id)
    .orderBy('created_at')
    .execute();
