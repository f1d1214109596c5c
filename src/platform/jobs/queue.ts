/**
 * The job table as a queue. Claiming marks jobs `running` with a lease (locked_by, locked_until);
 * every later write is guarded by id + worker + attempt + state, so a worker whose lease expired and
 * whose job was taken over can never overwrite the new owner's outcome.
 *
 * PostgreSQL: one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED), so concurrent workers
 * skip each other's rows instead of waiting. SQLite: the same single UPDATE without the lock clause;
 * a write statement takes the database write lock when it starts (as BEGIN IMMEDIATE does) and holds
 * it to its end, so the select-and-mark is atomic across connections and processes. We deliberately
 * do not hold an explicit BEGIN IMMEDIATE across awaits: with better-sqlite3 another connection in the
 * same process would then block the event loop on the busy timeout.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { AnyDb, Dialect } from '../db/database.js';
import { type BackoffOptions, backoffMs } from './backoff.js';
import type { JobRecord, JobState } from './types.js';

export interface ClaimOptions {
  workerId: string;
  now: Date | string;
  limit: number;
  leaseMs: number;
  /** Only jobs this process has handlers for; others stay queued for a process that knows them. */
  names: readonly string[];
}

/** Identifies one attempt of one job by one worker: the guard of every write after the claim. */
export interface JobLease {
  id: string;
  workerId: string;
  /** The job's attempt count as returned by the claim. */
  attempts: number;
}

export type FailOutcome = 'retry' | 'dead' | 'lost';

const MAX_ERROR_LENGTH = 4000;
const iso = (at: Date | string) => new Date(at).toISOString();

/** A row of the `jobs` table (migrations/0001_platform.ts) as the drivers return it. */
export interface JobRow {
  id: string;
  name: string;
  payload: string;
  dedupe_key: string | null;
  state: JobState;
  run_at: string;
  attempts: number | string;
  max_attempts: number | string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export function toJobRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload),
    dedupeKey: row.dedupe_key ?? null,
    state: row.state,
    runAt: row.run_at,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error ?? null,
    createdAt: row.created_at,
    finishedAt: row.finished_at ?? null,
  };
}

export async function claimJobs(db: AnyDb, dialect: Dialect, options: ClaimOptions): Promise<JobRecord[]> {
  if (options.names.length === 0 || options.limit <= 0) return [];
  const now = iso(options.now);
  await buryAbandonedJobs(db, now);
  let candidates = db
    .selectFrom('jobs')
    .select('id')
    .where('name', 'in', [...options.names])
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]),
        // A crashed attempt: its lease ran out. Exhausted ones were buried just above.
        eb.and([
          eb('state', '=', 'running'),
          eb('locked_until', '<', now),
          eb('attempts', '<', eb.ref('max_attempts')),
        ]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit);
  if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await db
    .updateTable('jobs')
    .set({
      state: 'running',
      locked_by: options.workerId,
      locked_until: new Date(Date.parse(now) + options.leaseMs).toISOString(),
      attempts: sql`attempts + 1`,
      updated_at: now,
    })
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
  return (rows as JobRow[])
    .map(toJobRecord)
    .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id.localeCompare(b.id));
}

/** Jobs whose last allowed attempt died with its worker (lease expired) go dead instead of running again. */
async function buryAbandonedJobs(db: AnyDb, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      state: 'dead',
      last_error: sql`'attempt ' || cast(attempts as text) || ' of ' || cast(max_attempts as text) || ' did not finish: the lease of worker ' || coalesce(locked_by, '?') || ' expired'`,
      locked_by: null,
      locked_until: null,
      finished_at: now,
      updated_at: now,
    })
    .where('state', '=', 'running')
    .where('locked_until', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .execute();
}

/** The columns a lease guard reads. */
interface LeaseColumns {
  jobs: { id: string; locked_by: string | null; attempts: number; state: JobState };
}

/** Every write after a claim holds only while this worker still owns that attempt of the job. */
const leaseHeld = (lease: JobLease) => (eb: ExpressionBuilder<LeaseColumns, 'jobs'>) =>
  eb.and([
    eb('id', '=', lease.id),
    eb('locked_by', '=', lease.workerId),
    eb('attempts', '=', lease.attempts),
    eb('state', '=', 'running'),
  ]);

const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) > 0;

