/**
 * Receivables reports: aging as of any date (with drill-down), open items and DSO. The figures come from
 * the invoicing module's grouped queries (invoicing/aging.ts) and the customers' names from the
 * customers module, one query per page: a report costs the same few queries for 10 customers or 100,000.
 *
 *   aging page     1 query (per-currency totals + one page of customer rows) + 1 (names of that page)
 *   drill-down     1 query (the customer's open documents at the date) + 1 (the customer's name)
 *   open items     1 query (a page) + 1 (names of that page)
 *   DSO            2 queries (receivables at the end, sales in the period)
 */
import type { AppContext } from '../../platform/context.js';
import { dateInZone, daysBetween } from '../../platform/dates.js';
import { notFound, validationError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { customerNames } from '../customers/index.js';
import {
  type AgingCurrencyTotals,
  type AgingCursor,
  type AgingCustomerRow,
  agingDocuments,
  agingReport as agingQuery,
  openDocuments,
  salesInPeriod,
} from '../invoicing/index.js';
import { bucketDefinitions, bucketIndexOf, CREDIT_KEY, parseBucketDays } from './buckets.js';
import {
  type AgingCurrency,
  type AgingCustomer,
  type AgingReport,
  type DrillDown,
  DSO_DEFINITION,
  type Dso,
  type OpenItemRow,
} from './schemas.js';

export const todayOf = (ctx: AppContext): string => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** A cursor is an opaque base64url of a JSON array; `check` validates the decoded array. */
function encodeKey(key: unknown[]): string {
  return encodeCursor(JSON.stringify(key));
}

function decodeKey<T>(cursor: string | undefined, check: (key: unknown[]) => T | undefined): T | undefined {
  const text = decodeCursor<string>(cursor, 'string');
  if (text === undefined) return undefined;
  let parsed: T | undefined;
  try {
    const key = JSON.parse(text) as unknown;
    parsed = Array.isArray(key) ? check(key) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined)
    throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
      { path: 'querystring.cursor', message: 'is not a cursor this endpoint returned' },
    ]);
  return parsed;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

const customerCursor = (cursor: string | undefined): AgingCursor | undefined =>
  decodeKey(cursor, ([currency, overdue, total, customerId]) =>
    isString(currency) && isInt(overdue) && isInt(total) && isString(customerId)
      ? { currency, overdue, total, customerId }
      : undefined,
  );

const documentCursor = (cursor: string | undefined) =>
  decodeKey(cursor, ([dueDate, id]) => (isString(dueDate) && isString(id) ? { dueDate, id } : undefined));

function amountsOf(row: AgingCurrencyTotals | AgingCustomerRow) {
  return {
    currency: row.currency,
    buckets: row.buckets,
    total: row.total,
    overdue: row.overdue,
    unappliedCredit: row.credit === 0 ? 0 : -row.credit,
    balance: row.total - row.credit,
  };
}

export interface AgingInput {
  asOf?: string | undefined;
  currency?: string | undefined;
  /** `30,60,90` */
  buckets?: string | undefined;
  cursor?: string | undefined;
  /** Customer rows per page; `'all'` for every row (exports). */
  limit?: number | 'all' | undefined;
}

/**
 * The aging report as of a date (default: today in the company's time zone): totals per currency over
 * all customers, and a page of rows per customer and currency — by currency, then most overdue first.
 */
export async function agingReport(ctx: AppContext, input: AgingInput = {}): Promise<AgingReport> {
  const bucketDays = parseBucketDays(input.buckets);
  const asOf = input.asOf ?? todayOf(ctx);
  const limit = input.limit === 'all' ? undefined : (input.limit ?? 50);
  const result = await agingQuery(ctx.db, {
    asOf,
    today: todayOf(ctx),
    bucketDays,
    currency: input.currency,
    after: customerCursor(input.cursor),
    limit,
  });
  const hasMore = limit !== undefined && result.customers.length > limit;
  const rows = hasMore ? result.customers.slice(0, limit) : result.customers;
  const names = await customerNames(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  const last = rows[rows.length - 1];
  return {
    asOf,
    buckets: bucketDefinitions(bucketDays),
    currencies: result.totals.map((t): AgingCurrency => ({ ...amountsOf(t), customers: t.customers })),
    customers: {
      items: rows.map(
        (row): AgingCustomer => ({
          customerId: row.customerId,
          customerCode: names.get(row.customerId)?.code ?? null,
          customerName: names.get(row.customerId)?.legalName ?? null,
          ...amountsOf(row),
        }),
      ),
      nextCursor:
        hasMore && last ? encodeKey([last.currency, last.overdue, last.total, last.customerId]) : null,
    },
  };
}

export interface DrillDownInput {
  customerId: string;
  bucket?: string | undefined;
  asOf?: string | undefined;
  currency?: string | undefined;
  buckets?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** The documents behind one cell of the aging report: a customer's open invoices in one bucket (or its credit notes). */
export async function agingDrillDown(ctx: AppContext, input: DrillDownInput): Promise<DrillDown> {
  const bucketDays = parseBucketDays(input.buckets);
  const asOf = input.asOf ?? todayOf(ctx);
  const limit = input.limit ?? 50;
  const bucket = input.bucket ? bucketIndexOf(input.bucket, bucketDays) : undefined;
  const names = await customerNames(ctx.db, [input.customerId]);
  const customer = names.get(input.customerId);
  if (!customer) throw notFound('customer', input.customerId);
  const rows = await agingDocuments(ctx.db, {
    asOf,
    today: todayOf(ctx),
    bucketDays,
    currency: input.currency,
    customerId: input.customerId,
    bucket,
    after: documentCursor(input.cursor),
    limit,
  });
  const defs = bucketDefinitions(bucketDays);
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    asOf,
    customer: { id: input.customerId, code: customer.code, name: customer.legalName },
    bucket: typeof bucket === 'number' ? defs[bucket]! : null,
    items: items.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      currency: d.currency,
      issueDate: d.issueDate,
      dueDate: d.dueDate,
      grossTotal: d.grossTotal,
      openAmount: d.kind === 'credit_note' ? -d.openAmount : d.openAmount,
      daysOverdue: d.daysOverdue,
      bucket: d.bucket === null ? CREDIT_KEY : defs[d.bucket]!.key,
    })),
    nextCursor: hasMore && last ? encodeKey([last.dueDate, last.id]) : null,
  };
}

