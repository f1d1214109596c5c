/** Printing for the command line: aligned tables for people, CSV and JSON for other programs. */
import { csvRecord } from '../platform/csv.js';

export type Format = 'table' | 'csv' | 'json';

export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [headers, ...rows].map(csvRecord).join('\n');
}

export function toTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [headers, ...rows].map((row) =>
    row.map((v) => (v === null || v === undefined ? '' : String(v))),
  );
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export function render(
  format: Format,
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  json: unknown,
): string {
  if (format === 'json') return JSON.stringify(json, null, 2);
  if (format === 'csv') return toCsv(headers, rows);
  return toTable(headers, rows);
}
