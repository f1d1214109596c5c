/**
 * The credit module's background work: re-evaluating a customer's automatic holds when its figures
 * change (payments, invoices, disputes, the customer's credit limit), telling the sales owner when a
 * hold is placed, and the daily sweep. Every handler is idempotent (delivery is at least once).
 */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { dailyAt, type ScheduleDefinition } from '../../platform/jobs/schedules.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { findCustomerIn } from '../customers/index.js';
import { getUser } from '../users/index.js';
import { reevaluate, reevaluateAll } from './evaluate.js';
import { CAUSE_LABELS, type HoldCause } from './rules.js';
import * as store from './store.js';

/** Events after which a customer's balance, overdue amount or limit may have changed. */
export const REEVALUATE_ON = [
  'payment.applied',
  'invoice.paid',
  'payment.reversed',
  'refund.recorded',
  'invoice.issued',
  'invoice.reopened',
  'invoice.voided',
  'customer.updated',
  'dispute.opened',
  'dispute.closed',
] as const;

const SWEEP_JOB = 'credit.sweep';

async function onFiguresChanged(event: DomainEvent, ctx: AppContext): Promise<void> {
  const customerId = (event.payload as { customerId?: unknown } | null)?.customerId;
  if (typeof customerId === 'string') await reevaluate(ctx, customerId);
}

async function notifyOwner(event: DomainEvent, ctx: AppContext): Promise<void> {
  const { holdId, customerId, cause, reason } = event.payload as {
    holdId: string;
    customerId: string;
    cause: HoldCause;
    reason: string;
  };
  await transaction(ctx, systemActor('credit'), async (tx) => {
    if (!(await store.markOwnerNotified(tx.db, holdId, tx.now))) return;
    const customer = await findCustomerIn(tx.db, customerId);
    if (!customer?.ownerId) return;
    let email: string;
    try {
      const owner = await getUser({ ...ctx, db: tx.db }, customer.ownerId);
      if (owner.status !== 'active') return;
      email = owner.email;
    } catch {
      return; // the owner id names no user any more: nobody to tell
    }
    const link = `${ctx.config.BASE_URL.replace(/\/$/, '')}/customers/${customerId}`;
    await queueMail(tx, {
      to: [email],
      subject: `Credit hold: ${customer.code} ${customer.legalName}`,
      text: [
        `${customer.code} ${customer.legalName} has been put on credit hold.`,
        '',
        `Cause: ${CAUSE_LABELS[cause] ?? cause}`,
        `Reason: ${reason}`,
        '',
        'Orders of this customer cannot be shipped until the hold is released (or an authorised user overrides it).',
        link,
      ].join('\n'),
      related: { type: 'customer', id: customerId },
    });
  });
}

export function registerCredit(ctx: AppContext): void {
  ctx.events.subscribe({ name: 'credit.reevaluate', eventTypes: REEVALUATE_ON, handle: onFiguresChanged });
  ctx.events.subscribe({
    name: 'credit.notify-owner',
    eventTypes: ['credit_hold.placed'],
    handle: notifyOwner,
  });
  ctx.jobs.register({
    name: SWEEP_JOB,
    maxAttempts: 3,
    handler: async ({ ctx: jobCtx }) => {
      const result = await reevaluateAll(jobCtx);
      jobCtx.logger.info(result, 'credit holds re-evaluated');
    },
  });
}

export const creditSchedules = (ctx: AppContext): ScheduleDefinition[] => [
  { name: 'credit.sweep', cron: dailyAt(ctx.config.MAINTENANCE_TIME), jobName: SWEEP_JOB },
];
