/**
 * Every start makes sure someone can administer Duely: with no active administrator, it creates one
 * (ADMIN_EMAIL, with ADMIN_PASSWORD or a generated password printed once).
 */
import { systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { StartupError } from '../../platform/errors.js';
import { activeAdminIds, findUserByEmail } from './store.js';
import { createUser } from './users-service.js';

export interface CreatedAdministrator {
  email: string;
  /** Set when the password was generated: print it once, it is stored only as a hash. */
  generatedPassword?: string;
}

export async function ensureAdministrator(ctx: AppContext): Promise<CreatedAdministrator | null> {
  if ((await activeAdminIds(ctx.db)).length > 0) return null;
  const email = ctx.config.ADMIN_EMAIL;
  if (await findUserByEmail(ctx.db, email)) {
    throw new StartupError(
      `There is no active administrator, and ${email} (ADMIN_EMAIL) already exists without that role. ` +
        'Set ADMIN_EMAIL to a new address, or run "duely user add --roles admin …" (or "duely user enable <email>").',
    );
  }
  const { user, initialPassword } = await createUser(ctx, systemActor('first start'), {
    email,
    name: 'Administrator',
    roles: ['admin'],
    ...(ctx.config.ADMIN_PASSWORD ? { password: ctx.config.ADMIN_PASSWORD } : {}),
  });
  return initialPassword ? { email: user.email, generatedPassword: initialPassword } : { email: user.email };
}
