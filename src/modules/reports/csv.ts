/**
 * CSV exports of the reports, with the escaping rules of every Duely export (platform/csv.ts): RFC
 * 4180 quoting, and a text cell that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) gets a leading apostrophe. Amounts are written by Duely itself as plain decimals
 * ("-12.50"): a number is not a formula, so they stay numbers.
 */
import type { AppContext } from '../../platform/context.js';
import { csvText } from '../../platform/csv.js';
import { toDecimalString } from '../../platform/money.js';
import type { AgingReport } from './schemas.js';
import { type AgingInput, agingReport, type OpenItemsInput, openItems } from './service.js';

/** An amount cell: minor units written as a decimal in the currency's exponent. */
interface Amount {
  amount: number;
  currency: string;
}
type Cell = string | number | null | Amount;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') return toDecimalString(cell);
  return csvText(cell);
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(cellText).join(',')}\r\n`;

/** Header and rows of the aging report: every customer row, then a total row per currency. */
export function agingCsvRows(report: AgingReport): { header: string[]; rows: Cell[][] } {
  const header = [
    'row',
    'currency',
    'customer_code',
    'customer_name',
    'customer_id',
    ...report.buckets.map((b) => b.key),
    'total',
    'overdue',
    'unapplied_credit',
    'balance',
  ];
  const rows: Cell[][] = [];
  for (const totals of report.currencies) {
    const money = (amount: number): Amount => ({ amount, currency: totals.currency });
    const amounts = (r: {
      buckets: number[];
      total: number;
      overdue: number;
      unappliedCredit: number;
      balance: number;
    }) => [
      ...r.buckets.map(money),
      money(r.total),
      money(r.overdue),
      money(r.unappliedCredit),
      money(r.balance),
    ];
    for (const row of report.customers.items.filter((c) => c.currency === totals.currency))
      rows.push([
        'customer',
        row.currency,
        row.customerCode,
        row.customerName,
        row.customerId,
        ...amounts(row),
      ]);
    rows.push([
      'total',
      totals.currency,
      null,
      `${totals.customers} customer${totals.customers === 1 ? '' : 's'}`,
      null,
      ...amounts(totals),
    ]);
  }
  return { header, rows };
}

/** The whole aging report as CSV (all customers). */
export async function agingCsv(
  ctx: AppContext,
  input: Omit<AgingInput, 'cursor' | 'limit'>,
): Promise<string> {
  const { header, rows } = agingCsvRows(await agingReport(ctx, { ...input, limit: 'all' }));
  return [csvLine(header), ...rows.map(csvLine)].join('');
}

export const OPEN_ITEMS_COLUMNS = [
  'number',
  'kind',
  'customer_code',
  'customer_name',
  'currency',
  'issue_date',
  'due_date',
  'days_overdue',
  'gross_total',
  'open_amount',
  'id',
  'customer_id',
] as const;

const EXPORT_PAGE = 1000;

/** The open items matching the filters as CSV lines (header first), a page at a time. */
export async function* openItemsCsv(
  ctx: AppContext,
  filter: Omit<OpenItemsInput, 'cursor' | 'limit'>,
): AsyncGenerator<string> {
  yield csvLine([...OPEN_ITEMS_COLUMNS]);
  let cursor: string | undefined;
  for (;;) {
    const page = await openItems(ctx, { ...filter, cursor, limit: EXPORT_PAGE });
    let chunk = '';
    for (const item of page.items) {
      const money = (amount: number): Amount => ({ amount, currency: item.currency });
      chunk += csvLine([
        item.number,
        item.kind,
        item.customerCode,
        item.customerName,
        item.currency,
        item.issueDate,
        item.dueDate,
        item.daysOverdue,
        money(item.grossTotal),
        money(item.openAmount),
        item.id,
        item.customerId,
      ]);
    }
    if (chunk) yield chunk;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
