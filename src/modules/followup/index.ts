/**
 * The follow-up module's public surface: policies of reminder steps, one follow-up item per open
 * invoice, the daily run (idempotent, catching up, time-zone correct) and the pauses other modules
 * start and end inside their own transaction (`tx`).
 */
import type { DuelyModule } from '../module.js';
import { followupSchedule, registerFollowupWork } from './jobs.js';
import { setPauseTimeZone } from './pauses.js';
import { registerTouches, touchRoutes, touchSchedules } from './promises-module.js';
import { followupRoutes } from './routes.js';

export { syncOpenInvoices } from './items.js';
export { FOLLOWUP_RUN_JOB } from './jobs.js';
export type { Pause, PauseKind, StartPauseInput } from './pauses.js';
export { activePausesOf, endPause, isActivePause, listPauses, PAUSE_KINDS, startPause } from './pauses.js';
export { followupPermissions } from './permissions.js';
export {
  createPolicy,
  getCustomerSettings,
  getPolicy,
  listPolicies,
  setCustomerSettings,
  updatePolicy,
} from './policies.js';
export type { FollowupRunResult, RunOptions } from './run.js';
export { companyToday, runFollowup, selectDueItems } from './run.js';
export type { Policy, PolicyInput } from './schemas.js';
export type { FollowupAction, FollowupActionKind, FollowupState } from './state.js';
export { followupStateOf, listFollowupActions } from './state.js';

export const followupModule: DuelyModule = {
  name: 'followup',
  register: (ctx) => {
    setPauseTimeZone(ctx.config.TIMEZONE);
    registerFollowupWork(ctx);
    registerTouches(ctx);
  },
  // Promises to pay, snoozes, the contact log and the customer timeline (promises-module.ts).
  routes: (ctx) => async (app) => {
    await followupRoutes(ctx)(app);
    await touchRoutes(ctx)(app);
  },
  schedules: (ctx) => [followupSchedule(ctx), ...touchSchedules()],
};
