import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../auth/actor.js';
import { transaction } from '../db/transaction.js';
import {
  claimJobs,
  completeJob,
  countJobsByState,
  extendLease,
  failJob,
  getJob,
  listJobs,
  purgeFinishedJobs,
  retryDeadJob,
  toJobRecord,
} from './queue.js';
import type { JobInput } from './types.js';

const START = '2026-12-04T09:00:00.000Z';
const LEASE = 60_000;

describeEachDatabase('job queue', (get) => {
  beforeEach(async () => {
    await get().ctx.db.deleteFrom('jobs').execute();
    get().clock.set(START);
  });

  const enqueue = (job: JobInput) => transaction(get().ctx, systemActor(), (tx) => tx.enqueue(job));
  const claim = (workerId: string, names = ['work'], limit = 10, ctx = get().ctx) =>
    claimJobs(ctx.db, ctx.dialect, { workerId, now: get().clock.now(), limit, leaseMs: LEASE, names });

  it('enqueues a dedupe key once, whatever happens to the first job', async () => {
    expect(await enqueue({ name: 'work', dedupeKey: 'once' })).toBe(true);
    expect(await enqueue({ name: 'work', dedupeKey: 'once' })).toBe(false);
    const [job] = await claim('a');
    await completeJob(get().ctx.db, { id: job!.id, workerId: 'a', attempts: 1 }, get().clock.now());
    expect(await enqueue({ name: 'work', dedupeKey: 'once' })).toBe(false);
    expect(await enqueue({ name: 'work' })).toBe(true);
    expect(await enqueue({ name: 'work' })).toBe(true);
    expect((await get().ctx.db.selectFrom('jobs').select('id').execute()).length).toBe(3);
  });

  it('claims due jobs of known names only, oldest run_at first, marking them running', async () => {
    await enqueue({ name: 'work', payload: { n: 2 }, runAt: '2026-12-04T08:59:00.000Z' });
    await enqueue({ name: 'work', payload: { n: 1 }, runAt: '2026-12-04T08:00:00.000Z' });
    await enqueue({ name: 'work', payload: { n: 3 }, runAt: '2026-12-04T10:00:00.000Z' });
    await enqueue({ name: 'other', payload: { n: 4 } });
    const jobs = await claim('a');
    expect(jobs.map((j) => j.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(jobs.every((j) => j.state === 'running' && j.attempts === 1)).toBe(true);
    const row = await get()
      .ctx.db.selectFrom('jobs')
      .selectAll()
      .where('id', '=', jobs[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_by).toBe('a');
    expect(row.locked_until).toBe('2026-12-04T09:01:00.000Z');
    expect(await claim('b')).toEqual([]);
    expect(await claim('b', [])).toEqual([]);
  });

  it('retries a failed attempt after a backoff, then buries it with its last error', async () => {
    await enqueue({ name: 'work', maxAttempts: 2 });
    const [first] = await claim('a');
    const outcome = await failJob(
      get().ctx.db,
      { id: first!.id, workerId: 'a', attempts: 1 },
      {
        now: get().clock.now(),
        error: 'boom 1',
        backoff: { baseMs: 10_000, jitter: 0 },
      },
    );
    expect(outcome).toBe('retry');
    const queued = (await getJob(get().ctx.db, first!.id))!;
    expect(queued).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'boom 1',
      runAt: '2026-12-04T09:00:10.000Z',
    });
    expect(await claim('a')).toEqual([]);
    get().clock.advance(10_000);
    const [second] = await claim('a');
    expect(second!.attempts).toBe(2);
    expect(
      await failJob(
        get().ctx.db,
        { id: second!.id, workerId: 'a', attempts: 2 },
        { now: get().clock.now(), error: 'boom 2' },
      ),
    ).toBe('dead');
    expect(await getJob(get().ctx.db, first!.id)).toMatchObject({
      state: 'dead',
      lastError: 'boom 2',
      finishedAt: '2026-12-04T09:00:10.000Z',
    });
    get().clock.advance(3_600_000);
    expect(await claim('a')).toEqual([]);
  });

  it('a crash mid-job leaves it retryable by another worker, and the late worker cannot overwrite', async () => {
    const other = await get().openAnother();
    await enqueue({ name: 'work' });
    const [byA] = await claim('worker-a');
    const leaseA = { id: byA!.id, workerId: 'worker-a', attempts: byA!.attempts };
    expect(await claim('worker-b', ['work'], 10, other)).toEqual([]);
    get().clock.advance(LEASE + 1);
    const [byB] = await claim('worker-b', ['work'], 10, other);
    expect(byB).toMatchObject({ id: byA!.id, attempts: 2 });
    // Worker A comes back from the dead: every write is rejected.
    expect(await completeJob(get().ctx.db, leaseA, get().clock.now())).toBe(false);
    expect(await extendLease(get().ctx.db, leaseA, get().clock.now(), LEASE)).toBe(false);
    expect(await failJob(get().ctx.db, leaseA, { now: get().clock.now(), error: 'late' })).toBe('lost');
    expect(
      await completeJob(other.db, { id: byB!.id, workerId: 'worker-b', attempts: 2 }, get().clock.now()),
    ).toBe(true);
    expect(await getJob(get().ctx.db, byA!.id)).toMatchObject({
      state: 'done',
      lastError: null,
      attempts: 2,
    });
  });

  it('the same worker re-claiming after its own lease expired cannot be confused with its older attempt', async () => {
    await enqueue({ name: 'work' });
    const [first] = await claim('a');
    get().clock.advance(LEASE + 1);
    const [again] = await claim('a');
    expect(again!.attempts).toBe(2);
    expect(
      await completeJob(get().ctx.db, { id: first!.id, workerId: 'a', attempts: 1 }, get().clock.now()),
    ).toBe(false);
    expect(
      await completeJob(get().ctx.db, { id: first!.id, workerId: 'a', attempts: 2 }, get().clock.now()),
    ).toBe(true);
  });

  it('a job whose attempts all died with their workers goes dead', async () => {
    await enqueue({ name: 'work', maxAttempts: 2 });
    await claim('a');
    get().clock.advance(LEASE + 1);
    const [second] = await claim('b');
    expect(second!.attempts).toBe(2);
    get().clock.advance(LEASE + 1);
    expect(await claim('c')).toEqual([]);
    const job = (await getJob(get().ctx.db, second!.id))!;
    expect(job.state).toBe('dead');
    expect(job.lastError).toBe('attempt 2 of 2 did not finish: the lease of worker b expired');
  });

  it('extends a lease only for the current holder', async () => {
    await enqueue({ name: 'work' });
    const [job] = await claim('a');
    get().clock.advance(30_000);
    expect(
      await extendLease(get().ctx.db, { id: job!.id, workerId: 'a', attempts: 1 }, get().clock.now(), LEASE),
    ).toBe(true);
    get().clock.advance(LEASE - 1);
    expect(await claim('b')).toEqual([]);
    get().clock.advance(2);
    expect((await claim('b')).length).toBe(1);
  });

  it('lists newest first with a cursor, counts, retries dead jobs and purges old finished ones', async () => {
    for (let i = 0; i < 5; i++) await enqueue({ name: 'work', payload: { i }, maxAttempts: 1 });
    const page1 = await listJobs(get().ctx.db, { limit: 2 });
    expect(page1.items.map((j) => j.payload)).toEqual([{ i: 4 }, { i: 3 }]);
    const page2 = await listJobs(get().ctx.db, { limit: 2, cursor: page1.nextCursor });
    const page3 = await listJobs(get().ctx.db, { limit: 2, cursor: page2.nextCursor });
    expect(page3.items.map((j) => j.payload)).toEqual([{ i: 0 }]);
    expect(page3.nextCursor).toBeNull();

    const [a, b] = await claim('w', ['work'], 2);
    await completeJob(get().ctx.db, { id: a!.id, workerId: 'w', attempts: 1 }, get().clock.now());
    await failJob(
      get().ctx.db,
      { id: b!.id, workerId: 'w', attempts: 1 },
      { now: get().clock.now(), error: 'x' },
    );
    expect(await countJobsByState(get().ctx.db)).toEqual({ queued: 3, running: 0, done: 1, dead: 1 });
    expect((await listJobs(get().ctx.db, { state: 'dead', limit: 10 })).items.map((j) => j.id)).toEqual([
      b!.id,
    ]);

    expect(await retryDeadJob(get().ctx.db, get().clock.now(), a!.id)).toBeUndefined();
    const retried = await retryDeadJob(get().ctx.db, get().clock.now(), b!.id);
    expect(retried).toMatchObject({ id: b!.id, state: 'queued', attempts: 0, finishedAt: null });

    expect(await purgeFinishedJobs(get().ctx.db, get().clock.now())).toBe(0);
    get().clock.advance(1);
    expect(await purgeFinishedJobs(get().ctx.db, get().clock.now())).toBe(1);
    expect(await getJob(get().ctx.db, a!.id)).toBeUndefined();
  });

  it('maps rows to camelCase records', () => {
    expect(
      toJobRecord({
        id: 'job_1',
        name: 'n',
        payload: '{"a":1}',
        dedupe_key: null,
        state: 'queued',
        run_at: START,
        attempts: '2',
        max_attempts: 8,
        last_error: null,
        created_at: START,
        finished_at: null,
      }),
    ).toEqual({
      id: 'job_1',
      name: 'n',
      payload: { a: 1 },
      dedupeKey: null,
      state: 'queued',
      runAt: START,
      attempts: 2,
      maxAttempts: 8,
      lastError: null,
      createdAt: START,
      finishedAt: null,
    });
  });
});
