/** How dispatch delays plug into the shipping module: event subscribers, the daily job and its schedule. */
import type { AppContext } from '../../../platform/context.js';
import type { ScheduleDefinition } from '../../../platform/jobs/schedules.js';
import { evaluateAllDelays, evaluateDelay } from './service.js';

export const DELAYS_DAILY_JOB = 'shipping.delays.daily';
export const DELAYS_SHIPMENT_SUBSCRIBER = 'shipping.delays.on-shipment';
export const DELAYS_ORDER_SUBSCRIBER = 'shipping.delays.on-order';

/** For the shipping module's `register`. Each subscriber only re-evaluates, so a repeated event is harmless. */
export function registerDelays(ctx: AppContext): void {
  ctx.events.subscribe({
    name: DELAYS_SHIPMENT_SUBSCRIBER,
    eventTypes: ['shipment.status_changed', 'tracking.updated'],
    handle: async (event, jobCtx) => {
      const payload = (event.payload ?? {}) as { shipmentId?: string; orderId?: string };
      const shipmentId =
        payload.shipmentId ?? (event.aggregateType === 'shipment' ? event.aggregateId : null);
      if (shipmentId) await evaluateDelay(jobCtx, 'shipment', shipmentId);
      // A shipment leaving or entering "shipped" changes its order's open state too.
      if (payload.orderId && event.type === 'shipment.status_changed')
        await evaluateDelay(jobCtx, 'order', payload.orderId);
    },
  });
  ctx.events.subscribe({
    name: DELAYS_ORDER_SUBSCRIBER,
    eventTypes: ['order.confirmed', 'order.updated', 'order.cancelled', 'order.shipped'],
    handle: async (event, jobCtx) => {
      const payload = (event.payload ?? {}) as { orderId?: string };
      const orderId = payload.orderId ?? (event.aggregateType === 'order' ? event.aggregateId : null);
      if (orderId) await evaluateDelay(jobCtx, 'order', orderId);
    },
  });
  ctx.jobs.register({
    name: DELAYS_DAILY_JOB,
    maxAttempts: 5,
    handler: async ({ ctx: jobCtx }) => {
      const result = await evaluateAllDelays(jobCtx);
      jobCtx.logger.info(result, 'dispatch delays evaluated');
    },
  });
}

/** For the shipping module's `schedules`: shortly after the company's midnight, when dates roll over. */
export function delaySchedules(_ctx: AppContext): ScheduleDefinition[] {
  return [{ name: 'shipping.delays.daily', cron: '15 0 * * *', jobName: DELAYS_DAILY_JOB }];
}
