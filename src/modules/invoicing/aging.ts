/**
 * Receivables aging over invoicing's own tables, for the reports module: what was open on any date,
 * bucketed by days past due, per currency and customer — each report one grouped query, whatever the
 * number of customers or documents.
 *
 * Open at a date D. The maintained open amount is gross − Σ settlements (all dates), so
 *
 *     open at D = gross − Σ settlements dated ≤ D = open_amount + Σ settlements dated after D.
 *
 * As of today (or a later date) the report reads the maintained open amounts alone: one grouped,
 * index-only scan of the open items (the partial index `invoices_open_aging`, about a tenth of all
 * documents). Every settlement recorded counts there, even one dated after today.
 *
 * As of a past date it reads two small sets instead of the whole ledger: the documents open today and
 * the settlements dated after D (`invoice_settlements_date`, a range), with their documents. Since every document's open
 * amount at D is ≥ 0, sums can be taken over these contributions directly, without first grouping per
 * document: a document's contributions add up to its open amount at D, and one that was closed at D
 * adds up to 0.
 *
 * Voided invoices need no rule of their own: only a full credit note voids an invoice, and it writes a
 * settlement on the invoice (and on itself) dated on the credit note's issue date, so a voided invoice
 * is open before that date and closed from it on. Drafts have no open amount and no settlements.
 *
 * Days past due = D − due date. With bucket limits b1 < b2 < … < bn (days), bucket 0 is "current"
 * (not yet due, days ≤ 0), bucket k is b(k−1) < days ≤ bk (b0 = 0), and bucket n+1 is days > bn. The
 * limits become due-date thresholds once (D − bk), so the SQL only compares date strings.
 *
 * Credit notes are not bucketed: their unused credit at D is reported apart (`credit`, ≥ 0 here; the
 * reports module shows it negative).
 */
import { type RawBuilder, sql } from 'kysely';
import { addDays, daysBetween } from '../../platform/dates.js';
import { type AnyDb, dialectOf } from '../../platform/db/database.js';

export interface AgingScope {
  /** The as-of date D (YYYY-MM-DD). */
  asOf: string;
  /** Bucket limits in days past due, ascending, > 0: [30, 60, 90] gives 5 buckets. */
  bucketDays: readonly number[];
  currency?: string | undefined;
  /** Today in the company's time zone: from today on, the maintained open amounts are the answer. */
  today: string;
}

/** Amounts in minor units of `currency`. */
export interface AgingAmounts {
  currency: string;
  /** One per bucket: current, then each limit, then beyond the last. Invoices only. */
  buckets: number[];
  /** Σ buckets except current. */
  overdue: number;
  /** Σ buckets: what the customer(s) owe on invoices. */
  total: number;
  /** Unused credit of credit notes at D (≥ 0; not in the buckets). */
  credit: number;
}

export interface AgingCurrencyTotals extends AgingAmounts {
  /** Customers with anything open (invoice or credit) in this currency at D. */
  customers: number;
}

export interface AgingCustomerRow extends AgingAmounts {
  customerId: string;
}

/** Where a page of customer rows ends: rows come by currency, then overdue and total descending, then id. */
export interface AgingCursor {
  currency: string;
  overdue: number;
  total: number;
  customerId: string;
}

export interface AgingResult {
  totals: AgingCurrencyTotals[];
  /** Up to `limit + 1` rows after the cursor (all of them when no limit is given; none for limit 0). */
  customers: AgingCustomerRow[];
}

/** The due-date thresholds: bucket 0 is due ≥ t[0] = D, bucket k is t[k−1] > due ≥ t[k], the last is due < t[n]. */
export const bucketThresholds = (asOf: string, bucketDays: readonly number[]): string[] => [
  asOf,
  ...bucketDays.map((days) => addDays(asOf, -days)),
];

/** The bucket of a due date (0 = current), the same rule the SQL applies. */
export function bucketOf(dueDate: string, asOf: string, bucketDays: readonly number[]): number {
  const days = daysBetween(dueDate, asOf);
  if (days <= 0) return 0;
  const index = bucketDays.findIndex((limit) => days <= limit);
  return index === -1 ? bucketDays.length + 1 : index + 1;
}

function checkScope(scope: AgingScope): void {
  const days = scope.bucketDays;
  if (days.some((d, i) => !Number.isSafeInteger(d) || d <= 0 || (i > 0 && d <= days[i - 1]!)))
    throw new RangeError(`bucket limits must be ascending positive whole days, got ${days.join(',')}`);
}

