/** Demo people, one per role, so each department's view can be tried out. */
import type { Actor } from '../../platform/auth/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import type { Progress } from '../module.js';
import { findUserByEmail } from './store.js';
import { createUser } from './users-service.js';

export const DEMO_PASSWORD = 'demo-password-2026';

const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: 'fiona.finance@example.com', name: 'Fiona Finance', roles: ['finance'] },
  { email: 'sam.sales@example.com', name: 'Sam Sales', roles: ['sales'] },
  { email: 'lars.logistics@example.com', name: 'Lars Logistics', roles: ['logistics'] },
  { email: 'sue.support@example.com', name: 'Sue Support', roles: ['support'] },
  { email: 'ada.auditor@example.com', name: 'Ada Auditor', roles: ['auditor'] },
  { email: 'max.manager@example.com', name: 'Max Manager', roles: ['finance', 'sales', 'logistics'] },
];

export async function seedDemoUsers(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  let created = 0;
  for (const [index, user] of DEMO_USERS.entries()) {
    if (!(await findUserByEmail(ctx.db, user.email))) {
      await createUser(ctx, actor, { ...user, password: DEMO_PASSWORD });
      created++;
    }
    progress(`users: ${index + 1}/${DEMO_USERS.length}`);
  }
  progress(`users: ${created} demo user(s) created, password "${DEMO_PASSWORD}"`);
}
