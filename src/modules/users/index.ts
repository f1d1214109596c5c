/** The users module's public surface: people, roles, sessions and API tokens. */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dailyAt } from '../../platform/jobs/schedules.js';
import type { DuelyModule } from '../module.js';
import { seedDemoUsers } from './demo.js';
import { usersRoutes } from './routes.js';
import { purgeEndedSessions } from './store.js';

export { ensureAdministrator } from './bootstrap-admin.js';
export { usersPermissions } from './permissions.js';
export type { Token, User } from './schemas.js';
export { createAuthenticator, signIn } from './sessions.js';
export { findUserByEmail } from './store.js';
export { createToken, revokeToken } from './tokens.js';
export {
  createUser,
  disableUser,
  enableUser,
  getUser,
  listUsers,
  setPassword,
  updateUser,
} from './users-service.js';

const PURGE_SESSIONS_JOB = 'users.purge-sessions';
const KEEP_ENDED_SESSIONS_DAYS = 30;

export const usersModule: DuelyModule = {
  name: 'users',
  routes: (ctx) => usersRoutes(ctx),
  register(ctx: AppContext) {
    ctx.jobs.register({
      name: PURGE_SESSIONS_JOB,
      maxAttempts: 3,
      handler: async ({ ctx: jobCtx }) => {
        const before = new Date(
          jobCtx.clock.now().getTime() - KEEP_ENDED_SESSIONS_DAYS * 86_400_000,
        ).toISOString();
        const purged = await purgeEndedSessions(jobCtx.db, before);
        jobCtx.logger.info({ purged }, 'purged old sessions');
      },
    });
  },
  schedules: (ctx) => [
    { name: 'users.purge-sessions', cron: dailyAt(ctx.config.MAINTENANCE_TIME), jobName: PURGE_SESSIONS_JOB },
  ],
  seedDemo: (ctx, actor, progress) => seedDemoUsers(ctx, actor, progress),
};

export const usersSystemActor = systemActor('users');
