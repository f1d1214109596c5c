/** How the tracking part plugs into the shipping module: its routes and its event subscriber. */
import { systemActor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { transaction } from '../../../platform/db/transaction.js';
import type { App } from '../../../platform/http/server.js';
import { carriersRoutes } from '../carriers-routes.js';
import { runPendingTrackingEffects, TRACKING_EFFECTS_JOB } from './effects.js';
import { notifyShipped } from './notifications.js';
import { trackingRoutes } from './routes.js';

export const SHIPPED_MAIL_SUBSCRIBER = 'shipping.tracking.shipped-mail';

/** Carriers and tracking routes, for the shipping module's `routes`. */
export function carriersAndTrackingRoutes(ctx: AppContext) {
  return async (app: App) => {
    await carriersRoutes(ctx)(app);
    await trackingRoutes(ctx)(app);
  };
}

/**
 * For the shipping module's `register`: the `tracking.effects` job, and the "shipped" customer mail when a shipment becomes shipped
 * (`shipment.status_changed` with to = shipped), once per shipment however often the event arrives.
 */
export function registerTracking(ctx: AppContext): void {
  // The effects the webhook leaves for after its answer (effects.ts): mails, lifecycle, tracking.updated.
  ctx.jobs.register({
    name: TRACKING_EFFECTS_JOB,
    maxAttempts: 10,
    handler: async ({ ctx: jobCtx }) => {
      await runPendingTrackingEffects(jobCtx);
    },
  });
  ctx.events.subscribe({
    name: SHIPPED_MAIL_SUBSCRIBER,
    eventTypes: ['shipment.status_changed'],
    handle: async (event, jobCtx) => {
      const payload = event.payload as { shipmentId?: string; to?: string };
      if (payload.to !== 'shipped' || !payload.shipmentId) return;
      const shipmentId = payload.shipmentId;
      await transaction(jobCtx, systemActor(SHIPPED_MAIL_SUBSCRIBER), (tx) => notifyShipped(tx, shipmentId));
    },
  });
}