const amountCol = (name: string) => sql.ref(name);

/**
 * The contributions to open amounts at D: (currency, customer_id, kind, due_date, amount) rows whose sums
 * per document are its open amount at D. Literals (not parameters) for the partial index's condition,
 * so both planners can prove the index applies.
 */
function contributions(db: AnyDb, scope: AgingScope): RawBuilder<unknown> {
  const currency = scope.currency ? sql`and i.currency = ${scope.currency}` : sql``;
  // Without statistics (Duely does not run ANALYZE) SQLite's planner prefers invoices_status_issue, a
  // walk over every issued document; the open items' own index is the one to read. PostgreSQL picks it
  // from its statistics.
  const openIndex = dialectOf(db) === 'sqlite' ? sql`indexed by invoices_open_aging` : sql``;
  const open = sql`
    select i.currency, i.customer_id, i.kind, i.due_date, i.open_amount as amount
      from invoices i ${openIndex}
     where i.status = 'issued' and i.open_amount > 0 and i.issue_date <= ${scope.asOf} ${currency}`;
  if (scope.asOf >= scope.today) return open;
  return sql`${open}
    union all
    select i.currency, i.customer_id, i.kind, i.due_date, s.amount
      from invoice_settlements s
      join invoices i on i.id = s.invoice_id
     where s.date > ${scope.asOf} and i.status <> 'draft' and i.issue_date <= ${scope.asOf} ${currency}`;
}

/** `cast(sum(case when <bucket k> then amount else 0 end) as bigint) as b<k>` for every bucket, and credit. */
function bucketSums(scope: AgingScope): RawBuilder<unknown> {
  const t = bucketThresholds(scope.asOf, scope.bucketDays);
  const amount = amountCol('amount');
  const parts = [
    sql`cast(sum(case when kind = 'invoice' and due_date >= ${t[0]} then ${amount} else 0 end) as bigint) as b0`,
  ];
  for (let k = 1; k < t.length; k++)
    parts.push(
      sql`cast(sum(case when kind = 'invoice' and due_date < ${t[k - 1]} and due_date >= ${t[k]} then ${amount} else 0 end) as bigint) as ${sql.ref(`b${k}`)}`,
    );
  parts.push(
    sql`cast(sum(case when kind = 'invoice' and due_date < ${t[t.length - 1]} then ${amount} else 0 end) as bigint) as ${sql.ref(`b${t.length}`)}`,
  );
  parts.push(sql`cast(sum(case when kind = 'credit_note' then ${amount} else 0 end) as bigint) as credit`);
  return sql.join(parts, sql`, `);
}

const bucketNames = (scope: AgingScope) =>
  Array.from({ length: scope.bucketDays.length + 2 }, (_, k) => `b${k}`);

interface RawAgingRow {
  part: 'total' | 'customer';
  currency: string;
  customer_id: string | null;
  customers: number | string;
  credit: number | string;
  overdue: number | string;
  total: number | string;
  [bucket: `b${number}`]: number | string;
}

function toAmounts(row: RawAgingRow, scope: AgingScope): AgingAmounts {
  return {
    currency: row.currency,
    buckets: bucketNames(scope).map((b) => Number(row[b as `b${number}`])),
    overdue: Number(row.overdue),
    total: Number(row.total),
    credit: Number(row.credit),
  };
}

/**
 * The aging report as of D in ONE query: the per-currency totals (over all customers) and a page of
 * customer rows (per currency and customer, most overdue first), or all customer rows without `limit`.
 */
