/**
 * Recurring jobs defined in code. Each schedule is a row holding its next occurrence; a tick that finds
 * it due moves it (guarded by the old value) to the next occurrence after now and enqueues one job with
 * a dedupe key naming the occurrence. So workers ticking together enqueue it once, and a worker that was
 * down for a week enqueues one catch-up run, not one per missed occurrence.
 */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { isValidTimeZone } from '../dates.js';
import { transaction } from '../db/transaction.js';

export interface ScheduleDefinition {
  /** Unique and stable: it keys the row and the dedupe keys. */
  name: string;
  /** Five fields: minute hour day-of-month month day-of-week, in the schedule's time zone. */
  cron: string;
  jobName: string;
  /** IANA zone; ctx.config.TIMEZONE when omitted. */
  timezone?: string;
}

/** The payload of a scheduled job. */
export interface ScheduledJobPayload {
  schedule: string;
  /** The occurrence this run stands for (UTC ISO). */
  scheduledFor: string;
}

const cronSchema = z
  .string()
  .trim()
  .refine((v) => v.split(/\s+/).length === 5, {
    message: 'must have five fields: minute hour day month weekday',
  })
  .refine(
    (v) => {
      try {
        CronExpressionParser.parse(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid cron expression' },
  );

const definitionSchema = z.object({
  name: z.string().min(1).max(100),
  cron: cronSchema,
  jobName: z.string().min(1),
  timezone: z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone' }).optional(),
});

/** The first occurrence strictly after `after`. */
export function nextOccurrence(cron: string, timezone: string, after: Date | string): string {
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: timezone });
  return expression.next().toDate().toISOString();
}

/** `dailyAt('07:00')` → `'0 7 * * *'`. */
export function dailyAt(time: string): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new Error(`"${time}" is not a time of day written HH:MM`);
  return `${Number(match[2])} ${Number(match[1])} * * *`;
}

/**
 * Makes the schedules table match the definitions: inserts new ones, updates changed ones (a new cron
 * or zone recomputes the next run) and, unless `prune` is false, deletes rows no longer defined —
 * so call it once with the full list.
 */
export async function syncSchedules(
  ctx: AppContext,
  definitions: readonly ScheduleDefinition[],
  options: { prune?: boolean } = {},
): Promise<void> {
  const now = ctx.clock.now();
  const parsed = definitions.map((d) => {
    const result = definitionSchema.safeParse(d);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
      throw new Error(`Schedule "${d.name}" is invalid: ${issues}`);
    }
    return { ...result.data, timezone: result.data.timezone ?? ctx.config.TIMEZONE };
  });
  const existing = new Map(
    (await ctx.db.selectFrom('schedules').selectAll().execute()).map((row) => [row.name as string, row]),
  );
  for (const def of parsed) {
    const row = existing.get(def.name);
    if (!row) {
      await ctx.db
        .insertInto('schedules')
        .values({
          name: def.name,
          cron: def.cron,
          timezone: def.timezone,
          job_name: def.jobName,
          next_run_at: nextOccurrence(def.cron, def.timezone, now),
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    } else if (row.cron !== def.cron || row.timezone !== def.timezone) {
      await ctx.db
        .updateTable('schedules')
        .set({
          cron: def.cron,
          timezone: def.timezone,
          job_name: def.jobName,
          next_run_at: nextOccurrence(def.cron, def.timezone, now),
        })
        .where('name', '=', def.name)
        .execute();
    } else if (row.job_name !== def.jobName) {
      await ctx.db
        .updateTable('schedules')
        .set({ job_name: def.jobName })
        .where('name', '=', def.name)
        .execute();
    }
  }
  const stale = [...existing.keys()].filter((name) => !parsed.some((d) => d.name === name));
  if (options.prune !== false && stale.length > 0) {
    await ctx.db.deleteFrom('schedules').where('name', 'in', stale).execute();
  }
}

/** Enqueues one job per due schedule. Returns how many were enqueued by this call. */
export async function enqueueDueSchedules(ctx: AppContext): Promise<number> {
  // A plain read first: the common case (nothing due) opens no write transaction.
  const due = await ctx.db
    .selectFrom('schedules')
    .selectAll()
    .where('next_run_at', '<=', ctx.clock.now().toISOString())
    .orderBy('next_run_at')
    .execute();
  let enqueued = 0;
  for (const row of due) {
    const name = row.name as string;
    const previous = row.next_run_at as string;
    const done = await transaction(ctx, systemActor(`schedule:${name}`), async (tx) => {
      const moved = await tx.db
        .updateTable('schedules')
        .set({ next_run_at: nextOccurrence(row.cron, row.timezone, tx.now), last_enqueued_at: tx.now })
        .where('name', '=', name)
        .where('next_run_at', '=', previous)
        .executeTakeFirst();
      // Another worker moved it first: that worker enqueues this occurrence.
      if (Number(moved.numUpdatedRows) === 0) return false;
      const payload: ScheduledJobPayload = { schedule: name, scheduledFor: previous };
      return tx.enqueue({ name: row.job_name, payload, dedupeKey: `schedule:${name}:${previous}` });
    });
    if (done) enqueued++;
  }
  return enqueued;
}
