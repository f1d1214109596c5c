/** The payments module's queries. Only this module touches its tables (see tables.ts). */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import type { PaymentMethod, PaymentsTables } from './tables.js';

export type PaymentRow = PaymentsTables['payments'];
export type AllocationRow = PaymentsTables['allocations'];
export type CreditRow = PaymentsTables['customer_credits'];
export type RefundRow = PaymentsTables['refunds'];
export type WriteOffRow = PaymentsTables['write_offs'];
export type ChargeRow = PaymentsTables['customer_charges'];

const q = (db: AnyDb): Kysely<PaymentsTables> => tables<PaymentsTables>(db);
const num = (v: unknown): number => Number(v ?? 0);

function normalizePayment(row: PaymentRow): PaymentRow {
  return { ...row, amount: num(row.amount), unapplied_amount: num(row.unapplied_amount) };
}

export async function insertPayment(db: AnyDb, row: PaymentRow): Promise<void> {
  await q(db).insertInto('payments').values(row).execute();
}

export async function findPayment(db: AnyDb, id: string): Promise<PaymentRow | undefined> {
  const row = await q(db).selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalizePayment(row) : undefined;
}

export interface PaymentFilter {
  customerId?: string | undefined;
  method?: PaymentMethod | undefined;
  currency?: string | undefined;
  status?: 'received' | 'reversed' | undefined;
  /** Derived state: only payments with something left to apply (`unapplied`/`partially_applied`) or nothing. */
  state?: 'applied' | 'partially_applied' | 'unapplied' | 'reversed' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/** Newest first (by id, i.e. by recording time); `limit + 1` rows so the caller can tell whether more follow. */
export async function listPayments(db: AnyDb, filter: PaymentFilter): Promise<PaymentRow[]> {
  let query = q(db).selectFrom('payments').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.method) query = query.where('method', '=', filter.method);
  if (filter.currency) query = query.where('currency', '=', filter.currency);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.state === 'reversed') query = query.where('status', '=', 'reversed');
  else if (filter.state) {
    query = query.where('status', '=', 'received');
    if (filter.state === 'applied') query = query.where('unapplied_amount', '=', 0);
    if (filter.state === 'unapplied') query = query.whereRef('unapplied_amount', '=', 'amount');
    if (filter.state === 'partially_applied')
      query = query.where('unapplied_amount', '>', 0).whereRef('unapplied_amount', '<', 'amount');
  }
  if (filter.from) query = query.where('received_date', '>=', filter.from);
  if (filter.to) query = query.where('received_date', '<=', filter.to);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where(
      sql<boolean>`(lower(coalesce(reference, '')) like ${like} escape '\\' or lower(coalesce(payer_name, '')) like ${like} escape '\\' or lower(coalesce(cheque_number, '')) like ${like} escape '\\' or lower(coalesce(bank_reference, '')) like ${like} escape '\\')`,
    );
  }
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return rows.map(normalizePayment);
}

/**
 * Takes `amount` from a received payment's unapplied amount, guarded: nothing happens (false) when the
 * payment is reversed or has less left. The row lock orders concurrent allocations on PostgreSQL.
 */
