/**
 * The disputes module's public surface: cases on invoices (or an amount of one) with owner, deadline,
 * timeline and attachments, resolved by credit note, write-off or reship, or rejected. Opening a case
 * pauses the invoice's follow-up; closing it ends the pause.
 */
import { systemActor } from '../../platform/auth/actor.js';
import { dailyAt } from '../../platform/jobs/schedules.js';
import type { DuelyModule } from '../module.js';
import { disputesRoutes } from './routes.js';
import { sweepDeadlines } from './service.js';

export { disputesPermissions } from './permissions.js';
export {
  DISPUTE_LIFECYCLE,
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  type DisputeReason,
  type DisputeStatus,
  REASON_LABELS,
  RESOLUTIONS,
  type Resolution,
} from './rules.js';
export type {
  Attachment,
  Dispute,
  DisputeDetail,
  DisputeEvent,
  OpenDisputeInput,
  ResolveInput,
} from './schemas.js';
export {
  addAttachment,
  addComment,
  changeStatus,
  getDispute,
  listDisputes,
  openDispute,
  openDisputedAmounts,
  resolveDispute,
  sweepDeadlines,
  updateDispute,
} from './service.js';

const DEADLINES_JOB = 'disputes.deadlines';

export const disputesModule: DuelyModule = {
  name: 'disputes',
  routes: (ctx) => disputesRoutes(ctx),
  register(ctx) {
    ctx.jobs.register({
      name: DEADLINES_JOB,
      maxAttempts: 3,
      handler: async ({ ctx: jobCtx }) => {
        const result = await sweepDeadlines(jobCtx, systemActor('disputes'));
        jobCtx.logger.info(result, 'dispute deadlines swept');
      },
    });
  },
  schedules: (ctx) => [
    { name: 'disputes.deadlines', cron: dailyAt(ctx.config.MAINTENANCE_TIME), jobName: DEADLINES_JOB },
  ],
};
