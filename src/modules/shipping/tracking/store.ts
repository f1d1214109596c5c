/** Queries of the tracking part. Only this folder touches its tables (migration 0011_tracking). */
import { CompiledQuery, type Kysely } from 'kysely';
import { type AnyDb, type Dialect, dialectOf, tables } from '../../../platform/db/database.js';
import type { TrackingTables } from './tables.js';

export type EventRow = TrackingTables['tracking_events'];
export type StateRow = TrackingTables['shipment_tracking'];
export type UnmatchedRow = TrackingTables['tracking_unmatched'];
export type NotificationRow = TrackingTables['tracking_notifications'];

const q = (db: AnyDb): Kysely<TrackingTables> => tables<TrackingTables>(db);

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound variables for the widest table. */
const CHUNK = 400;
/** Ids per IN list. */
const IN_CHUNK = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Multi-row INSERTs of the ingestion hot path, as SQL text written once per (dialect, table, row count)
 * and bound directly: Kysely's builder spent more time turning 400 rows into a query tree and compiling
 * it than SQLite spent running it. The text is the same Kysely would produce; it runs unchanged on both.
 */
const insertSqlCache = new Map<string, string>();

async function insertMany<Row extends object, Out = never>(
  db: AnyDb,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  tail: string,
): Promise<Out[]> {
  const dialect = dialectOf(db);
  const key = `${dialect}|${table}|${rows.length}|${tail}`;
  let text = insertSqlCache.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.map(tuple).join(', ')} ${tail}`;
    if (insertSqlCache.size >= 200) insertSqlCache.clear();
    insertSqlCache.set(key, text);
  }
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows)
    for (const column of columns) parameters[i++] = (row as Record<string, unknown>)[column] ?? null;
  return (await db.executeQuery<Out>(CompiledQuery.raw(text, parameters))).rows;
}

const EVENT_COLUMNS: readonly (keyof EventRow)[] = [
  'id',
  'carrier_id',
  'event_id',
  'shipment_id',
  'tracking_number',
  'occurred_at',
  'received_at',
  'status',
  'substatus',
  'reason',
  'location',
  'eta',
  'flagged',
  'raw_code',
  'raw_text',
  'raw_payload',
  'format',
  'source',
  'actor_id',
];

const STATE_COLUMNS: readonly (keyof StateRow)[] = [
  'shipment_id',
  'carrier_id',
  'status',
  'substatus',
  'reason',
  'last_event_at',
  'eta',
  'delivered_at',
  'flagged',
  'events',
  'winner',
  'last_exception',
  'eta_from',
  'outcome',
  'effects_pending',
  'emitted_status',
  'emitted_substatus',
  'emitted_events',
  'created_at',
  'updated_at',
];

/** What a state write changes on an existing row (outcome, emitted_* and created_at are the effects'). */
const STATE_UPDATED: readonly (keyof StateRow)[] = [
  'carrier_id',
  'status',
  'substatus',
  'reason',
  'last_event_at',
  'eta',
  'delivered_at',
  'flagged',
  'events',
  'winner',
  'last_exception',
  'eta_from',
  'effects_pending',
  'updated_at',
];

const NOTIFICATION_COLUMNS: readonly (keyof NotificationRow)[] = [
  'shipment_id',
  'key',
  'status',
  'substatus',
  'event_id',
  'outcome',
  'mail_id',
  'created_at',
];

// ── Per-shipment state ───────────────────────────────────────────────────────────────────────────

/** The state row of a shipment that has received no event yet (status pending). */
export const pendingState = (shipmentId: string, carrierId: string | null, now: string): StateRow => ({
  shipment_id: shipmentId,
  carrier_id: carrierId,
  status: 'pending',
  substatus: null,
  reason: null,
  last_event_at: null,
  eta: null,
  delivered_at: null,
  flagged: 0,
  events: 0,
  winner: null,
  last_exception: null,
  eta_from: null,
  outcome: null,
  effects_pending: 0,
  emitted_status: null,
  emitted_substatus: null,
  emitted_events: 0,
  created_at: now,
  updated_at: now,
});

/** Creates the missing state rows (status pending), in shipment id order so concurrent callers queue up. */
export async function ensureStates(
  db: AnyDb,
  shipments: readonly { shipmentId: string; carrierId: string | null }[],
  now: string,
): Promise<void> {
  const rows: StateRow[] = [...shipments]
    .sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : 1))
    .map((s) => pendingState(s.shipmentId, s.carrierId, now));
  for (const part of chunks(rows, CHUNK))
    await q(db)
      .insertInto('shipment_tracking')
      .values(part)
      .onConflict((oc) => oc.column('shipment_id').doNothing())
      .execute();
}

/**
 * The state rows of these shipments, locked until the transaction ends: `FOR UPDATE` in shipment id
 * order on PostgreSQL (so two transactions never wait on each other in a cycle); on SQLite the
 * transaction's BEGIN IMMEDIATE already holds the only write lock.
 */
export async function lockStates(
  db: AnyDb,
  dialect: Dialect,
  shipmentIds: readonly string[],
): Promise<StateRow[]> {
  const sorted = [...new Set(shipmentIds)].sort();
  const out: StateRow[] = [];
  for (const part of chunks(sorted, IN_CHUNK)) {
    let query = q(db)
      .selectFrom('shipment_tracking')
      .selectAll()
      .where('shipment_id', 'in', part)
      .orderBy('shipment_id');
    if (dialect === 'postgres') query = query.forUpdate();
    out.push(...(await query.execute()));
  }
  return out;
}

export async function statesOf(db: AnyDb, shipmentIds: readonly string[]): Promise<StateRow[]> {
  const out: StateRow[] = [];
  for (const part of chunks([...new Set(shipmentIds)], IN_CHUNK))
    out.push(
      ...(await q(db).selectFrom('shipment_tracking').selectAll().where('shipment_id', 'in', part).execute()),
    );
  return out;
}

export const updateState = (db: AnyDb, shipmentId: string, changes: Partial<StateRow>) =>
  q(db).updateTable('shipment_tracking').set(changes).where('shipment_id', '=', shipmentId).execute();

/** The folded state of many shipments at once: one upsert per chunk (the rows exist and are locked). */
export async function writeStates(db: AnyDb, rows: readonly StateRow[]): Promise<void> {
  const tail = `on conflict ("shipment_id") do update set ${STATE_UPDATED.map((c) => `"${c}" = "excluded"."${c}"`).join(', ')}`;
  for (const part of chunks(rows, CHUNK))
    await insertMany(db, 'shipment_tracking', STATE_COLUMNS, part, tail);
}

/** Shipments whose latest events still have effects to apply, in id order. */
export const pendingEffects = (db: AnyDb, limit: number) =>
  q(db)
    .selectFrom('shipment_tracking')
    .select('shipment_id')
    .where('effects_pending', '=', 1)
    .orderBy('shipment_id')
    .limit(limit)
    .execute();

// ── Events ───────────────────────────────────────────────────────────────────────────────────────

/** Inserts the events not stored yet; returns the `(carrier_id, event_id)` keys actually inserted. */
export async function insertNewEvents(db: AnyDb, rows: readonly EventRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(rows, CHUNK)) {
    const result = await insertMany<EventRow, { event_id: string }>(
      db,
      'tracking_events',
      EVENT_COLUMNS,
      part,
      'on conflict ("carrier_id", "event_id") do nothing returning "event_id"',
    );
    for (const r of result) inserted.add(r.event_id);
  }
  return inserted;
}

/** The stored events of these shipments with these event ids (for the mails of pending updates). */
export async function eventsByIds(
  db: AnyDb,
  shipmentIds: readonly string[],
  eventIds: readonly string[],
): Promise<EventRow[]> {
  const out: EventRow[] = [];
  const ids = [...new Set(eventIds)];
  for (const part of chunks(ids, IN_CHUNK))
    out.push(
      ...(await q(db)
        .selectFrom('tracking_events')
        .selectAll()
        .where('shipment_id', 'in', [...new Set(shipmentIds)])
        .where('event_id', 'in', part)
        .execute()),
    );
  return out;
}

export const eventsOf = (db: AnyDb, shipmentId: string) =>
  q(db)
    .selectFrom('tracking_events')
    .selectAll()
    .where('shipment_id', '=', shipmentId)
    .orderBy('occurred_at')
    .orderBy('event_id')
    .execute();

/** Which of these event ids of a carrier are stored already (applied or unmatched). */
export async function knownEventIds(
  db: AnyDb,
  carrierId: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(eventIds)], IN_CHUNK)) {
    const a = await q(db)
      .selectFrom('tracking_events')
      .select('event_id')
      .where('carrier_id', '=', carrierId)
      .where('event_id', 'in', part)
      .execute();
    const b = await q(db)
      .selectFrom('tracking_unmatched')
      .select('event_id')
      .where('carrier_id', '=', carrierId)
      .where('event_id', 'in', part)
      .execute();
    for (const r of [...a, ...b]) out.add(r.event_id);
  }
  return out;
}

// ── Customer updates ─────────────────────────────────────────────────────────────────────────────

export async function sentKeysOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const part of chunks([...new Set(shipmentIds)], IN_CHUNK)) {
    const rows = await q(db)
      .selectFrom('tracking_notifications')
      .select(['shipment_id', 'key'])
      .where('shipment_id', 'in', part)
      .execute();
    for (const r of rows) {
      let set = out.get(r.shipment_id);
      if (!set) {
        set = new Set();
        out.set(r.shipment_id, set);
      }
      set.add(r.key);
    }
  }
  return out;
}

/** Records update keys not recorded yet (the caller holds the shipments' locks). */
export async function insertNotifications(db: AnyDb, rows: readonly NotificationRow[]): Promise<void> {
  for (const part of chunks(rows, CHUNK))
    await insertMany(
      db,
      'tracking_notifications',
      NOTIFICATION_COLUMNS,
      part,
      'on conflict ("shipment_id", "key") do nothing',
    );
}

export async function pendingNotificationsOf(
  db: AnyDb,
  shipmentIds: readonly string[],
): Promise<NotificationRow[]> {
  const out: NotificationRow[] = [];
  for (const part of chunks([...new Set(shipmentIds)], IN_CHUNK))
    out.push(
      ...(await q(db)
        .selectFrom('tracking_notifications')
        .selectAll()
        .where('outcome', '=', 'pending')
        .where('shipment_id', 'in', part)
        .orderBy('shipment_id')
        .orderBy('created_at')
        .orderBy('key')
        .execute()),
    );
  return out;
}

/** Settles a pending update (mailed or not); false when someone settled it already. */
export async function settleNotification(
  db: AnyDb,
  shipmentId: string,
  key: string,
  mailId: string | null,
  outcome: string,
): Promise<boolean> {
  const result = await q(db)
    .updateTable('tracking_notifications')
    .set({ mail_id: mailId, outcome })
    .where('shipment_id', '=', shipmentId)
    .where('key', '=', key)
    .where('outcome', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records an update key; false when it was recorded already (by anyone, ever). */
export async function claimNotification(db: AnyDb, row: NotificationRow): Promise<boolean> {
  const result = await q(db)
    .insertInto('tracking_notifications')
    .values(row)
    .onConflict((oc) => oc.columns(['shipment_id', 'key']).doNothing())
    .returning(['key'])
    .execute();
  return result.length === 1;
}

export const notificationsOf = (db: AnyDb, shipmentId: string) =>
  q(db)
    .selectFrom('tracking_notifications')
    .selectAll()
    .where('shipment_id', '=', shipmentId)
    .orderBy('created_at')
    .orderBy('key')
    .execute();

// ── Unmatched ────────────────────────────────────────────────────────────────────────────────────

/** Inserts the unmatched events not stored yet; returns the rows actually inserted. */
export async function insertUnmatched(
  db: AnyDb,
  rows: readonly UnmatchedRow[],
): Promise<{ id: string; tracking_number: string; flagged: number }[]> {
  const out: { id: string; tracking_number: string; flagged: number }[] = [];
  for (const part of chunks(rows, CHUNK))
    out.push(
      ...(await q(db)
        .insertInto('tracking_unmatched')
        .values(part)
        .onConflict((oc) => oc.columns(['carrier_id', 'event_id']).doNothing())
        .returning(['id', 'tracking_number', 'flagged'])
        .execute()),
    );
  return out;
}

export const findUnmatched = (db: AnyDb, id: string) =>
  q(db).selectFrom('tracking_unmatched').selectAll().where('id', '=', id).executeTakeFirst();

export const openUnmatchedOfNumber = (db: AnyDb, carrierId: string, trackingNumber: string) =>
  q(db)
    .selectFrom('tracking_unmatched')
    .selectAll()
    .where('state', '=', 'open')
    .where('carrier_id', '=', carrierId)
    .where('tracking_number', '=', trackingNumber)
    .orderBy('occurred_at')
    .orderBy('event_id')
    .execute();

export const unmatchedOfNumber = (db: AnyDb, carrierId: string, trackingNumber: string) =>
  q(db)
    .selectFrom('tracking_unmatched')
    .selectAll()
    .where('carrier_id', '=', carrierId)
    .where('tracking_number', '=', trackingNumber)
    .orderBy('occurred_at')
    .orderBy('event_id')
    .execute();

export async function closeUnmatched(
  db: AnyDb,
  ids: readonly string[],
  changes: Pick<UnmatchedRow, 'state' | 'shipment_id' | 'resolved_at' | 'resolved_by' | 'note'>,
): Promise<void> {
  for (const part of chunks(ids, IN_CHUNK))
    await q(db)
      .updateTable('tracking_unmatched')
      .set(changes)
      .where('id', 'in', part)
      .where('state', '=', 'open')
      .execute();
}

export interface UnmatchedGroupRow {
  carrier_id: string;
  tracking_number: string;
  state: string;
  events: number | string;
  first_id: string;
  first_received_at: string;
  last_received_at: string;
  last_occurred_at: string;
}

/** Unmatched numbers, one row per (carrier, tracking number, state), most recently received first. */
export async function unmatchedGroups(
  db: AnyDb,
  filter: { state?: string | undefined; carrierId?: string | undefined; limit: number },
): Promise<UnmatchedGroupRow[]> {
  let query = q(db)
    .selectFrom('tracking_unmatched')
    .select((eb) => [
      'carrier_id',
      'tracking_number',
      'state',
      eb.fn.countAll<number>().as('events'),
      eb.fn.min('id').as('first_id'),
      eb.fn.min('received_at').as('first_received_at'),
      eb.fn.max('received_at').as('last_received_at'),
      eb.fn.max('occurred_at').as('last_occurred_at'),
    ])
    .groupBy(['carrier_id', 'tracking_number', 'state'])
    .orderBy('last_received_at', 'desc')
    .orderBy('tracking_number')
    .limit(filter.limit);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.carrierId) query = query.where('carrier_id', '=', filter.carrierId);
  return (await query.execute()) as UnmatchedGroupRow[];
}

// ── Links (shipment_tracking_numbers, migration 0010) ────────────────────────────────────────────

/**
 * Links a tracking number to a shipment (resolving an unmatched number), after its other numbers;
 * false when it is linked already.
 */
export async function linkTrackingNumber(
  db: AnyDb,
  row: Omit<TrackingTables['shipment_tracking_numbers'], 'position'>,
): Promise<boolean> {
  const last = await q(db)
    .selectFrom('shipment_tracking_numbers')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('shipment_id', '=', row.shipment_id)
    .executeTakeFirst();
  const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
  const result = await q(db)
    .insertInto('shipment_tracking_numbers')
    .values({ ...row, position })
    .onConflict((oc) => oc.columns(['carrier_id', 'tracking_number']).doNothing())
    .returning(['tracking_number'])
    .execute();
  return result.length === 1;
}
