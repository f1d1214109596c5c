/**
 * The one job runner. Each tick it enqueues due schedules, claims as many jobs as it has free slots
 * (only names registered in ctx.jobs), and runs them with a heartbeat that extends the lease. Several
 * runners, in one process or many, may share a database: the claim hands each job to one of them.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import type { BackoffOptions } from './backoff.js';
import { claimJobs, completeJob, extendLease, failJob, type JobLease, releaseJob } from './queue.js';
import { enqueueDueSchedules } from './schedules.js';
import type { JobRecord } from './types.js';

export type JobOutcome = 'done' | 'retry' | 'dead' | 'lost' | 'released';

export interface JobRunnerOptions {
  workerId?: string;
  concurrency: number;
  pollMs: number;
  /** Lease for jobs whose definition sets none (ms). */
  leaseMs?: number;
  /** How long stop() waits for running handlers before aborting them (ms). */
  shutdownTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Called once per finished attempt, for metrics. */
  onJobFinished?: (name: string, outcome: JobOutcome, ms: number) => void;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

export class JobRunner {
  readonly workerId: string;
  private readonly inFlight = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: JobRunnerOptions,
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.poll();
  }

  /** Stops claiming, waits for running handlers up to the timeout, then aborts them and gives their jobs back. */
  async stop(timeoutMs = this.options.shutdownTimeoutMs ?? 30_000): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    const running = [...this.inFlight.values()];
    const all = Promise.allSettled(running.map((r) => r.promise));
    const timedOut = await Promise.race([all.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      for (const r of running) r.abort.abort(new Error('worker shutting down'));
      await Promise.race([all, sleep(1000)]);
    }
  }

  /** One tick: enqueue due schedules, claim a batch, run it to the end. Returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const started = await this.tick();
    await Promise.allSettled(started.map((id) => this.inFlight.get(id)?.promise));
    return started.length;
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.tick();
      } catch (error) {
        this.ctx.logger.error({ err: error, workerId: this.workerId }, 'job runner tick failed');
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async tick(): Promise<string[]> {
    try {
      await enqueueDueSchedules(this.ctx);
    } catch (err) {
      // A broken schedule must not stop the jobs that are already queued.
      this.ctx.logger.error({ err }, 'could not enqueue due schedules');
    }
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0 || this.stopping) return [];
    const jobs = await claimJobs(this.ctx.db, this.ctx.dialect, {
      workerId: this.workerId,
      now: this.ctx.clock.now(),
      limit: free,
      leaseMs: this.options.leaseMs ?? DEFAULT_LEASE_MS,
      names: this.ctx.jobs.names(),
    });
    for (const job of jobs) {
      const abort = new AbortController();
      const promise = this.run(job, abort)
        .catch((err) =>
          this.ctx.logger.error({ err, jobId: job.id }, 'could not record the outcome of a job'),
        )
        .finally(() => {
          this.inFlight.delete(job.id);
          // A slot is free: look for more work now rather than after a full poll interval.
          this.wake?.();
        });
      this.inFlight.set(job.id, { promise, abort });
    }
    return jobs.map((j) => j.id);
  }

  private async run(job: JobRecord, abort: AbortController): Promise<void> {
    const { ctx } = this;
    const definition = ctx.jobs.get(job.name)!;
    const lease: JobLease = { id: job.id, workerId: this.workerId, attempts: job.attempts };
    const leaseMs = definition.leaseMs ?? this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const log = ctx.logger.child({
      jobId: job.id,
      job: job.name,
      attempt: job.attempts,
      workerId: this.workerId,
    });
    const startedAt = performance.now();
    const heartbeat = setInterval(
      () => {
        extendLease(ctx.db, lease, ctx.clock.now(), leaseMs)
          .then((ok) => {
            if (!ok) abort.abort(new Error('lease lost'));
          })
          .catch((err) => log.warn({ err }, 'could not extend job lease'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    let outcome: JobOutcome;
    try {
      if (leaseMs !== (this.options.leaseMs ?? DEFAULT_LEASE_MS))
        await extendLease(ctx.db, lease, ctx.clock.now(), leaseMs);
      await definition.handler({ ctx, job, signal: abort.signal });
      outcome = (await completeJob(ctx.db, lease, ctx.clock.now())) ? 'done' : 'lost';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (abort.signal.aborted && this.stopping) {
        outcome = (await releaseJob(ctx.db, lease, ctx.clock.now()).catch(() => false)) ? 'released' : 'lost';
      } else {
        outcome = await failJob(ctx.db, lease, {
          now: ctx.clock.now(),
          error: message,
          backoff: this.options.backoff,
        });
        const level = outcome === 'dead' ? 'error' : 'warn';
        log[level](
          { err: error, outcome },
          outcome === 'dead' ? 'job failed for the last time' : 'job failed',
        );
      }
    } finally {
      clearInterval(heartbeat);
    }
    if (outcome === 'lost')
      log.warn('job lease was lost; its outcome was not recorded (another worker owns it now)');
    const ms = performance.now() - startedAt;
    try {
      this.options.onJobFinished?.(job.name, outcome, ms);
    } catch (err) {
      log.warn({ err }, 'onJobFinished hook failed');
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
