/**
 * Queries built once and run many times with new values. Kysely's builder allocates a tree of frozen
 * nodes for every query; on the per-request authentication path that cost more than running the query.
 * The query is built with placeholder values, compiled once per dialect, and each call swaps in its values.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import { type AnyDb, type Dialect, dialectOf } from './database.js';

const placeholder = (i: number) => `\u0000duely-prepared-${i}\u0000`;

interface Prepared<Row> {
  compiled: CompiledQuery<Row>;
  /** For each compiled parameter, the index of the call argument it takes, or -1 to keep the compiled value. */
  slots: number[];
}

export function preparedQuery<Args extends string[], Row>(
  build: (db: AnyDb, ...args: Args) => Compilable<Row>,
): (db: AnyDb, ...args: Args) => Promise<Row[]> {
  const byDialect = new Map<Dialect, Prepared<Row>>();
  return async (db, ...args) => {
    const dialect = dialectOf(db);
    let prepared = byDialect.get(dialect);
    if (!prepared) {
      const placeholders = args.map((_, i) => placeholder(i)) as Args;
      const compiled = build(db, ...placeholders).compile();
      const slots = compiled.parameters.map((p) => (typeof p === 'string' ? placeholders.indexOf(p) : -1));
      if (slots.filter((s) => s >= 0).length < args.length) {
        throw new Error('preparedQuery: every argument must appear as a query parameter, unchanged');
      }
      prepared = { compiled, slots };
      byDialect.set(dialect, prepared);
    }
    const { compiled, slots } = prepared;
    const parameters = compiled.parameters.map((value, i) => (slots[i]! >= 0 ? args[slots[i]!] : value));
    const result = await db.executeQuery<Row>({ ...compiled, parameters });
    return result.rows;
  };
}
