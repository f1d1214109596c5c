/**
 * Opens the database named by DATABASE_URL: embedded SQLite (better-sqlite3, WAL) or PostgreSQL (pg pool).
 * Everything above this file talks Kysely and does not care which one it got.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { StartupError } from '../errors.js';

export type Dialect = 'sqlite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: the full schema is the union of every module's tables; each module narrows it with `tables<T>()`.
export type AnyDb = Kysely<any>;

export interface Database {
  readonly db: AnyDb;
  readonly dialect: Dialect;
  /** The URL without its password, for logs and messages. */
  readonly displayUrl: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  poolSize?: number;
  busyTimeoutMs?: number;
}

/** Narrows the untyped handle to the tables a module owns. */
export function tables<T>(db: AnyDb): Kysely<T> {
  return db as Kysely<T>;
}

/** Which dialect a handle talks to, for the rare query that must differ (e.g. string aggregation). */
export function dialectOf(db: AnyDb): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** `string_agg` / `group_concat`: the values of a column joined with commas, in one row. */
export function joinedText(db: AnyDb, column: string) {
  const ref = sql.ref(column);
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`string_agg(${ref}, ',' order by ${ref})`
    : sql<string | null>`group_concat(${ref}, ',')`;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new StartupError(`DATABASE_URL "${redactUrl(url)}" is neither sqlite:<path> nor postgres://…`);
}

function openSqlite(path: string, options: OpenOptions): Database {
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(path);
  let handle: SqliteDatabase.Database;
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
    handle = new SqliteDatabase(file, { timeout: options.busyTimeoutMs ?? 5000 });
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    // Checkpoint the WAL every ~40 MB instead of SQLite's default ~4 MB: each checkpoint fsyncs and runs
    // inside the committing writer, and a page rewritten by many transactions is copied once per
    // checkpoint. Bulk writers (tracking ingestion) spent most of their commit time checkpointing.
    handle.pragma('wal_autocheckpoint = 10000');
    handle.pragma('foreign_keys = ON');
    handle.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  } catch (error) {
    throw new StartupError(`Cannot open the SQLite database at ${file}: ${(error as Error).message}`);
  }
  const db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(handle) }) });
  return {
    db,
    dialect: 'sqlite',
    displayUrl: `sqlite:${file}`,
    close: () => db.destroy(),
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running a small query. better-sqlite3
 * runs a statement to completion synchronously, so reusing one is safe (Kysely's `stream()`, which would
 * hold a statement open, is not used by Duely). A small LRU keeps the most recent statements.
 */
function withStatementCache(handle: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(handle, {
    get(target, property) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source);
        } else {
          statement = target.prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}

/** int8 (bigint) and numeric columns come back as JS numbers; money is stored in safe-integer minor units. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries report their own errors.
  });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return { db, dialect: 'postgres', displayUrl: redactUrl(url), close: () => db.destroy() };
}