export async function completeJob(db: AnyDb, lease: JobLease, now: Date | string): Promise<boolean> {
  const at = iso(now);
  const result = await db
    .updateTable('jobs')
    .set({ state: 'done', locked_by: null, locked_until: null, finished_at: at, updated_at: at })
    .where(leaseHeld(lease))
    .executeTakeFirst();
  return changed(result);
}

/**
 * Records a failed attempt: back to `queued` after a backoff delay, or `dead` once max_attempts is
 * reached. Returns 'lost' when the lease was no longer ours (nothing written).
 */
export async function failJob(
  db: AnyDb,
  lease: JobLease,
  input: { now: Date | string; error: string; backoff?: Partial<BackoffOptions> },
): Promise<FailOutcome> {
  const at = iso(input.now);
  const retryAt = new Date(Date.parse(at) + backoffMs(lease.attempts, input.backoff)).toISOString();
  const exhausted = sql`attempts >= max_attempts`;
  const row = await db
    .updateTable('jobs')
    .set({
      state: sql`case when ${exhausted} then 'dead' else 'queued' end`,
      run_at: sql`case when ${exhausted} then run_at else ${retryAt} end`,
      finished_at: sql`case when ${exhausted} then ${at} else null end`,
      last_error: input.error.slice(0, MAX_ERROR_LENGTH),
      locked_by: null,
      locked_until: null,
      updated_at: at,
    })
    .where(leaseHeld(lease))
    .returning('state')
    .executeTakeFirst();
  if (!row) return 'lost';
  return row.state === 'dead' ? 'dead' : 'retry';
}

/** Pushes the lease forward while the handler still runs. False means the job is no longer ours. */
export async function extendLease(
  db: AnyDb,
  lease: JobLease,
  now: Date | string,
  leaseMs: number,
): Promise<boolean> {
  const at = iso(now);
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: new Date(Date.parse(at) + leaseMs).toISOString(), updated_at: at })
    .where(leaseHeld(lease))
    .executeTakeFirst();
  return changed(result);
}

/** Gives an interrupted attempt back (graceful shutdown): queued again at once, the attempt not counted. */
export async function releaseJob(db: AnyDb, lease: JobLease, now: Date | string): Promise<boolean> {
  const at = iso(now);
  const result = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      attempts: sql`attempts - 1`,
      run_at: at,
      locked_by: null,
      locked_until: null,
      updated_at: at,
    })
    .where(leaseHeld(lease))
    .executeTakeFirst();
  return changed(result);
}

// --- administration -------------------------------------------------------------------------------

export interface JobPage {
  items: JobRecord[];
  nextCursor: string | null;
}

/** Newest first (ids are time-ordered); pass the returned cursor to get the next page. */
export async function listJobs(
  db: AnyDb,
  options: { state?: JobState; name?: string; limit: number; cursor?: string | null },
): Promise<JobPage> {
  let query = db
    .selectFrom('jobs')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.state) query = query.where('state', '=', options.state);
  if (options.name) query = query.where('name', '=', options.name);
  if (options.cursor) query = query.where('id', '<', options.cursor);
  const rows = await query.execute();
  const items = (rows as JobRow[]).slice(0, options.limit).map(toJobRecord);
  return { items, nextCursor: rows.length > options.limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getJob(db: AnyDb, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJobRecord(row as JobRow) : undefined;
}

export async function countJobsByState(db: AnyDb): Promise<Record<JobState, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.state as JobState] = Number(row.n);
  return counts;
}

/** Dead → queued with a fresh set of attempts. Undefined when there is no such dead job. */
export async function retryDeadJob(
  db: AnyDb,
  now: Date | string,
  id: string,
): Promise<JobRecord | undefined> {
  const at = iso(now);
  const row = await db
    .updateTable('jobs')
    .set({
      state: 'queued',
      attempts: 0,
      run_at: at,
      finished_at: null,
      locked_by: null,
      locked_until: null,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returningAll()
    .executeTakeFirst();
  return row ? toJobRecord(row as JobRow) : undefined;
}

/**
 * Deletes `done` jobs finished before `olderThan` (dead ones stay until someone looks at them).
 * Their dedupe keys go with them, so keep this well beyond any window in which a key could recur.
 */
export async function purgeFinishedJobs(db: AnyDb, olderThan: Date | string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('state', '=', 'done')
    .where('finished_at', '<', iso(olderThan))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