export async function takeUnapplied(db: AnyDb, id: string, amount: number, now: string): Promise<boolean> {
  const result = await q(db)
    .updateTable('payments')
    .set({ unapplied_amount: sql`unapplied_amount - ${amount}`, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .where('unapplied_amount', '>=', amount)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a received payment reversed (guarded: false when it already is); its unapplied amount goes to 0. */
export async function markReversed(
  db: AnyDb,
  id: string,
  changes: { reversal_date: string; reversal_reason: string; now: string },
): Promise<boolean> {
  const result = await q(db)
    .updateTable('payments')
    .set({
      status: 'reversed',
      unapplied_amount: 0,
      reversal_date: changes.reversal_date,
      reversal_reason: changes.reversal_reason,
      reversed_at: changes.now,
      updated_at: changes.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertAllocations(db: AnyDb, rows: readonly AllocationRow[]): Promise<void> {
  if (rows.length > 0)
    await q(db)
      .insertInto('allocations')
      .values([...rows])
      .execute();
}

const normalizeAllocation = (row: AllocationRow): AllocationRow => ({ ...row, amount: num(row.amount) });

/** Every allocation row (positive and reversing) from or to these ids, oldest first. */
export async function allocationsOf(
  db: AnyDb,
  side: 'source' | 'target',
  ids: readonly string[],
): Promise<AllocationRow[]> {
  if (ids.length === 0) return [];
  const rows = await q(db)
    .selectFrom('allocations')
    .selectAll()
    .where(side === 'source' ? 'source_id' : 'target_id', 'in', [...ids])
    .orderBy('id')
    .execute();
  return rows.map(normalizeAllocation);
}

/** The positive allocations from a source that no row reverses yet, oldest first. */
export async function liveAllocationsFrom(db: AnyDb, sourceId: string): Promise<AllocationRow[]> {
  const rows = await q(db)
    .selectFrom('allocations as a')
    .selectAll('a')
    .where('a.source_id', '=', sourceId)
    .where('a.amount', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('allocations as r').select('r.id').whereRef('r.reverses_id', '=', 'a.id'))),
    )
    .orderBy('a.id')
    .execute();
  return rows.map(normalizeAllocation);
}

export async function customerAllocations(db: AnyDb, customerId: string): Promise<AllocationRow[]> {
  const rows = await q(db)
    .selectFrom('allocations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  return rows.map(normalizeAllocation);
}

export async function insertCredit(db: AnyDb, row: CreditRow): Promise<void> {
  await q(db).insertInto('customer_credits').values(row).execute();
}

const normalizeCredit = (row: CreditRow): CreditRow => ({
  ...row,
  amount: num(row.amount),
  remaining_amount: num(row.remaining_amount),
});

export async function findCredit(db: AnyDb, id: string): Promise<CreditRow | undefined> {
  const row = await q(db).selectFrom('customer_credits').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalizeCredit(row) : undefined;
}

/** Credits with something left, oldest first. */
export async function openCredits(db: AnyDb, customerId: string, currency?: string): Promise<CreditRow[]> {
  let query = q(db)
    .selectFrom('customer_credits')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('remaining_amount', '>', 0);
  if (currency) query = query.where('currency', '=', currency);
  return (await query.orderBy('id').execute()).map(normalizeCredit);
}

export async function creditsOfOrigin(db: AnyDb, originId: string): Promise<CreditRow[]> {
  const rows = await q(db)
    .selectFrom('customer_credits')
    .selectAll()
    .where('origin_id', '=', originId)
    .execute();
  return rows.map(normalizeCredit);
}

/** Changes a credit's remaining amount by `delta`, guarded so it never goes below 0 nor above the credit. */
export async function changeCredit(db: AnyDb, id: string, delta: number): Promise<boolean> {
  const result = await q(db)
    .updateTable('customer_credits')
    .set({ remaining_amount: sql`remaining_amount + ${delta}` })
    .where('id', '=', id)
    .where(sql<boolean>`remaining_amount + ${delta} >= 0`)
    .where(sql<boolean>`remaining_amount + ${delta} <= amount`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRefund(db: AnyDb, row: RefundRow): Promise<void> {
  await q(db).insertInto('refunds').values(row).execute();
}

export async function insertWriteOff(db: AnyDb, row: WriteOffRow): Promise<void> {
  await q(db).insertInto('write_offs').values(row).execute();
}

export async function insertCharge(db: AnyDb, row: ChargeRow): Promise<void> {
  await q(db).insertInto('customer_charges').values(row).execute();
}

/** Everything of one customer, for the ledger and the balance. */
export async function customerRecords(db: AnyDb, customerId: string) {
  const [payments, refunds, writeOffs, charges, credits] = await Promise.all([
    q(db).selectFrom('payments').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
    q(db).selectFrom('refunds').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
    q(db).selectFrom('write_offs').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
    q(db)
      .selectFrom('customer_charges')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute(),
    q(db)
      .selectFrom('customer_credits')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute(),
  ]);
  return {
    payments: payments.map(normalizePayment),
    refunds: refunds.map((r) => ({ ...r, amount: num(r.amount) })),
    writeOffs: writeOffs.map((r) => ({ ...r, amount: num(r.amount) })),
    charges: charges.map((r) => ({ ...r, amount: num(r.amount) })),
    credits: credits.map(normalizeCredit),
  };
}

export async function findTolerance(db: AnyDb, currency: string): Promise<number | undefined> {
  const row = await q(db)
    .selectFrom('write_off_tolerances')
    .select('amount')
    .where('currency', '=', currency)
    .executeTakeFirst();
  return row ? num(row.amount) : undefined;
}

export async function listTolerances(db: AnyDb): Promise<{ currency: string; amount: number }[]> {
  const rows = await q(db)
    .selectFrom('write_off_tolerances')
    .select(['currency', 'amount'])
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, amount: num(r.amount) }));
}

export async function upsertTolerance(
  db: AnyDb,
  currency: string,
  amount: number,
  now: string,
): Promise<void> {
  await q(db)
    .insertInto('write_off_tolerances')
    .values({ currency, amount, updated_at: now })
    .onConflict((oc) => oc.column('currency').doUpdateSet({ amount, updated_at: now }))
    .execute();
}
