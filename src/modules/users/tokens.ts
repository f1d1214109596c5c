/**
 * API tokens for integrations: `duely_<random>`, shown once at creation, stored as a SHA-256,
 * scoped to the roles given, revocable, optionally expiring. A token works only while the
 * administrator who created it is active and still an administrator.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import { randomToken, sha256 } from '../../platform/auth/secrets.js';
import type { AppContext } from '../../platform/context.js';
import { addDays } from '../../platform/dates.js';
import { transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import { newId } from '../../platform/ids.js';
import { type CreateTokenInput, type Token, toToken } from './schemas.js';
import * as store from './store.js';

const TOKEN_PREFIX = 'duely_';

export async function createToken(
  ctx: AppContext,
  actor: Actor,
  input: CreateTokenInput,
): Promise<{ token: Token; secret: string }> {
  if (!actor.userId) throw conflict('API tokens are created by a signed-in administrator.');
  let expiresAt: string | null = null;
  if (input.expiresAt) {
    // Valid through the given date, in UTC.
    expiresAt = new Date(`${addDays(input.expiresAt, 1)}T00:00:00.000Z`).toISOString();
    if (expiresAt <= ctx.clock.now().toISOString()) {
      throw validationError('The expiry date must be in the future.', [
        { path: 'expiresAt', message: 'is in the past' },
      ]);
    }
  }
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const token = await transaction(ctx, actor, async (tx) => {
    const id = newId('token');
    await store.insertToken(tx.db, {
      id,
      name: input.name,
      prefix: `${secret.slice(0, TOKEN_PREFIX.length + 6)}…`,
      secret_hash: sha256(secret),
      roles: JSON.stringify(input.roles),
      created_by: actor.userId!,
      created_at: tx.now,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    const created = toToken((await store.findTokenById(tx.db, id))!);
    tx.audit({ action: 'token.created', entityType: 'token', entityId: id, after: created });
    return created;
  });
  return { token, secret };
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<Token> {
  return transaction(ctx, actor, async (tx) => {
    const existing = await store.findTokenById(tx.db, id);
    if (!existing) throw notFound('API token', id);
    if (existing.revoked_at) return toToken(existing);
    await store.updateToken(tx.db, id, { revoked_at: tx.now });
    const after = toToken((await store.findTokenById(tx.db, id))!);
    tx.audit({
      action: 'token.revoked',
      entityType: 'token',
      entityId: id,
      before: toToken(existing),
      after,
    });
    return after;
  });
}

export async function listTokens(ctx: AppContext, afterId: string | undefined, limit: number) {
  return store.listTokens(ctx.db, afterId, limit);
}

export async function authenticateToken(ctx: AppContext, bearer: string): Promise<Principal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const row = await store.findTokenWithOwner(ctx.db, sha256(bearer));
  if (!row || row.revoked_at || row.owner_status !== 'active' || !row.owner_is_admin) return null;
  const now = ctx.clock.now();
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= 60_000) {
    await store.updateToken(ctx.db, row.id, { last_used_at: now.toISOString() });
  }
  return {
    via: 'token',
    actor: {
      type: 'token',
      id: row.id,
      label: row.name,
      roles: JSON.parse(row.roles) as Role[],
      userId: row.owner_id,
    },
  };
}
