/** The first start creates the administrator, so a fresh install can be signed into at once. */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { countUsers } from './store.js';
import { createUser } from './users-service.js';

export interface CreatedAdministrator {
  email: string;
  /** Set when the password was generated: print it once, it is stored only as a hash. */
  generatedPassword?: string;
}

export async function ensureAdministrator(ctx: AppContext): Promise<CreatedAdministrator | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const { user, initialPassword } = await createUser(ctx, systemActor('first start'), {
    email: ctx.config.ADMIN_EMAIL,
    name: 'Administrator',
    roles: ['admin'],
    ...(ctx.config.ADMIN_PASSWORD ? { password: ctx.config.ADMIN_PASSWORD } : {}),
  });
  return initialPassword ? { email: user.email, generatedPassword: initialPassword } : { email: user.email };
}
