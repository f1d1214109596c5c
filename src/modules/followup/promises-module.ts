/**
 * The follow-up desk's part of the follow-up module (promises to pay, snoozes, the contact log and the
 * customer timeline): its routes, background work and schedule, which the module definition in
 * index.ts includes.
 */
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import type { ScheduleDefinition } from '../../platform/jobs/schedules.js';
import { notesRoutes } from './notes-routes.js';
import { promisesSchedule, registerPromises } from './promises-jobs.js';
import { promisesRoutes } from './promises-routes.js';
import { snoozeRoutes } from './snooze-routes.js';
import { timelineRoutes } from './timeline-routes.js';

export function touchRoutes(ctx: AppContext) {
  return async (app: App) => {
    await promisesRoutes(ctx)(app);
    await snoozeRoutes(ctx)(app);
    await notesRoutes(ctx)(app);
    await timelineRoutes(ctx)(app);
  };
}

export const registerTouches = (ctx: AppContext): void => registerPromises(ctx);

export const touchSchedules = (): ScheduleDefinition[] => [promisesSchedule()];
