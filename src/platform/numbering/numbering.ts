/**
 * Gapless document numbers per series and year (`INV-2026-000123`, `CRN-2026-000007`).
 *
 * `allocateNumber` must run inside the transaction that issues the document (`tx` from
 * `transaction(ctx, actor, …)`): it creates the series row on first use, then increments it with one
 * guarded `UPDATE … RETURNING`. The update locks the row until the issuing transaction ends, so
 * concurrent issuers take turns (PostgreSQL row lock; SQLite's single writer), and a rolled-back issue
 * gives its number back — the next issuer gets it. Numbers are therefore unique and without gaps.
 */
import { sql } from 'kysely';
import { type AnyDb, tables } from '../db/database.js';

export interface NumberingTables {
  number_series: { series: string; year: number; next_value: number };
}

export interface AllocatedNumber {
  series: string;
  year: number;
  /** 1, 2, 3 … within the series and year. */
  value: number;
  /** The human document number, e.g. `INV-2026-000123`. */
  number: string;
}

export type NumberFormat = (parts: { series: string; year: number; value: number }) => string;

/** `${series}-${year}-${value padded to 6 digits}`; values beyond 999999 simply get longer. */
export const defaultNumberFormat: NumberFormat = ({ series, year, value }) =>
  `${series}-${year}-${String(value).padStart(6, '0')}`;

const SERIES_PATTERN = /^[A-Z][A-Z0-9]{0,15}$/;

function check(series: string, year: number): void {
  if (!SERIES_PATTERN.test(series)) {
    throw new RangeError(
      `Number series "${series}" must be 1–16 capital letters and digits, starting with a letter`,
    );
  }
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new RangeError(`Number series year ${year} must be a four-digit year`);
  }
}

/**
 * Hands out the next number of a series and year. Call it with the issuing transaction's handle
 * (`tx`, or `{ db: tx.db }`), never with `ctx.db`: the number is only taken if that transaction commits.
 */
export async function allocateNumber(
  tx: { readonly db: AnyDb },
  series: string,
  year: number,
  format: NumberFormat = defaultNumberFormat,
): Promise<AllocatedNumber> {
  check(series, year);
  const db = tables<NumberingTables>(tx.db);
  // First use of the series in this year. A concurrent first insert waits for ours and does nothing.
  await db
    .insertInto('number_series')
    .values({ series, year, next_value: 1 })
    .onConflict((oc) => oc.columns(['series', 'year']).doNothing())
    .execute();
  const row = await db
    .updateTable('number_series')
    .set({ next_value: sql<number>`next_value + 1` })
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('next_value')
    .executeTakeFirst();
  if (!row) throw new Error(`Number series ${series}/${year} vanished while allocating`);
  const value = Number(row.next_value) - 1;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`Number series ${series}/${year} returned an invalid value ${row.next_value}`);
  }
  return { series, year, value, number: format({ series, year, value }) };
}

/** The value the next allocation would get (1 for a series not used yet). Informational only: not reserved. */
export async function peekNextValue(db: AnyDb, series: string, year: number): Promise<number> {
  check(series, year);
  const row = await tables<NumberingTables>(db)
    .selectFrom('number_series')
    .select('next_value')
    .where('series', '=', series)
    .where('year', '=', year)
    .executeTakeFirst();
  return row ? Number(row.next_value) : 1;
}
