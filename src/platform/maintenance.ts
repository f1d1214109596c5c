/** Daily housekeeping of the platform's own tables: finished jobs, old idempotency keys, old mail. */
import type { AppContext } from './context.js';
import { purgeFinishedJobs } from './jobs/queue.js';
import { dailyAt, type ScheduleDefinition } from './jobs/schedules.js';
import { purgeOldMail } from './mail/admin.js';

export const MAINTENANCE_JOB = 'platform.maintenance';
const DAY = 86_400_000;
/** A retried request must arrive within this window to be recognised as a retry. */
const IDEMPOTENCY_KEEP_MS = 2 * DAY;
const FINISHED_JOBS_KEEP_MS = 30 * DAY;
const MAIL_KEEP_MS = 400 * DAY;

export function registerMaintenance(ctx: AppContext): void {
  ctx.jobs.register({
    name: MAINTENANCE_JOB,
    maxAttempts: 3,
    handler: async ({ ctx: jobCtx }) => {
      const now = jobCtx.clock.now().getTime();
      const keys = await jobCtx.db
        .deleteFrom('idempotency_keys')
        .where('created_at', '<', new Date(now - IDEMPOTENCY_KEEP_MS).toISOString())
        .executeTakeFirst();
      const jobs = await purgeFinishedJobs(jobCtx.db, new Date(now - FINISHED_JOBS_KEEP_MS));
      const mail = await purgeOldMail(jobCtx, new Date(now - MAIL_KEEP_MS));
      jobCtx.logger.info({ idempotencyKeys: Number(keys.numDeletedRows), jobs, mail }, 'maintenance done');
    },
  });
}

export const maintenanceSchedule = (ctx: AppContext): ScheduleDefinition => ({
  name: MAINTENANCE_JOB,
  cron: dailyAt(ctx.config.MAINTENANCE_TIME),
  jobName: MAINTENANCE_JOB,
});
