/**
 * The one way Duely writes CSV: RFC 4180 quoting, and a text cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, which
 * spreadsheets show as text and imports remove again. Amounts are written by Duely itself as plain
 * decimals ("-12.50"); a number is not a formula, so pass those as numbers and they stay numbers.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export const escapeFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

export const unescapeFormula = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** One text cell, escaped and quoted when it holds a comma, quote, line break or edge space. */
export function csvText(raw: string): string {
  const cell = escapeFormula(raw);
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A cell of any plain value: numbers as written, null/undefined empty, everything else as text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return csvText(String(value));
}

/** One record, without its line ending. */
export const csvRecord = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');

/** A whole document, CRLF line endings (RFC 4180). */
export const toCsv = (rows: readonly (readonly unknown[])[]): string =>
  rows.map((row) => `${csvRecord(row)}\r\n`).join('');
