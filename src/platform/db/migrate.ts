/**
 * The migration runner. Each migration runs in its own transaction together with the insert of its
 * name into `schema_migrations`; a second process migrating at the same time blocks on that row and then
 * skips it — no advisory locks, so distributed PostgreSQL engines work too.
 */
import { sql } from 'kysely';
import { StartupError } from '../errors.js';
import type { Database } from './database.js';
import type { Migration } from './migration.js';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

async function ensureTable(database: Database): Promise<void> {
  await database.db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute()
    // PostgreSQL: a concurrent runner created it first (the race of CREATE TABLE IF NOT EXISTS on pg_type).
    .catch((error: { code?: string }) => {
      if (database.dialect !== 'postgres' || (error.code !== '23505' && error.code !== '42P07')) throw error;
    });
}

async function appliedNames(database: Database): Promise<string[]> {
  const rows = await database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}

function checkOrder(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i - 1]!.name >= migrations[i]!.name) {
      throw new Error(`Migrations out of order: ${migrations[i - 1]!.name} before ${migrations[i]!.name}`);
    }
  }
}

export async function migrationStatus(
  database: Database,
  migrations: readonly Migration[],
): Promise<MigrationStatus> {
  await ensureTable(database);
  const applied = await appliedNames(database);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StartupError(
      `The database at ${database.displayUrl} has a newer schema than this version of Duely: ` +
        `it has migration(s) ${unknown.join(', ')} which this version does not know. ` +
        'Run the newer Duely version, or restore a backup taken with this one. Nothing was changed.',
    );
  }
  const done = new Set(applied);
  return { applied, pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name) };
}

/** Applies every pending migration in order. Returns the names it applied. */
export async function migrate(
  database: Database,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): Promise<string[]> {
  checkOrder(migrations);
  const { pending } = await migrationStatus(database, migrations);
  const ran: string[] = [];
  for (const migration of migrations.filter((m) => pending.includes(m.name))) {
    const applied = await applyOne(database, migration, now);
    if (applied) ran.push(migration.name);
  }
  return ran;
}

async function applyOne(database: Database, migration: Migration, now: () => Date): Promise<boolean> {
  const { db, dialect } = database;
  if (dialect === 'sqlite') {
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const exists = await conn
          .selectFrom('schema_migrations')
          .select('name')
          .where('name', '=', migration.name)
          .executeTakeFirst();
        if (exists) {
          await sql`rollback`.execute(conn);
          return false;
        }
        await conn
          .insertInto('schema_migrations')
          .values({ name: migration.name, applied_at: now().toISOString() })
          .execute();
        await migration.up(conn, dialect);
        await sql`commit`.execute(conn);
        return true;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw wrap(migration, error);
      }
    });
  }
  try {
    await db.transaction().execute(async (trx) => {
      // Claims the migration first: a concurrent runner blocks here, then fails on the key and skips.
      await trx
        .insertInto('schema_migrations')
        .values({ name: migration.name, applied_at: now().toISOString() })
        .execute();
      await migration.up(trx, dialect);
    });
    return true;
  } catch (error) {
    // Only a concurrent runner's claim on this name means "skip"; any other unique violation is a failure.
    const { code, table } = error as { code?: string; table?: string };
    if (code === '23505' && table === 'schema_migrations') return false;
    throw wrap(migration, error);
  }
}

function wrap(migration: Migration, error: unknown): Error {
  return new StartupError(
    `Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`,
  );
}