export interface OpenItemsInput {
  customerId?: string | undefined;
  currency?: string | undefined;
  kind?: 'invoice' | 'credit_note' | undefined;
  overdue?: boolean | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  minAmount?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Issued documents with something open today, oldest due first; credit notes carry negative amounts. */
export async function openItems(
  ctx: AppContext,
  input: OpenItemsInput,
): Promise<{ today: string; items: OpenItemRow[]; nextCursor: string | null }> {
  const today = todayOf(ctx);
  const limit = input.limit ?? 50;
  if (input.dueFrom && input.dueTo && input.dueFrom > input.dueTo)
    throw validationError(`dueFrom ${input.dueFrom} is after dueTo ${input.dueTo}.`, [
      { path: 'dueFrom', message: 'must be on or before dueTo' },
    ]);
  const rows = await openDocuments(ctx.db, {
    customerId: input.customerId,
    currency: input.currency,
    kind: input.kind,
    overdueOn: input.overdue ? today : undefined,
    dueFrom: input.dueFrom,
    dueTo: input.dueTo,
    minAmount: input.minAmount,
    after: documentCursor(input.cursor),
    limit,
  });
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const names = await customerNames(
    ctx.db,
    page.map((r) => r.customerId),
  );
  const last = page[page.length - 1];
  return {
    today,
    items: page.map((d) => {
      const days = daysBetween(d.dueDate, today);
      return {
        id: d.id,
        kind: d.kind,
        number: d.number,
        customerId: d.customerId,
        customerCode: names.get(d.customerId)?.code ?? null,
        customerName: names.get(d.customerId)?.legalName ?? null,
        currency: d.currency,
        issueDate: d.issueDate,
        dueDate: d.dueDate,
        grossTotal: d.grossTotal,
        openAmount: d.kind === 'credit_note' ? -d.openAmount : d.openAmount,
        daysOverdue: d.kind === 'invoice' && days > 0 ? days : 0,
      };
    }),
    nextCursor: hasMore && last ? encodeKey([last.dueDate, last.id]) : null,
  };
}

export const MAX_DSO_DAYS = 3660;

/** Days sales outstanding per currency for a period; see DSO_DEFINITION for exactly what is computed. */
export async function dso(
  ctx: AppContext,
  input: { from: string; to: string; currency?: string | undefined },
): Promise<Dso> {
  if (input.from > input.to)
    throw validationError(`The period starts (${input.from}) after it ends (${input.to}).`, [
      { path: 'from', message: 'must be on or before to' },
    ]);
  const days = daysBetween(input.from, input.to) + 1;
  if (days > MAX_DSO_DAYS)
    throw validationError(`The period is ${days} days long; at most ${MAX_DSO_DAYS}.`, [
      { path: 'to', message: `must be within ${MAX_DSO_DAYS} days of from` },
    ]);
  // Totals only: a page of one row is read and dropped.
  const aging = await agingQuery(ctx.db, {
    asOf: input.to,
    today: todayOf(ctx),
    bucketDays: parseBucketDays(undefined),
    currency: input.currency,
    limit: 0,
  });
  const sales = await salesInPeriod(ctx.db, input);
  const currencies = [
    ...new Set([...aging.totals.map((t) => t.currency), ...sales.map((s) => s.currency)]),
  ].sort();
  return {
    from: input.from,
    to: input.to,
    days,
    definition: DSO_DEFINITION,
    currencies: currencies.map((currency) => {
      const open = aging.totals.find((t) => t.currency === currency);
      const sold = sales.find((s) => s.currency === currency);
      const receivables = open ? open.total - open.credit : 0;
      const invoiced = sold?.invoiced ?? 0;
      const credited = sold?.credited ?? 0;
      const netSales = invoiced - credited;
      return {
        currency,
        receivables,
        invoiced,
        credited,
        netSales,
        dso: netSales > 0 ? Math.round((receivables / netSales) * days * 10) / 10 : null,
      };
    }),
  };
}
