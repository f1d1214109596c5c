/**
 * Background work for promises to pay: the daily evaluation (a schedule just after midnight, company
 * time) and the payment subscriber that closes a promise as kept as soon as it is paid.
 */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import type { ScheduleDefinition } from '../../platform/jobs/schedules.js';
import { companyToday, evaluateDuePromises, onInvoicesPaid } from './promises.js';

export const PROMISES_JOB = 'followup.promises.evaluate';
export const PROMISES_SUBSCRIBER = 'followup.promises-on-payment';

interface PaymentPayload {
  invoiceId?: string;
  kind?: string;
  date?: string;
  allocations?: { targetType?: string; targetId?: string }[];
}

/** The invoices a payment event settled, and the company date it counts for. */
export function paidInvoicesOf(
  ctx: AppContext,
  event: DomainEvent,
): { invoiceIds: string[]; paidOn: string } {
  const payload = (event.payload ?? {}) as PaymentPayload;
  const ids = new Set<string>();
  if (event.type === 'invoice.paid' && payload.invoiceId && payload.kind !== 'credit_note')
    ids.add(payload.invoiceId);
  for (const a of payload.allocations ?? [])
    if (a.targetType === 'invoice' && a.targetId) ids.add(a.targetId);
  const paidOn =
    typeof payload.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(payload.date)
      ? payload.date
      : companyToday(ctx, event.occurredAt);
  return { invoiceIds: [...ids], paidOn };
}

export function registerPromises(ctx: AppContext): void {
  ctx.jobs.register({
    name: PROMISES_JOB,
    maxAttempts: 5,
    handler: async ({ ctx: jobCtx }) => {
      const counts = await evaluateDuePromises(jobCtx, systemActor(PROMISES_JOB));
      jobCtx.logger.info(counts, 'promises to pay evaluated');
    },
  });
  ctx.events.subscribe({
    name: PROMISES_SUBSCRIBER,
    eventTypes: ['payment.applied', 'invoice.paid'],
    handle: async (event, handlerCtx) => {
      const { invoiceIds, paidOn } = paidInvoicesOf(handlerCtx, event);
      if (invoiceIds.length > 0)
        await onInvoicesPaid(handlerCtx, systemActor(PROMISES_SUBSCRIBER), invoiceIds, paidOn);
    },
  });
}

/** Shortly after midnight, company time: the day after a promise's date is the first day it can be broken. */
export const promisesSchedule = (): ScheduleDefinition => ({
  name: PROMISES_JOB,
  cron: '10 0 * * *',
  jobName: PROMISES_JOB,
});
