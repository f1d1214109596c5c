/** The users module's queries. Only this module touches users, user_roles, sessions and api_tokens. */
import { type Kysely, sql } from 'kysely';
import type { Role } from '../../platform/auth/roles.js';
import { type AnyDb, joinedText, tables } from '../../platform/db/database.js';
import { preparedQuery } from '../../platform/db/prepared.js';
import type { UsersTables } from './tables.js';

export type UserRow = UsersTables['users'];
export type TokenRow = UsersTables['api_tokens'];

export interface UserWithRoles extends UserRow {
  roles: Role[];
}

const q = (db: AnyDb): Kysely<UsersTables> => tables<UsersTables>(db);

export async function rolesOf(db: AnyDb, userIds: readonly string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await q(db)
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('role')
    .execute();
  for (const row of rows) map.get(row.user_id)?.push(row.role as Role);
  return map;
}

async function withRoles(db: AnyDb, rows: UserRow[]): Promise<UserWithRoles[]> {
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, roles: roles.get(row.id) ?? [] }));
}

/** The user's roles as one comma-joined column, so a user and its roles take one query. */
const rolesColumn = (db: AnyDb) =>
  sql<
    string | null
  >`(select ${joinedText(db, 'user_roles.role')} from user_roles where user_roles.user_id = users.id)`.as(
    'role_list',
  );

const splitRoles = (list: string | null): Role[] => (list ? (list.split(',').sort() as Role[]) : []);

const userWithRoles = (db: AnyDb, column: 'id' | 'email', value: string) =>
  q(db).selectFrom('users').selectAll('users').select(rolesColumn(db)).where(column, '=', value);
const userById = preparedQuery((db, id: string) => userWithRoles(db, 'id', id));
const userByEmail = preparedQuery((db, email: string) => userWithRoles(db, 'email', email));

function withSplitRoles(
  row: (UserRow & { role_list: string | null }) | undefined,
): UserWithRoles | undefined {
  if (!row) return undefined;
  const { role_list, ...user } = row;
  return { ...user, roles: splitRoles(role_list) };
}

export const findUserById = async (db: AnyDb, id: string) => withSplitRoles((await userById(db, id))[0]);

export const findUserByEmail = async (db: AnyDb, email: string) =>
  withSplitRoles((await userByEmail(db, email.toLowerCase()))[0]);

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  afterId?: string | undefined;
  limit: number;
}

/** Users ordered by id (creation order), `limit + 1` rows so the caller can tell whether more follow. */
export async function listUsers(db: AnyDb, filter: UserFilter): Promise<UserWithRoles[]> {
  let query = q(db).selectFrom('users').selectAll('users');
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where(
      sql<boolean>`(users.email like ${like} escape '\\' or lower(users.name) like ${like} escape '\\')`,
    );
  }
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    );
  }
  if (filter.status) query = query.where('users.status', '=', filter.status);
  if (filter.afterId) query = query.where('users.id', '>', filter.afterId);
  const rows = await query
    .orderBy('users.id')
    .limit(filter.limit + 1)
    .execute();
  return withRoles(db, rows);
}

export async function activeAdminIds(db: AnyDb): Promise<string[]> {
  const rows = await q(db)
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', 'admin')
    .where('users.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

export async function countUsers(db: AnyDb): Promise<number> {
  const row = await q(db)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: AnyDb, user: UserRow, roles: readonly Role[]): Promise<void> {
  await q(db).insertInto('users').values(user).execute();
  await replaceRoles(db, user.id, roles);
}

export async function replaceRoles(db: AnyDb, userId: string, roles: readonly Role[]): Promise<void> {
  await q(db).deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await q(db)
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function updateUser(db: AnyDb, id: string, changes: Partial<UserRow>): Promise<void> {
  await q(db).updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function endSessionsOfUser(db: AnyDb, userId: string, now: string): Promise<number> {
  const result = await q(db)
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertSession(db: AnyDb, session: UsersTables['sessions']): Promise<void> {
  await q(db).insertInto('sessions').values(session).execute();
}

export async function endSession(db: AnyDb, tokenHash: string, now: string): Promise<void> {
  await q(db)
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .execute();
}

export { splitRoles };

/** The session and its user in one prepared query: the hot path of every cookie-authenticated request. */
const sessionWithUser = preparedQuery((db, tokenHash: string) =>
  q(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.ended_at',
      'users.id as user_id',
      'users.email',
      'users.status',
      rolesColumn(db),
    ])
    .where('sessions.token_hash', '=', tokenHash),
);

export async function findSessionWithUser(db: AnyDb, tokenHash: string) {
  return (await sessionWithUser(db, tokenHash))[0];
}

export async function touchSession(db: AnyDb, tokenHash: string, now: string): Promise<void> {
  await q(db)
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function purgeEndedSessions(db: AnyDb, before: string): Promise<number> {
  const result = await q(db)
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('ended_at', '<', before), eb('expires_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertToken(db: AnyDb, token: TokenRow): Promise<void> {
  await q(db).insertInto('api_tokens').values(token).execute();
}

export async function findTokenById(db: AnyDb, id: string): Promise<TokenRow | undefined> {
  return q(db).selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The token and its creator in one prepared query: the hot path of every API-token request. */
const tokenWithOwner = preparedQuery((db, secretHash: string) =>
  q(db)
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.roles',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as owner_id',
      'users.status as owner_status',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('user_roles')
              .select('user_roles.user_id')
              .whereRef('user_roles.user_id', '=', 'users.id')
              .where('user_roles.role', '=', 'admin'),
          )
          .as('owner_is_admin'),
    ])
    .where('api_tokens.secret_hash', '=', secretHash),
);

export async function findTokenWithOwner(db: AnyDb, secretHash: string) {
  return (await tokenWithOwner(db, secretHash))[0];
}

export async function listTokens(db: AnyDb, afterId: string | undefined, limit: number): Promise<TokenRow[]> {
  let query = q(db).selectFrom('api_tokens').selectAll();
  if (afterId) query = query.where('id', '<', afterId);
  return query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function updateToken(db: AnyDb, id: string, changes: Partial<TokenRow>): Promise<void> {
  await q(db).updateTable('api_tokens').set(changes).where('id', '=', id).execute();
}

export async function endSessionsOfUserExcept(
  db: AnyDb,
  userId: string,
  keepSessionId: string | null,
  now: string,
): Promise<void> {
  let query = q(db)
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
