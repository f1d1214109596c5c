/** Managing users: create, change, disable and enable them, each change audited in its transaction. */
import type { Actor } from '../../platform/auth/actor.js';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import type { Role } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { wouldRemoveLastAdmin } from './rules.js';
import { type CreateUserInput, toUser, type UpdateUserInput, type User } from './schemas.js';
import * as store from './store.js';

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: User; initialPassword?: string }> {
  const email = input.email.toLowerCase();
  const generated = input.password ? undefined : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated!);
  const user = await transaction(ctx, actor, async (tx) => {
    if (await store.findUserByEmail(tx.db, email)) {
      throw conflict(`A user with the email ${email} already exists.`, [
        { path: 'email', message: 'is already in use' },
      ]);
    }
    const id = newId('user');
    await store.insertUser(
      tx.db,
      {
        id,
        email,
        name: input.name,
        status: 'active',
        password_hash: passwordHash,
        failed_signins: 0,
        locked_until: null,
        last_signin_at: null,
        created_at: tx.now,
        updated_at: tx.now,
      },
      input.roles,
    );
    const created = toUser((await store.findUserById(tx.db, id))!);
    tx.audit({ action: 'user.created', entityType: 'user', entityId: id, after: created });
    await tx.emit({
      type: 'user.created',
      aggregateType: 'user',
      aggregateId: id,
      payload: { userId: id, roles: input.roles },
    });
    return created;
  });
  return generated ? { user, initialPassword: generated } : { user };
}

export async function getUser(ctx: AppContext, id: string): Promise<User> {
  const row = await store.findUserById(ctx.db, id);
  if (!row) throw notFound('user', id);
  return toUser(row);
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
): Promise<User> {
  return transaction(ctx, actor, async (tx) => {
    const existing = await store.findUserById(tx.db, id);
    if (!existing) throw notFound('user', id);
    const before = toUser(existing);
    if (input.roles) {
      const admins = await store.activeAdminIds(tx.db);
      if (wouldRemoveLastAdmin(admins, id, input.roles.includes('admin'))) {
        throw conflict('This is the last active administrator; give another user the admin role first.', [
          { path: 'roles', message: 'must keep admin for the last administrator' },
        ]);
      }
      await store.replaceRoles(tx.db, id, input.roles);
    }
    await store.updateUser(tx.db, id, { ...(input.name ? { name: input.name } : {}), updated_at: tx.now });
    const after = toUser((await store.findUserById(tx.db, id))!);
    tx.audit({ action: 'user.updated', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

/** Disabling ends every session of the user at once; their API tokens stop working too. */
export async function disableUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  if (actor.userId === id) throw conflict('You cannot disable your own account.');
  return transaction(ctx, actor, async (tx) => {
    const existing = await store.findUserById(tx.db, id);
    if (!existing) throw notFound('user', id);
    if (existing.status === 'disabled') return toUser(existing);
    const admins = await store.activeAdminIds(tx.db);
    if (wouldRemoveLastAdmin(admins, id, false))
      throw conflict('This is the last active administrator and cannot be disabled.');
    await store.updateUser(tx.db, id, { status: 'disabled', updated_at: tx.now });
    const ended = await store.endSessionsOfUser(tx.db, id, tx.now);
    const after = toUser((await store.findUserById(tx.db, id))!);
    tx.audit({
      action: 'user.disabled',
      entityType: 'user',
      entityId: id,
      before: toUser(existing),
      after: { ...after, sessionsEnded: ended },
    });
    await tx.emit({ type: 'user.disabled', aggregateType: 'user', aggregateId: id, payload: { userId: id } });
    return after;
  });
}

export async function enableUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  return transaction(ctx, actor, async (tx) => {
    const existing = await store.findUserById(tx.db, id);
    if (!existing) throw notFound('user', id);
    if (existing.status === 'active') return toUser(existing);
    await store.updateUser(tx.db, id, {
      status: 'active',
      failed_signins: 0,
      locked_until: null,
      updated_at: tx.now,
    });
    const after = toUser((await store.findUserById(tx.db, id))!);
    tx.audit({ action: 'user.enabled', entityType: 'user', entityId: id, before: toUser(existing), after });
    return after;
  });
}

export async function listUsers(ctx: AppContext, filter: store.UserFilter) {
  return store.listUsers(ctx.db, filter);
}

/** Sets a user's password (admin reset or first start); ends their other sessions. */
export async function setPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  password: string,
  keepSessionId?: string,
): Promise<void> {
  const hash = await hashPassword(password);
  await transaction(ctx, actor, async (tx) => {
    const existing = await store.findUserById(tx.db, id);
    if (!existing) throw notFound('user', id);
    await store.updateUser(tx.db, id, {
      password_hash: hash,
      failed_signins: 0,
      locked_until: null,
      updated_at: tx.now,
    });
    await store.endSessionsOfUserExcept(tx.db, id, keepSessionId ?? null, tx.now);
    tx.audit({ action: 'user.password_changed', entityType: 'user', entityId: id });
  });
}

export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  sessionId: string | undefined,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  if (!actor.userId)
    throw new AppError(
      403,
      'forbidden',
      'Permission denied',
      'Only a signed-in user can change their password.',
    );
  const user = await store.findUserById(ctx.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw validationError('The current password is not correct.', [
      { path: 'currentPassword', message: 'is not correct' },
    ]);
  }
  if (currentPassword === newPassword) {
    throw validationError('The new password must differ from the current one.', [
      { path: 'newPassword', message: 'is the same as the current password' },
    ]);
  }
  await setPassword(ctx, actor, actor.userId, newPassword, sessionId);
}

export type { Role };