export async function agingReport(
  db: AnyDb,
  scope: AgingScope & { after?: AgingCursor | undefined; limit?: number | undefined },
): Promise<AgingResult> {
  checkScope(scope);
  const names = bucketNames(scope);
  const overdue = sql.join(
    names.slice(1).map((b) => sql.ref(b)),
    sql` + `,
  );
  const total = sql.join(
    names.map((b) => sql.ref(b)),
    sql` + `,
  );
  const rolled = sql.join(
    [...names, 'credit', 'overdue', 'total'].map(
      (c) => sql`cast(sum(${sql.ref(c)}) as bigint) as ${sql.ref(c)}`,
    ),
    sql`, `,
  );
  const columns = sql.join(
    [...names, 'credit', 'overdue', 'total'].map((c) => sql.ref(c)),
    sql`, `,
  );
  const after = scope.after;
  const cursor = after
    ? sql`where currency > ${after.currency} or (currency = ${after.currency} and (overdue < ${after.overdue}
          or (overdue = ${after.overdue} and (total < ${after.total}
          or (total = ${after.total} and customer_id > ${after.customerId})))))`
    : sql``;
  const limit = scope.limit === undefined ? sql`` : sql`limit ${scope.limit + 1}`;
  // limit 0: the totals alone.
  const page =
    scope.limit === 0
      ? sql``
      : sql`union all
    select * from (
      select 'customer' as part, currency, customer_id, ${columns}, 1 as customers
        from r ${cursor}
       order by currency, overdue desc, total desc, customer_id
       ${limit}
    ) page`;
  const result = await sql<RawAgingRow>`
    with o as (${contributions(db, scope)}),
    g as (
      select currency, customer_id, ${bucketSums(scope)}
        from o
       group by currency, customer_id
      having sum(amount) <> 0
    ),
    r as (select g.*, ${overdue} as overdue, ${total} as total from g)
    select 'total' as part, currency, null as customer_id, ${rolled}, count(*) as customers
      from r group by currency
    ${page}`.execute(db);
  const totals: AgingCurrencyTotals[] = [];
  const customers: AgingCustomerRow[] = [];
  for (const row of result.rows) {
    if (row.part === 'total') totals.push({ ...toAmounts(row, scope), customers: Number(row.customers) });
    else customers.push({ ...toAmounts(row, scope), customerId: row.customer_id! });
  }
  totals.sort((a, b) => a.currency.localeCompare(b.currency));
  // A compound select keeps no order across its parts; the page part's order is restored here.
  customers.sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) ||
      b.overdue - a.overdue ||
      b.total - a.total ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  return { totals, customers };
}

export interface AgingDocument {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  grossTotal: number;
  /** Open (invoice) or unused (credit note) at D, ≥ 0. */
  openAmount: number;
  /** D − due date when positive, else 0 (credit notes: 0). */
  daysOverdue: number;
  /** Invoices: the bucket index (0 = current); credit notes: null. */
  bucket: number | null;
}

/**
 * The documents of one customer open at D — the drill-down of a report row: one bucket's invoices
 * (`bucket` = its index), the credit notes (`'credit'`), or everything. Ordered by due date then id,
 * `limit + 1` rows after the cursor. One query (the customer's documents, each with its settlements
 * dated after D).
 */
export async function agingDocuments(
  db: AnyDb,
  scope: AgingScope & {
    customerId: string;
    bucket?: number | 'credit' | undefined;
    after?: { dueDate: string; id: string } | undefined;
    limit: number;
  },
): Promise<AgingDocument[]> {
  checkScope(scope);
  const t = bucketThresholds(scope.asOf, scope.bucketDays);
  const n = t.length;
  let bucket = sql``;
  if (scope.bucket === 'credit') bucket = sql`and d.kind = 'credit_note'`;
  else if (scope.bucket !== undefined) {
    const k = scope.bucket;
    if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new RangeError(`no bucket ${k}`);
    const upper = k === 0 ? sql`` : sql`and d.due_date < ${t[k - 1]}`;
    const lower = k === n ? sql`` : sql`and d.due_date >= ${t[k]}`;
    bucket = sql`and d.kind = 'invoice' ${upper} ${lower}`;
  }
  const currency = scope.currency ? sql`and i.currency = ${scope.currency}` : sql``;
  const openAt =
    scope.asOf >= scope.today
      ? sql`i.open_amount`
      : sql`i.open_amount + coalesce((select sum(s.amount) from invoice_settlements s
                                       where s.invoice_id = i.id and s.date > ${scope.asOf}), 0)`;
  const after = scope.after
    ? sql`and (d.due_date > ${scope.after.dueDate} or (d.due_date = ${scope.after.dueDate} and d.id > ${scope.after.id}))`
    : sql``;
  const result = await sql<{
    id: string;
    kind: 'invoice' | 'credit_note';
    number: string;
    customer_id: string;
    currency: string;
    issue_date: string;
    due_date: string;
    gross_total: number | string;
    open_at: number | string;
  }>`
    select * from (
      select i.id, i.kind, i.number, i.customer_id, i.currency, i.issue_date, i.due_date, i.gross_total,
             ${openAt} as open_at
        from invoices i
       where i.customer_id = ${scope.customerId} and i.status <> 'draft' and i.issue_date <= ${scope.asOf} ${currency}
    ) d
    where d.open_at <> 0 ${bucket} ${after}
    order by d.due_date, d.id
    limit ${scope.limit + 1}`.execute(db);
  return result.rows.map((row) => {
    const dueDate = row.due_date ?? row.issue_date;
    const isInvoice = row.kind === 'invoice';
    const days = daysBetween(dueDate, scope.asOf);
    return {
      id: row.id,
      kind: row.kind,
      number: row.number,
      customerId: row.customer_id,
      currency: row.currency,
      issueDate: row.issue_date,
      dueDate,
      grossTotal: Number(row.gross_total),
      openAmount: Number(row.open_at),
      daysOverdue: isInvoice && days > 0 ? days : 0,
      bucket: isInvoice ? bucketOf(dueDate, scope.asOf, scope.bucketDays) : null,
    };
  });
}

