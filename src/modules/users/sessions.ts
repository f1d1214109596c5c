/**
 * Sign-in, sign-out and the authenticator the HTTP layer asks "who is this?". A session cookie
 * holds a random token; the database keeps only its SHA-256, with idle and absolute timeouts.
 */
import type { Actor } from '../../platform/auth/actor.js';
import { anonymousActor } from '../../platform/auth/actor.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.js';
import type { Role } from '../../platform/auth/roles.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { AppError, tooManyRequests } from '../../platform/errors.js';
import type { Authenticator, Principal, RequestMeta } from '../../platform/http/principal.js';
import { newId } from '../../platform/ids.js';
import { afterFailedSignIn, isLocked, sessionIsLive, shouldTouchSession } from './rules.js';
import { toUser, type User } from './schemas.js';
import * as store from './store.js';
import { authenticateToken } from './tokens.js';

export interface SignedIn {
  user: User;
  csrfToken: string;
  /** The cookie value; shown to nobody but the browser. */
  sessionToken: string;
  expiresAt: string;
}

const badCredentials = () =>
  new AppError(401, 'bad-credentials', 'Sign-in failed', 'The email or password is not correct.');

export async function signIn(
  ctx: AppContext,
  email: string,
  password: string,
  meta: RequestMeta,
  previousSessionToken?: string,
): Promise<SignedIn> {
  const actorFor = (label: string, id: string | null = null): Actor => ({
    ...anonymousActor(meta.requestId, meta.ip),
    label,
    id,
    userId: id,
  });
  const user = await store.findUserByEmail(ctx.db, email.trim());
  if (!user?.password_hash) {
    await burnPasswordCheck(password);
    await transaction(ctx, actorFor(email), async (tx) => {
      tx.audit({
        action: 'auth.signin_failed',
        entityType: 'user',
        after: { email, reason: 'unknown email' },
      });
    });
    throw badCredentials();
  }
  const now = ctx.clock.now();
  if (isLocked(user.locked_until, now)) {
    await transaction(ctx, actorFor(user.email, user.id), async (tx) => {
      tx.audit({
        action: 'auth.signin_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'account locked' },
      });
    });
    const seconds = (Date.parse(user.locked_until!) - now.getTime()) / 1000;
    throw tooManyRequests(
      `Too many failed sign-ins: this account is locked until ${user.locked_until} (UTC).`,
      seconds,
    );
  }
  const valid = await verifyPassword(user.password_hash, password);
  if (!valid) {
    const next = afterFailedSignIn(user.failed_signins, now, {
      maxFailures: ctx.config.SIGNIN_MAX_FAILURES,
      lockMinutes: ctx.config.SIGNIN_LOCK_MINUTES,
    });
    await transaction(ctx, actorFor(user.email, user.id), async (tx) => {
      await store.updateUser(tx.db, user.id, {
        failed_signins: next.failures,
        locked_until: next.lockedUntil,
      });
      tx.audit({
        action: 'auth.signin_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'wrong password' },
      });
      if (next.lockedUntil) {
        tx.audit({
          action: 'auth.account_locked',
          entityType: 'user',
          entityId: user.id,
          after: { lockedUntil: next.lockedUntil },
        });
      }
    });
    throw badCredentials();
  }
  if (user.status !== 'active') {
    await transaction(ctx, actorFor(user.email, user.id), async (tx) => {
      tx.audit({
        action: 'auth.signin_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'account disabled' },
      });
    });
    throw new AppError(
      403,
      'account-disabled',
      'Account disabled',
      'This account is disabled; ask an administrator.',
    );
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ctx.config.SESSION_MAX_HOURS * 3_600_000).toISOString();
  const actor: Actor = {
    type: 'user',
    id: user.id,
    label: user.email,
    roles: user.roles,
    userId: user.id,
    requestId: meta.requestId,
    ip: meta.ip,
  };
  await transaction(ctx, actor, async (tx) => {
    // A new session id at every sign-in (no fixation); the one the browser had is ended.
    if (previousSessionToken) await store.endSession(tx.db, sha256(previousSessionToken), tx.now);
    const sessionId = newId('session');
    await store.insertSession(tx.db, {
      token_hash: sha256(sessionToken),
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: tx.now,
      last_seen_at: tx.now,
      expires_at: expiresAt,
      ended_at: null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    });
    await store.updateUser(tx.db, user.id, { failed_signins: 0, locked_until: null, last_signin_at: tx.now });
    tx.audit({ action: 'auth.signed_in', entityType: 'user', entityId: user.id, after: { sessionId } });
  });
  const fresh = (await store.findUserById(ctx.db, user.id))!;
  return { user: toUser(fresh), csrfToken, sessionToken, expiresAt };
}

export async function signOut(ctx: AppContext, actor: Actor, sessionToken: string): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    await store.endSession(tx.db, sha256(sessionToken), tx.now);
    tx.audit({ action: 'auth.signed_out', entityType: 'user', entityId: actor.userId });
  });
}

async function authenticateSession(ctx: AppContext, cookieValue: string): Promise<Principal | null> {
  const tokenHash = sha256(cookieValue);
  const row = await store.findSessionWithUser(ctx.db, tokenHash);
  if (row?.status !== 'active') return null;
  const now = ctx.clock.now();
  const live = sessionIsLive(
    { lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, endedAt: row.ended_at },
    now,
    ctx.config.SESSION_IDLE_MINUTES,
  );
  if (!live) return null;
  if (shouldTouchSession(row.last_seen_at, now))
    await store.touchSession(ctx.db, tokenHash, now.toISOString());
  const roles = store.splitRoles(row.role_list);
  return {
    via: 'session',
    csrfToken: row.csrf_token,
    sessionId: row.session_id,
    actor: { type: 'user', id: row.user_id, label: row.email, roles: roles as Role[], userId: row.user_id },
  };
}

export function createAuthenticator(ctx: AppContext): Authenticator {
  return {
    fromSession: (cookieValue) => authenticateSession(ctx, cookieValue),
    fromToken: (bearer) => authenticateToken(ctx, bearer),
  };
}
