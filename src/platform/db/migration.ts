import type { AnyDb, Dialect } from './database.js';

/** One step of the schema. Migrations are forward-only and run unchanged on SQLite and PostgreSQL. */
export interface Migration {
  /** Sortable, unique and never renamed: `0001_platform`. */
  readonly name: string;
  up(db: AnyDb, dialect: Dialect): Promise<void>;
}

/** Column types that differ by dialect; everything else uses the common names (text, integer, bigint). */
export const columnTypes = (dialect: Dialect) => ({
  binary: dialect === 'postgres' ? ('bytea' as const) : ('blob' as const),
});
