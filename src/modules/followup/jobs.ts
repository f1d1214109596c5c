/** The follow-up module's background work: event subscribers keeping items in step, and the daily run. */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { dailyAt, type ScheduleDefinition } from '../../platform/jobs/schedules.js';
import { syncInvoice } from './items.js';
import { runFollowup } from './run.js';

export const FOLLOWUP_RUN_JOB = 'followup.run';
export const FOLLOWUP_SUBSCRIBER = 'followup.items';

/** The invoices an event concerns: its invoiceId, or the invoice targets of a payment's allocations. */
export function invoicesOfEvent(event: DomainEvent): string[] {
  const payload = (event.payload ?? {}) as {
    invoiceId?: string;
    allocations?: { targetType?: string; targetId?: string }[];
  };
  const ids = new Set<string>();
  if (payload.invoiceId) ids.add(payload.invoiceId);
  for (const a of payload.allocations ?? [])
    if (a.targetType === 'invoice' && a.targetId) ids.add(a.targetId);
  return [...ids];
}

export function registerFollowupWork(ctx: AppContext): void {
  ctx.events.subscribe({
    name: FOLLOWUP_SUBSCRIBER,
    eventTypes: [
      'invoice.issued',
      'invoice.paid',
      'invoice.voided',
      'invoice.reopened',
      'payment.applied',
      'payment.reversed',
    ],
    maxAttempts: 10,
    handle: async (event, jobCtx) => {
      const ids = invoicesOfEvent(event);
      if (ids.length === 0) return;
      await transaction(jobCtx, systemActor('followup'), async (tx) => {
        for (const id of ids) await syncInvoice(tx, id);
      });
    },
  });
  ctx.jobs.register({
    name: FOLLOWUP_RUN_JOB,
    maxAttempts: 3,
    handler: async ({ ctx: jobCtx }) => {
      const result = await runFollowup(jobCtx, {});
      jobCtx.logger.info(
        {
          asOf: result.asOf,
          due: result.itemsDue,
          claimed: result.itemsClaimed,
          messages: result.messages,
          failures: result.failures.length,
        },
        'follow-up run done',
      );
    },
  });
}

export const followupSchedule = (ctx: AppContext): ScheduleDefinition => ({
  name: FOLLOWUP_RUN_JOB,
  cron: dailyAt(ctx.config.FOLLOWUP_RUN_TIME),
  jobName: FOLLOWUP_RUN_JOB,
});
