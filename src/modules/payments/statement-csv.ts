/**
 * A statement as CSV, written the platform's one way (platform/csv.ts). Amounts are plain decimals
 * ("-12.50"), so they stay numbers.
 */
import { csvText } from '../../platform/csv.js';
import { money, toDecimalString } from '../../platform/money.js';
import type { Statement } from './statement.js';

type Cell = string | number | null | { amount: number };

export const STATEMENT_CSV_COLUMNS = [
  'date',
  'type',
  'reference',
  'description',
  'debit',
  'credit',
  'balance',
  'currency',
  'id',
] as const;

/** One CSV record, CRLF-terminated. */
export function statementCsvLine(cells: readonly Cell[], currency: string): string {
  const out = cells.map((cell) => {
    if (cell === null) return '';
    if (typeof cell === 'number') return String(cell);
    if (typeof cell === 'object') return toDecimalString(money(cell.amount, currency));
    return csvText(cell);
  });
  return `${out.join(',')}\r\n`;
}

/**
 * Header, an `opening_balance` row dated `from`, one row per movement (debit / credit empty when
 * zero), a `closing_balance` row dated `to`, then one `aging_<bucket>` row per aging bucket as of `to`
 * and the unused credit, unapplied payments and open fees that make up the closing balance.
 */
export function statementCsv(statement: Statement): string {
  const { currency } = statement;
  const amount = (value: number) => ({ amount: value });
  const optional = (value: number) => (value === 0 ? null : amount(value));
  const rows: Cell[][] = [[...STATEMENT_CSV_COLUMNS]];
  rows.push([
    statement.from,
    'opening_balance',
    null,
    'Opening balance',
    null,
    null,
    amount(statement.openingBalance),
    currency,
    null,
  ]);
  for (const line of statement.lines)
    rows.push([
      line.date,
      line.kind,
      line.reference,
      line.description,
      optional(line.debit),
      optional(line.credit),
      amount(line.balance),
      currency,
      line.id,
    ]);
  rows.push([
    statement.to,
    'closing_balance',
    null,
    'Closing balance',
    amount(statement.totals.debit),
    amount(statement.totals.credit),
    amount(statement.closingBalance),
    currency,
    null,
  ]);
  const aging = statement.aging;
  const summary: [string, string, number][] = [
    ...aging.buckets.map((b): [string, string, number] => [
      `aging_${b.key}`,
      `Open invoices, ${b.key === 'current' ? 'not yet due' : `${b.key} days overdue`}`,
      b.amount,
    ]),
    ['unused_credit', 'Unused credit notes', -aging.unusedCredit],
    ['unapplied_payments', 'Unapplied payments and credit on account', -aging.unappliedPayments],
    ['open_fees', 'Fees not yet invoiced', aging.openCharges],
  ];
  for (const [type, description, value] of summary)
    rows.push([aging.asOf, type, null, description, null, null, amount(value), currency, null]);
  return rows
    .map((cells, i) => (i === 0 ? `${cells.join(',')}\r\n` : statementCsvLine(cells, currency)))
    .join('');
}
