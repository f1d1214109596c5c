/** `duely report aging`: the receivables aging report on the command line (table, CSV or JSON). */
import { openContext } from '../app.js';
import { type AgingReport, agingCsvRows, agingReport, csvLine } from '../modules/reports/index.js';
import { isBusinessDate } from '../platform/dates.js';
import { validationError } from '../platform/errors.js';
import { isCurrency, toDecimalString } from '../platform/money.js';
import { configFrom, type DatabaseFlags } from './common.js';
import type { Format } from './output.js';

export interface AgingFlags extends DatabaseFlags {
  asOf?: string;
  format: Format;
  currency?: string;
  buckets?: string;
}

function checkFlags(flags: AgingFlags): { asOf?: string; currency?: string } {
  if (flags.asOf !== undefined && !isBusinessDate(flags.asOf))
    throw validationError(`--as-of "${flags.asOf}" is not a date written YYYY-MM-DD (e.g. 2026-12-01).`);
  const currency = flags.currency?.trim().toUpperCase();
  if (currency !== undefined && !isCurrency(currency))
    throw validationError(`--currency "${flags.currency}" is not an ISO 4217 currency code (e.g. EUR).`);
  return {
    ...(flags.asOf ? { asOf: flags.asOf } : {}),
    ...(currency ? { currency } : {}),
  };
}

/** Columns padded to their widest cell; amounts (every column from `firstAmount` on) right-aligned. */
function aligned(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  firstAmount: number,
): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i >= firstAmount ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1]!)].join('\n');
}

/** One table per currency, each ending with its total row; amounts as decimals of that currency. */
export function agingTable(report: AgingReport): string {
  const headers = ['code', 'customer', ...report.buckets.map((b) => b.label), 'total', 'credit', 'balance'];
  const sections = [`Receivables aging as of ${report.asOf}`];
  if (report.currencies.length === 0) sections.push('Nothing is open.');
  for (const totals of report.currencies) {
    const d = (amount: number) => toDecimalString({ amount, currency: totals.currency });
    const amounts = (r: { buckets: number[]; total: number; unappliedCredit: number; balance: number }) => [
      ...r.buckets.map(d),
      d(r.total),
      d(r.unappliedCredit),
      d(r.balance),
    ];
    const rows = report.customers.items
      .filter((c) => c.currency === totals.currency)
      .map((c) => [c.customerCode ?? '', c.customerName ?? c.customerId, ...amounts(c)]);
    rows.push([
      'TOTAL',
      `${totals.customers} customer${totals.customers === 1 ? '' : 's'}`,
      ...amounts(totals),
    ]);
    sections.push(`${totals.currency}\n${aligned(headers, rows, 2)}`);
  }
  return sections.join('\n\n');
}

export function renderAging(report: AgingReport, format: Format): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'csv') {
    // The same file as GET /api/reports/aging.csv.
    const { header, rows } = agingCsvRows(report);
    return [header, ...rows].map(csvLine).join('').trimEnd();
  }
  return agingTable(report);
}

export async function reportAging(flags: AgingFlags): Promise<void> {
  const checked = checkFlags(flags);
  const ctx = await openContext(configFrom(flags), { migrate: false });
  try {
    const report = await agingReport(ctx, { ...checked, buckets: flags.buckets, limit: 'all' });
    process.stdout.write(`${renderAging(report, flags.format)}\n`);
  } finally {
    await ctx.database.close();
  }
}