export interface OpenDocumentFilter {
  customerId?: string | undefined;
  currency?: string | undefined;
  kind?: 'invoice' | 'credit_note' | undefined;
  /** Invoices due before `today` only. */
  overdueOn?: string | undefined;
  /** Due on or after / on or before. */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** Open amount at least this (minor units). */
  minAmount?: number | undefined;
  after?: { dueDate: string; id: string } | undefined;
  limit: number;
}

export interface OpenDocument {
  id: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  grossTotal: number;
  openAmount: number;
}

/** Issued documents with something open now, oldest due first (then id), `limit + 1` rows after the cursor. */
export async function openDocuments(db: AnyDb, filter: OpenDocumentFilter): Promise<OpenDocument[]> {
  const where = [sql`status = 'issued'`, sql`open_amount > 0`];
  // Across customers, read the open items in list order (invoices_open_due) and stop after a page;
  // SQLite, without statistics, would otherwise sort every open item. One customer's: its own index.
  const byDue = dialectOf(db) === 'sqlite' && !filter.customerId ? sql`indexed by invoices_open_due` : sql``;
  if (filter.customerId) where.push(sql`customer_id = ${filter.customerId}`);
  if (filter.currency) where.push(sql`currency = ${filter.currency}`);
  if (filter.kind) where.push(sql`kind = ${filter.kind}`);
  if (filter.overdueOn) where.push(sql`kind = 'invoice' and due_date < ${filter.overdueOn}`);
  if (filter.dueFrom) where.push(sql`due_date >= ${filter.dueFrom}`);
  if (filter.dueTo) where.push(sql`due_date <= ${filter.dueTo}`);
  if (filter.minAmount !== undefined) where.push(sql`open_amount >= ${filter.minAmount}`);
  if (filter.after)
    where.push(
      sql`(due_date > ${filter.after.dueDate} or (due_date = ${filter.after.dueDate} and id > ${filter.after.id}))`,
    );
  const result = await sql<{
    id: string;
    kind: 'invoice' | 'credit_note';
    number: string;
    customer_id: string;
    currency: string;
    issue_date: string;
    due_date: string;
    gross_total: number | string;
    open_amount: number | string;
  }>`
    select id, kind, number, customer_id, currency, issue_date, due_date, gross_total, open_amount
      from invoices ${byDue}
     where ${sql.join(where, sql` and `)}
     order by due_date, id
     limit ${filter.limit + 1}`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    number: row.number,
    customerId: row.customer_id,
    currency: row.currency,
    issueDate: row.issue_date,
    dueDate: row.due_date ?? row.issue_date,
    grossTotal: Number(row.gross_total),
    openAmount: Number(row.open_amount),
  }));
}

/** Per currency: invoices issued in [from, to] (gross) and credit notes issued in it (gross), for DSO. One query. */
export async function salesInPeriod(
  db: AnyDb,
  period: { from: string; to: string; currency?: string | undefined },
): Promise<{ currency: string; invoiced: number; credited: number }[]> {
  const currency = period.currency ? sql`and currency = ${period.currency}` : sql``;
  const result = await sql<{ currency: string; invoiced: number | string; credited: number | string }>`
    select currency,
           cast(sum(case when kind = 'invoice' then gross_total else 0 end) as bigint) as invoiced,
           cast(sum(case when kind = 'credit_note' then gross_total else 0 end) as bigint) as credited
      from invoices
     where status in ('issued', 'void') and issue_date >= ${period.from} and issue_date <= ${period.to} ${currency}
     group by currency
     order by currency`.execute(db);
  return result.rows.map((r) => ({
    currency: r.currency,
    invoiced: Number(r.invoiced),
    credited: Number(r.credited),
  }));
}
