/**
 * The credit module's public surface: credit holds (placed by a follow-up policy step, by the credit
 * limit, by an overdue balance above a threshold, or by hand), their release, and the shipping check.
 */
import type { DuelyModule } from '../module.js';
import { creditRoutes } from './routes.js';
import { creditSchedules, registerCredit } from './subscribers.js';

export { blockedOrderTaskKey, openBlockedOrderTask } from './blocked.js';
export { reevaluate, reevaluateAll, reevaluateCustomer } from './evaluate.js';
export type { Hold, PlaceHoldInput, ReleaseHoldFilter } from './holds.js';
export {
  activeHoldsOf,
  assertShippingAllowed,
  holdsOfCustomer,
  mayOverride,
  placeHold,
  releaseHold,
  ShippingBlockedError,
} from './holds.js';
export { creditPermissions, OVERRIDE_ROLES } from './permissions.js';
export { AUTOMATIC_CAUSES, CAUSE_LABELS, HOLD_CAUSES, type HoldCause } from './rules.js';

export const creditModule: DuelyModule = {
  name: 'credit',
  routes: (ctx) => creditRoutes(ctx),
  register: (ctx) => registerCredit(ctx),
  schedules: (ctx) => creditSchedules(ctx),
};
