/**
 * The one transaction helper. Every write goes through it: it opens the transaction (BEGIN IMMEDIATE
 * on SQLite, retried on serialization failures on PostgreSQL), and in the same transaction writes the
 * audit entries, outbox events and jobs that the change produced — all or nothing.
 */
import { sql } from 'kysely';
import { type AuditInput, appendAudit } from '../audit/writer.js';
import type { Actor } from '../auth/actor.js';
import { type AppContext, operationScope } from '../context.js';
import { deliveryJobName, type EventInput } from '../events/bus.js';
import { newId } from '../ids.js';
import { enqueueJob } from '../jobs/enqueue.js';
import type { JobInput } from '../jobs/types.js';
import type { AnyDb, Dialect } from './database.js';

export interface Tx {
  /** Use this handle, never ctx.db, inside the transaction (on SQLite ctx.db would wait for this one). */
  readonly db: AnyDb;
  readonly dialect: Dialect;
  readonly actor: Actor;
  /** The instant the transaction started, as a UTC ISO string: one "now" for everything it writes. */
  readonly now: string;
  audit(entry: AuditInput): void;
  emit<P>(event: EventInput<P>): Promise<string>;
  enqueue(job: JobInput): Promise<boolean>;
  /** Runs after a successful commit (e.g. to wake a worker); errors there are logged, not thrown. */
  afterCommit(fn: () => void | Promise<void>): void;
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

export async function transaction<T>(
  ctx: AppContext,
  actor: Actor,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(ctx, actor, work);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (ctx.dialect === 'postgres' && code && RETRYABLE_PG_CODES.has(code) && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        continue;
      }
      throw error;
    }
  }
}

async function runOnce<T>(ctx: AppContext, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const after: (() => void | Promise<void>)[] = [];
  const body = async (db: AnyDb): Promise<T> => {
    const now = ctx.clock.now().toISOString();
    const auditEntries: AuditInput[] = [];
    const tx: Tx = {
      db,
      dialect: ctx.dialect,
      actor,
      now,
      audit: (entry) => {
        auditEntries.push(entry);
      },
      emit: (event) => writeEvent(ctx, db, actor, now, event),
      enqueue: (job) => enqueueJob(db, now, job),
      afterCommit: (fn) => {
        after.push(fn);
      },
    };
    const result = await work(tx);
    await markIdempotencyCommitted(db);
    // Last, so the audit head (a single row) is held for the shortest time.
    await appendAudit(db, ctx.dialect, actor, now, auditEntries);
    return result;
  };

  let result: T;
  if (ctx.dialect === 'sqlite') {
    result = await ctx.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const value = await body(conn);
        await sql`commit`.execute(conn);
        return value;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  } else {
    result = await ctx.db.transaction().execute((trx) => body(trx));
  }
  for (const fn of after) {
    try {
      await fn();
    } catch (error) {
      ctx.logger.error({ err: error }, 'after-commit hook failed');
    }
  }
  return result;
}

async function writeEvent(
  ctx: AppContext,
  db: AnyDb,
  actor: Actor,
  now: string,
  event: EventInput,
): Promise<string> {
  const id = newId('event');
  await db
    .insertInto('outbox_events')
    .values({
      id,
      type: event.type,
      aggregate_type: event.aggregateType,
      aggregate_id: event.aggregateId,
      payload: JSON.stringify(event.payload ?? null),
      actor_type: actor.type,
      actor_id: actor.id,
      occurred_at: now,
    })
    .execute();
  for (const subscriber of ctx.events.subscribersOf(event.type)) {
    await enqueueJob(db, now, {
      name: deliveryJobName(subscriber.name),
      payload: { eventId: id },
      dedupeKey: `event:${id}:${subscriber.name}`,
      maxAttempts: subscriber.maxAttempts,
    });
  }
  return id;
}

async function markIdempotencyCommitted(db: AnyDb): Promise<void> {
  const scope = operationScope.getStore()?.idempotency;
  if (!scope) return;
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'committed' })
    .where('principal', '=', scope.principal)
    .where('key', '=', scope.key)
    .where('state', '=', 'started')
    .execute();
}
