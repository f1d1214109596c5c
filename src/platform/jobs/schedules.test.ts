import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import {
  dailyAt,
  enqueueDueSchedules,
  nextOccurrence,
  type ScheduleDefinition,
  syncSchedules,
} from './schedules.js';

describe('schedule times', () => {
  it('dailyAt writes a five-field cron', () => {
    expect(dailyAt('07:00')).toBe('0 7 * * *');
    expect(dailyAt('23:05')).toBe('5 23 * * *');
    expect(() => dailyAt('7:00')).toThrow(/HH:MM/);
    expect(() => dailyAt('24:00')).toThrow();
  });

  it('a daily 07:00 Europe/Paris schedule fires at 06:00Z in winter and 05:00Z in summer', () => {
    const cron = dailyAt('07:00');
    expect(nextOccurrence(cron, 'Europe/Paris', '2026-01-10T12:00:00.000Z')).toBe('2026-01-11T06:00:00.000Z');
    expect(nextOccurrence(cron, 'Europe/Paris', '2026-07-10T12:00:00.000Z')).toBe('2026-07-11T05:00:00.000Z');
    // Across the spring change (29 March 2026) and back (25 October 2026).
    expect(nextOccurrence(cron, 'Europe/Paris', '2026-03-28T06:00:00.000Z')).toBe('2026-03-29T05:00:00.000Z');
    expect(nextOccurrence(cron, 'Europe/Paris', '2026-10-24T05:00:00.000Z')).toBe('2026-10-25T06:00:00.000Z');
    expect(nextOccurrence(cron, 'UTC', '2026-07-10T12:00:00.000Z')).toBe('2026-07-11T07:00:00.000Z');
  });

  it('is strictly after the given instant', () => {
    expect(nextOccurrence('0 7 * * *', 'UTC', '2026-07-11T07:00:00.000Z')).toBe('2026-07-12T07:00:00.000Z');
  });
});

describeEachDatabase('schedules', (get) => {
  const paris: ScheduleDefinition = {
    name: 'reminders',
    cron: dailyAt('07:00'),
    jobName: 'followup.run',
    timezone: 'Europe/Paris',
  };
  const rows = () => get().ctx.db.selectFrom('schedules').selectAll().orderBy('name').execute();
  const jobs = () => get().ctx.db.selectFrom('jobs').selectAll().orderBy('id').execute();

  beforeEach(async () => {
    await get().ctx.db.deleteFrom('jobs').execute();
    await get().ctx.db.deleteFrom('schedules').execute();
    get().clock.set('2026-01-10T12:00:00.000Z');
  });

  it('syncs definitions: inserts, recomputes on a new cron or zone, prunes removed ones', async () => {
    const { ctx, clock } = get();
    await syncSchedules(ctx, [paris, { name: 'nightly', cron: '30 2 * * *', jobName: 'maintenance' }]);
    expect(await rows()).toMatchObject([
      { name: 'nightly', timezone: 'UTC', next_run_at: '2026-01-11T02:30:00.000Z', job_name: 'maintenance' },
      { name: 'reminders', timezone: 'Europe/Paris', next_run_at: '2026-01-11T06:00:00.000Z' },
    ]);
    // Unchanged definitions keep their row (a restart must not skip or repeat a run).
    clock.advance(86_400_000);
    await syncSchedules(ctx, [paris, { name: 'nightly', cron: '30 2 * * *', jobName: 'maintenance' }]);
    expect((await rows())[1]!.next_run_at).toBe('2026-01-11T06:00:00.000Z');
    await syncSchedules(ctx, [{ ...paris, timezone: 'America/New_York' }]);
    expect(await rows()).toMatchObject([
      { name: 'reminders', timezone: 'America/New_York', next_run_at: '2026-01-12T12:00:00.000Z' },
    ]);
  });

  it('rejects invalid definitions with the schedule name', async () => {
    await expect(syncSchedules(get().ctx, [{ ...paris, cron: '0 0 7 * * *' }])).rejects.toThrow(
      /reminders.*five fields/,
    );
    await expect(syncSchedules(get().ctx, [{ ...paris, cron: '0 25 * * *' }])).rejects.toThrow(
      /not a valid cron/,
    );
    await expect(syncSchedules(get().ctx, [{ ...paris, timezone: 'Mars/Base' }])).rejects.toThrow(
      /time zone/,
    );
  });

  it('enqueues when due, once per occurrence, and moves to the next occurrence in the zone', async () => {
    const { ctx, clock } = get();
    await syncSchedules(ctx, [paris]);
    expect(await enqueueDueSchedules(ctx)).toBe(0);
    clock.set('2026-01-11T06:00:00.000Z');
    expect(await enqueueDueSchedules(ctx)).toBe(1);
    expect(await enqueueDueSchedules(ctx)).toBe(0);
    const [job] = await jobs();
    expect(job).toMatchObject({
      name: 'followup.run',
      dedupe_key: 'schedule:reminders:2026-01-11T06:00:00.000Z',
      state: 'queued',
    });
    expect(JSON.parse(job!.payload)).toEqual({
      schedule: 'reminders',
      scheduledFor: '2026-01-11T06:00:00.000Z',
    });
    expect(await rows()).toMatchObject([
      { next_run_at: '2026-01-12T06:00:00.000Z', last_enqueued_at: '2026-01-11T06:00:00.000Z' },
    ]);
  });

  it('after downtime enqueues one catch-up run, not one per missed occurrence', async () => {
    const { ctx, clock } = get();
    await syncSchedules(ctx, [paris]);
    clock.set('2026-07-10T12:00:00.000Z');
    expect(await enqueueDueSchedules(ctx)).toBe(1);
    expect((await jobs()).length).toBe(1);
    // Summer time now: the next run is 07:00 Paris = 05:00Z.
    expect((await rows())[0]!.next_run_at).toBe('2026-07-11T05:00:00.000Z');
  });

  it('two workers ticking at once enqueue it once', async () => {
    const { ctx, clock, kind } = get();
    // Two SQLite handles in one process cannot both hold a write transaction: better-sqlite3 would block
    // the event loop on the busy timeout. There, two ticks share one handle (they still race between
    // their read and their guarded update); separate processes simply wait for each other's lock.
    const other = kind === 'postgres' ? await get().openAnother() : ctx;
    await syncSchedules(ctx, [paris]);
    clock.set('2026-01-11T06:00:01.000Z');
    const counts = await Promise.all([enqueueDueSchedules(ctx), enqueueDueSchedules(other)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect((await jobs()).length).toBe(1);
  });
});
