import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { EventBus } from '../events/bus.js';
import { getJob } from './queue.js';
import { JobRegistry } from './registry.js';
import { type JobOutcome, JobRunner } from './runner.js';
import type { JobDefinition, JobInput } from './types.js';

const START = '2026-12-04T09:00:00.000Z';

/** A context of its own (job registry, event bus) on the shared test database. */
function scoped(ctx: AppContext, ...jobs: JobDefinition[]): AppContext {
  const scopedCtx = { ...ctx, jobs: new JobRegistry(), events: new EventBus() };
  for (const job of jobs) scopedCtx.jobs.register(job);
  return scopedCtx;
}

describeEachDatabase('job runner', (get) => {
  beforeEach(async () => {
    await get().ctx.db.deleteFrom('jobs').execute();
    get().clock.set(START);
  });

  const enqueue = (job: JobInput) => transaction(get().ctx, systemActor(), (tx) => tx.enqueue(job));
  const jobIds = async (state: string) =>
    (await get().ctx.db.selectFrom('jobs').select('id').where('state', '=', state).execute()).map(
      (r) => r.id,
    );

  it('runOnce runs the due jobs only, and later ones once the clock reaches them', async () => {
    const ran: unknown[] = [];
    const ctx = scoped(get().ctx, { name: 'work', handler: async ({ job }) => void ran.push(job.payload) });
    const runner = new JobRunner(ctx, { concurrency: 4, pollMs: 1000 });
    await enqueue({ name: 'work', payload: 'now' });
    await enqueue({ name: 'work', payload: 'later', runAt: '2026-12-04T10:00:00.000Z' });
    await enqueue({ name: 'unknown-here', payload: 'elsewhere' });
    expect(await runner.runOnce()).toBe(1);
    expect(ran).toEqual(['now']);
    expect(await runner.runOnce()).toBe(0);
    get().clock.set('2026-12-04T10:00:00.000Z');
    expect(await runner.runOnce()).toBe(1);
    expect(ran).toEqual(['now', 'later']);
    expect((await jobIds('done')).length).toBe(2);
    expect((await jobIds('queued')).length).toBe(1);
  });

  it('retries a throwing handler with backoff, then the job is dead with the last error', async () => {
    const outcomes: JobOutcome[] = [];
    let calls = 0;
    const ctx = scoped(get().ctx, {
      name: 'flaky',
      handler: async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
    });
    const runner = new JobRunner(ctx, {
      concurrency: 1,
      pollMs: 1000,
      backoff: { baseMs: 1000, factor: 2, jitter: 0 },
      onJobFinished: (name, outcome, ms) => {
        expect(name).toBe('flaky');
        expect(ms).toBeGreaterThanOrEqual(0);
        outcomes.push(outcome);
      },
    });
    await enqueue({ name: 'flaky', maxAttempts: 3, dedupeKey: 'flaky-1' });
    const [id] = await jobIds('queued');
    await runner.runOnce();
    expect(await getJob(get().ctx.db, id!)).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'failure 1',
      runAt: '2026-12-04T09:00:01.000Z',
    });
    expect(await runner.runOnce()).toBe(0);
    get().clock.advance(1000);
    await runner.runOnce();
    expect(await getJob(get().ctx.db, id!)).toMatchObject({
      state: 'queued',
      attempts: 2,
      runAt: '2026-12-04T09:00:03.000Z',
    });
    get().clock.advance(2000);
    await runner.runOnce();
    expect(await getJob(get().ctx.db, id!)).toMatchObject({
      state: 'dead',
      attempts: 3,
      lastError: 'failure 3',
    });
    expect(outcomes).toEqual(['retry', 'retry', 'dead']);
    get().clock.advance(86_400_000);
    expect(await runner.runOnce()).toBe(0);
  });

  it('a job is never run by two workers at once', async () => {
    const runs = new Map<string, number>();
    const concurrentlyRunning = new Set<string>();
    const handler: JobDefinition['handler'] = async ({ job }) => {
      if (concurrentlyRunning.has(job.id)) throw new Error(`job ${job.id} is already running`);
      concurrentlyRunning.add(job.id);
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await sleep(Math.random() * 3);
      concurrentlyRunning.delete(job.id);
    };
    const ctxA = scoped(get().ctx, { name: 'parallel', handler });
    const ctxB = scoped(await get().openAnother(), { name: 'parallel', handler });
    const total = 150;
    await transaction(get().ctx, systemActor(), async (tx) => {
      for (let i = 0; i < total; i++) await tx.enqueue({ name: 'parallel', payload: { i } });
    });
    const a = new JobRunner(ctxA, { workerId: 'A', concurrency: 7, pollMs: 1000 });
    const b = new JobRunner(ctxB, { workerId: 'B', concurrency: 7, pollMs: 1000 });
    const perWorker = { A: 0, B: 0 };
    for (let round = 0; round < 100 && runs.size < total; round++) {
      const [ranA, ranB] = await Promise.all([a.runOnce(), b.runOnce()]);
      perWorker.A += ranA;
      perWorker.B += ranB;
    }
    expect(runs.size).toBe(total);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(perWorker.A + perWorker.B).toBe(total);
    expect(perWorker.A).toBeGreaterThan(0);
    expect(perWorker.B).toBeGreaterThan(0);
    expect((await jobIds('done')).length).toBe(total);
  });

  it('extends the lease while a handler runs', async () => {
    const leaseMs = 300;
    let seenLockedUntil: string | undefined;
    const ctx = scoped(get().ctx, {
      name: 'slow',
      handler: async ({ job }) => {
        get().clock.advance(10 * 60_000);
        await sleep(leaseMs);
        const row = await get()
          .ctx.db.selectFrom('jobs')
          .select('locked_until')
          .where('id', '=', job.id)
          .executeTakeFirstOrThrow();
        seenLockedUntil = row.locked_until;
      },
    });
    await enqueue({ name: 'slow' });
    await new JobRunner(ctx, { concurrency: 1, pollMs: 1000, leaseMs }).runOnce();
    expect(seenLockedUntil).toBe(new Date(Date.parse(START) + 10 * 60_000 + leaseMs).toISOString());
  });

  it('aborts the handler when its lease was taken over, and records nothing', async () => {
    const outcomes: JobOutcome[] = [];
    const ctx = scoped(get().ctx, {
      name: 'stolen',
      leaseMs: 150,
      handler: async ({ job, signal }) => {
        // Another worker takes the job over (as after an expired lease).
        await get().ctx.db.updateTable('jobs').set({ locked_by: 'thief' }).where('id', '=', job.id).execute();
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
    });
    await enqueue({ name: 'stolen' });
    await new JobRunner(ctx, {
      concurrency: 1,
      pollMs: 1000,
      onJobFinished: (_n, o) => outcomes.push(o),
    }).runOnce();
    expect(outcomes).toEqual(['lost']);
    const [row] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(row).toMatchObject({ state: 'running', locked_by: 'thief', last_error: null });
  });

  it('start() polls until stop(); stop() waits for running handlers', async () => {
    let finished = 0;
    const ctx = scoped(get().ctx, {
      name: 'bg',
      handler: async () => {
        await sleep(30);
        finished++;
      },
    });
    for (let i = 0; i < 3; i++) await enqueue({ name: 'bg' });
    const runner = new JobRunner(ctx, { concurrency: 2, pollMs: 10 });
    runner.start();
    for (let i = 0; i < 200 && (await jobIds('done')).length < 3; i++) await sleep(10);
    await enqueue({ name: 'bg' });
    await sleep(20);
    await runner.stop();
    expect(finished).toBe(4);
    expect((await jobIds('done')).length).toBe(4);
  });

  it('stop() aborts handlers that outlive the timeout and gives their jobs back', async () => {
    const ctx = scoped(get().ctx, {
      name: 'stuck',
      handler: ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const outcomes: JobOutcome[] = [];
    await enqueue({ name: 'stuck' });
    const runner = new JobRunner(ctx, {
      concurrency: 1,
      pollMs: 10,
      onJobFinished: (_n, o) => outcomes.push(o),
    });
    runner.start();
    for (let i = 0; i < 200 && (await jobIds('running')).length === 0; i++) await sleep(5);
    await runner.stop(50);
    expect(outcomes).toEqual(['released']);
    const [row] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(row).toMatchObject({ state: 'queued', attempts: 0, locked_by: null });
  });
});
