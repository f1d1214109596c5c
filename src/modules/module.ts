/** What a business module hands to the application: its routes, background work and demo data. */
import type { Actor } from '../platform/auth/actor.js';
import type { AppContext } from '../platform/context.js';
import type { RoutePlugin } from '../platform/http/server.js';
import type { ScheduleDefinition } from '../platform/jobs/schedules.js';

export type Progress = (message: string) => void;

export interface DuelyModule {
  readonly name: string;
  routes?(ctx: AppContext): RoutePlugin;
  /** Registers job handlers and event subscribers on the context. Called once per process, before anything runs. */
  register?(ctx: AppContext): void;
  schedules?(ctx: AppContext): ScheduleDefinition[];
  /** Adds placeholder data for `duely seed --demo`; must be safe to run twice. */
  seedDemo?(ctx: AppContext, actor: Actor, progress: Progress): Promise<void>;
}
