/**
 * Pauses: a dispute, a promise to pay, a payment being processed or a manual snooze stops an invoice's
 * reminders. Each is a record with a start and an end (never a flag); "is paused" is computed from them:
 * a pause is active while it is not ended and, when it has an `until` date, before that date (the day
 * follow-up resumes by itself). Other modules start and end pauses inside their own transaction.
 */
import { type Kysely, sql } from 'kysely';
import { type BusinessDate, dateInZone } from '../../platform/dates.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getOpenItem } from '../invoicing/index.js';
import type { FollowupTables, PauseRow } from './tables.js';

export const PAUSE_KINDS = ['dispute', 'promise', 'payment_processing', 'snooze'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

export interface Pause {
  id: string;
  invoiceId: string;
  customerId: string;
  kind: PauseKind;
  sourceId: string;
  reason: string;
  amount: number | null;
  startsOn: BusinessDate;
  until: BusinessDate | null;
  endedAt: string | null;
  endedReason: string | null;
  createdAt: string;
}

export interface StartPauseInput {
  invoiceId: string;
  kind: PauseKind;
  sourceId: string;
  reason: string;
  /** The day follow-up resumes by itself (exclusive); null or absent: until `endPause`. */
  until?: BusinessDate | null;
  /** The disputed or promised part, in minor units, when not the whole invoice. */
  amount?: number | null;
  /** Defaults to the company's date of the transaction. */
  startsOn?: BusinessDate;
}

const q = (db: AnyDb): Kysely<FollowupTables> => tables<FollowupTables>(db);

/** The company's time zone, for the date a pause starts when the caller gives none (set when the module registers). */
let companyZone = 'UTC';
export function setPauseTimeZone(zone: string): void {
  companyZone = zone;
}

export const toPause = (row: PauseRow): Pause => ({
  id: row.id,
  invoiceId: row.invoice_id,
  customerId: row.customer_id,
  kind: row.kind as PauseKind,
  sourceId: row.source_id,
  reason: row.reason,
  amount: row.amount === null ? null : Number(row.amount),
  startsOn: row.starts_on,
  until: row.until,
  endedAt: row.ended_at,
  endedReason: row.ended_reason,
  createdAt: row.created_at,
});

/** Whether a pause holds reminders on `on` (a company date). */
export function isActivePause(pause: Pick<Pause, 'endedAt' | 'until'>, on: BusinessDate): boolean {
  return pause.endedAt === null && (pause.until === null || pause.until > on);
}

/**
 * Starts a pause of an invoice's follow-up, in the caller's transaction. Idempotent per (kind, sourceId,
 * invoiceId) while active: a second call returns the existing pause's id. Returns the pause id.
 */
export async function startPause(tx: Tx, input: StartPauseInput): Promise<string> {
  if (!(PAUSE_KINDS as readonly string[]).includes(input.kind))
    throw validationError(`"${input.kind}" is not a kind of pause.`, [
      { path: 'kind', message: `must be one of ${PAUSE_KINDS.join(', ')}` },
    ]);
  if (!input.reason?.trim())
    throw validationError('A pause needs a reason.', [{ path: 'reason', message: 'is required' }]);
  if (
    input.amount !== undefined &&
    input.amount !== null &&
    !(Number.isInteger(input.amount) && input.amount > 0)
  )
    throw validationError('The paused amount must be a positive whole number of minor units.', [
      { path: 'amount', message: 'must be a positive integer (minor units)' },
    ]);
  const existing = await q(tx.db)
    .selectFrom('followup_pauses')
    .select('id')
    .where('kind', '=', input.kind)
    .where('source_id', '=', input.sourceId)
    .where('invoice_id', '=', input.invoiceId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  if (existing) return existing.id;
  const customerId = await customerOf(tx.db, input.invoiceId);
  const startsOn = input.startsOn ?? dateInZone(new Date(tx.now), companyZone);
  if (input.until && input.until <= startsOn)
    throw validationError(`A pause until ${input.until} must end after it starts (${startsOn}).`, [
      { path: 'until', message: `must be after ${startsOn}` },
    ]);
  const id = newId('followup_pause');
  await q(tx.db)
    .insertInto('followup_pauses')
    .values({
      id,
      invoice_id: input.invoiceId,
      customer_id: customerId,
      kind: input.kind,
      source_id: input.sourceId,
      reason: input.reason.trim(),
      amount: input.amount ?? null,
      starts_on: startsOn,
      until: input.until ?? null,
      ended_at: null,
      ended_reason: null,
      created_at: tx.now,
    })
    .execute();
  tx.audit({
    action: 'followup.pause_started',
    entityType: 'invoice',
    entityId: input.invoiceId,
    after: {
      pauseId: id,
      kind: input.kind,
      sourceId: input.sourceId,
      reason: input.reason,
      until: input.until ?? null,
    },
  });
  return id;
}

/** Ends every active pause of that source (on any invoice), in the caller's transaction. Returns how many ended. */
export async function endPause(
  tx: Tx,
  by: { kind: PauseKind; sourceId: string },
  reason: string,
): Promise<number> {
  const rows = await q(tx.db)
    .updateTable('followup_pauses')
    .set({ ended_at: tx.now, ended_reason: reason })
    .where('kind', '=', by.kind)
    .where('source_id', '=', by.sourceId)
    .where('ended_at', 'is', null)
    .returning(['id', 'invoice_id'])
    .execute();
  for (const row of rows)
    tx.audit({
      action: 'followup.pause_ended',
      entityType: 'invoice',
      entityId: row.invoice_id,
      after: { pauseId: row.id, kind: by.kind, sourceId: by.sourceId, reason },
    });
  return rows.length;
}

/** Ends one pause by its id (the route for finance users). Returns false when it was already ended or unknown. */
export async function endPauseById(tx: Tx, id: string, reason: string): Promise<Pause> {
  const row = await q(tx.db)
    .selectFrom('followup_pauses')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('pause', id);
  if (row.ended_at === null) {
    await q(tx.db)
      .updateTable('followup_pauses')
      .set({ ended_at: tx.now, ended_reason: reason })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    tx.audit({
      action: 'followup.pause_ended',
      entityType: 'invoice',
      entityId: row.invoice_id,
      after: { pauseId: id, kind: row.kind, sourceId: row.source_id, reason },
    });
  }
  const after = await q(tx.db)
    .selectFrom('followup_pauses')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toPause(after);
}

/**
 * The active pauses of these invoices on `on` (a company date; default: today in the company's zone).
 * Invoices without any active pause are absent from the map.
 */
export async function activePausesOf(
  db: AnyDb,
  invoiceIds: readonly string[],
  on: BusinessDate = dateInZone(new Date(), companyZone),
): Promise<Map<string, Pause[]>> {
  const result = new Map<string, Pause[]>();
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const chunk = invoiceIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await q(db)
      .selectFrom('followup_pauses')
      .selectAll()
      .where('invoice_id', 'in', chunk)
      .where('ended_at', 'is', null)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', on)]))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = result.get(row.invoice_id) ?? [];
      list.push(toPause(row));
      result.set(row.invoice_id, list);
    }
  }
  return result;
}

/** Pauses of a customer or an invoice, newest first, active and ended. */
export async function listPauses(
  db: AnyDb,
  filter: { customerId?: string; invoiceId?: string; activeOn?: BusinessDate },
): Promise<Pause[]> {
  let query = q(db).selectFrom('followup_pauses').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
  if (filter.activeOn) {
    const on = filter.activeOn;
    query = query
      .where('ended_at', 'is', null)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', on)]));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
  return rows.map(toPause);
}

/** SQL condition "this item has an active pause on `on`", for the run's selection. */
export const pausedCondition = (on: BusinessDate) =>
  sql<boolean>`exists (select 1 from followup_pauses p where p.invoice_id = followup_items.invoice_id and p.ended_at is null and (p.until is null or p.until > ${on}))`;

async function customerOf(db: AnyDb, invoiceId: string): Promise<string> {
  const item = await q(db)
    .selectFrom('followup_items')
    .select('customer_id')
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
  if (item) return item.customer_id;
  const open = await getOpenItem(db, invoiceId);
  if (!open) throw notFound('invoice', invoiceId);
  return open.customerId;
}
