/**
 * The follow-up module's public surface: policies of reminder steps, one follow-up item per open
 * invoice, the daily run (idempotent, catching up, time-zone correct) and the pauses other modules
 * start and end inside their own transaction (`tx`).
 */
import type { DuelyModule } from '../module.js';
import { setPauseTimeZone } from './pauses.js';
import { registerTouches, touchRoutes, touchSchedules } from './promises-module.js';

export type { Pause, PauseKind, StartPauseInput } from './pauses.js';
export { activePausesOf, endPause, isActivePause, listPauses, PAUSE_KINDS, startPause } from './pauses.js';
export type { FollowupAction, FollowupActionKind, FollowupState } from './state.js';
export { followupStateOf, listFollowupActions } from './state.js';

export const followupModule: DuelyModule = {
  name: 'followup',
  register: (ctx) => {
    setPauseTimeZone(ctx.config.TIMEZONE);
    registerTouches(ctx);
  },
  // Promises to pay, snoozes, the contact log and the customer timeline (promises-module.ts).
  routes: (ctx) => touchRoutes(ctx),
  schedules: () => touchSchedules(),
};
