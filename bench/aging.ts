/**
 * `npm run bench:aging` — the receivables aging report through Duely's service (reports → invoicing's
 * grouped query → customers' names for the page) against a hand-written single SQL statement computing
 * the same report on the same data, in the same run, on SQLite and (when reachable) PostgreSQL.
 *
 * Data: 1,000,000 documents for 100,000 customers by default (95% invoices, 5% credit notes; EUR, USD
 * and JPY; issued over the last two years, net 14/30/60; about 10% open; payments as dated settlements —
 * full, split, partial, some bounced and re-paid; some invoices voided by a full credit note), written
 * straight into the tables by a bench-only generator: multi-row prepared INSERTs in one transaction on
 * SQLite, unnest() batches on PostgreSQL, the secondary indexes dropped before and rebuilt after.
 *
 * Measured (median of --runs after one warm-up): the report as of today and as of 90 days ago — the
 * per-currency totals and the first page of 50 customers, most overdue first, with their names. The
 * reference is one statement: as of today over the maintained open amounts; as of the past date once
 * from the definition (gross − Σ settlements dated ≤ D, voided documents left out from their void date)
 * and once with the same method as the service (today's open + Σ settlements dated after D). Both
 * answers must be identical (totals per currency and every row of the page), else the run fails.
 *
 *   npm run bench:aging -- [--invoices 1000000] [--customers 100000] [--runs 7] [--db sqlite,postgres] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { migrations } from '../migrations/index.js';
import { type AgingReport, agingReport, openItems } from '../src/modules/reports/index.js';
import { createContext } from '../src/platform/bootstrap.js';
import { ManualClock } from '../src/platform/clock.js';
import { parseConfig, resolveConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { addDays, daysBetween } from '../src/platform/dates.js';
import { type AnyDb, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';

type DbKind = 'sqlite' | 'postgres';

export interface AgingBenchOptions {
  invoices: number;
  customers: number;
  runs: number;
  databases: DbKind[];
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

export const TODAY = '2026-12-04';
const BACK_DAYS = 90;
const PAGE = 50;
const BUCKET_DAYS = [30, 60, 90];

// ---------------------------------------------------------------------------------------------------
// Data generator (bench only: writes the tables directly, bypassing the services)
// ---------------------------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so every run generates the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Value = string | number | null;

interface Table {
  name: string;
  columns: string[];
  /** PostgreSQL array types for unnest(), one per column. */
  types: string[];
}

const CUSTOMERS: Table = {
  name: 'customers',
  columns: [
    'id',
    'code',
    'legal_name',
    'sort_name',
    'search_text',
    'status',
    'billing_line1',
    'billing_city',
    'billing_country',
    'language',
    'currency',
    'payment_terms',
    'created_at',
    'updated_at',
  ],
  types: Array(14).fill('text'),
};

const INVOICES: Table = {
  name: 'invoices',
  columns: [
    'id',
    'kind',
    'status',
    'number',
    'series',
    'customer_id',
    'currency',
    'language',
    'issue_date',
    'due_date',
    'net_total',
    'tax_total',
    'gross_total',
    'open_amount',
    'related_invoice_id',
    'issued_at',
    'voided_at',
    'created_at',
    'updated_at',
  ],
  types: [...Array(10).fill('text'), 'int8', 'int8', 'int8', 'int8', 'text', 'text', 'text', 'text', 'text'],
};

const SETTLEMENTS: Table = {
  name: 'invoice_settlements',
  columns: ['id', 'invoice_id', 'allocation_id', 'date', 'amount', 'created_at'],
  types: ['text', 'text', 'text', 'text', 'int8', 'text'],
};

interface Writer {
  insert(table: Table, rows: Value[][]): Promise<void>;
}

export interface GeneratedStats {
  customers: number;
  documents: number;
  creditNotes: number;
  voided: number;
  settlements: number;
  openDocuments: number;
  seconds: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const CURRENCIES = [
  { code: 'EUR', share: 0.85, min: 5_000, max: 500_000 },
  { code: 'USD', share: 0.1, min: 5_000, max: 500_000 },
  { code: 'JPY', share: 0.05, min: 5_000, max: 500_000 },
];

async function generate(
  writer: Writer,
  options: { invoices: number; customers: number },
  log: (line: string) => void,
): Promise<GeneratedStats> {
  const started = performance.now();
  const rand = random(20261204);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const now = `${TODAY}T09:00:00.000Z`;
  const firstDay = addDays(TODAY, -730);

  const currencyOf: string[] = [];
  let batch: Value[][] = [];
  for (let c = 0; c < options.customers; c++) {
    const r = rand();
    const currency = r < 0.85 ? 'EUR' : r < 0.95 ? 'USD' : 'JPY';
    currencyOf.push(currency);
    const name = `Bench Customer ${pad(c, 6)}`;
    batch.push([
      `cus_bench${pad(c, 7)}`,
      `B-${pad(c, 6)}`,
      name,
      name.toLowerCase(),
      name.toLowerCase(),
      'active',
      '1 Bench Street',
      'Paris',
      'FR',
      'en',
      currency,
      '{"kind":"net","days":30}',
      now,
      now,
    ]);
    if (batch.length === 10_000) {
      await writer.insert(CUSTOMERS, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await writer.insert(CUSTOMERS, batch);

  const stats = { creditNotes: 0, voided: 0, settlements: 0, openDocuments: 0 };
  let docs: Value[][] = [];
  let settlements: Value[][] = [];
  let settlementSeq = 0;
  let written = 0;
  let lastReport = performance.now();
  const settle = (invoiceId: string, date: string, amount: number) => {
    settlements.push([
      `set_bench${pad(++settlementSeq, 9)}`,
      invoiceId,
      `alc_bench${pad(settlementSeq, 9)}`,
      date,
      amount,
      now,
    ]);
    stats.settlements++;
  };
  /** A date in [from, to], never after today (no post-dated settlements). */
  const randomDate = (from: string, to: string) => {
    const end = to > TODAY ? TODAY : to;
    const start = from > end ? end : from;
    return addDays(start, int(0, daysBetween(start, end)));
  };
  const flush = async () => {
    await writer.insert(INVOICES, docs);
    await writer.insert(SETTLEMENTS, settlements);
    written += docs.length;
    docs = [];
    settlements = [];
    const t = performance.now();
    if (t - lastReport > 2000 || written === options.invoices) {
      lastReport = t;
      const seconds = (t - started) / 1000;
      log(
        `  generated ${written.toLocaleString('en-US')} / ${options.invoices.toLocaleString('en-US')} documents ` +
          `(${((100 * written) / options.invoices).toFixed(0)}%), ${stats.settlements.toLocaleString('en-US')} settlements, ` +
          `${Math.round((written + stats.settlements) / seconds).toLocaleString('en-US')} rows/s`,
      );
    }
  };

  for (let i = 0; i < options.invoices; i++) {
    // Some customers buy much more than others.
    const customer = Math.floor(options.customers * rand() ** 1.6);
    const customerId = `cus_bench${pad(customer, 7)}`;
    const currency = currencyOf[customer]!;
    const spec = CURRENCIES.find((c) => c.code === currency)!;
    const issue = randomDate(firstDay, TODAY);
    const age = daysBetween(issue, TODAY);
    const id = `inv_bench${pad(i, 9)}`;
    const number = `B-${pad(i, 9)}`;
    const issuedAt = `${issue}T10:00:00.000Z`;

    if (rand() < 0.05) {
      // A standalone credit note: 60% used (one dated settlement), the rest unused credit.
      stats.creditNotes++;
      const gross = int(spec.min / 5, spec.max / 10);
      let open = gross;
      if (rand() < 0.6) {
        settle(id, randomDate(issue, TODAY), gross);
        open = 0;
      } else stats.openDocuments++;
      docs.push([
        id,
        'credit_note',
        'issued',
        number,
        'CN',
        customerId,
        currency,
        'en',
        issue,
        issue,
        gross,
        0,
        gross,
        open,
        null,
        issuedAt,
        null,
        issuedAt,
        issuedAt,
      ]);
    } else {
      const gross = int(spec.min, spec.max);
      const terms = rand() < 0.7 ? 30 : rand() < 0.5 ? 14 : 60;
      const due = addDays(issue, terms);
      const openChance = age < 60 ? 0.55 : 0.055;
      let status = 'issued';
      let open = gross;
      let voidedAt: string | null = null;
      if (rand() < openChance) {
        // Open: unpaid, or partly paid.
        if (rand() < 0.3) {
          const part = Math.floor(gross * (0.2 + rand() * 0.5));
          settle(id, randomDate(issue, TODAY), part);
          open -= part;
        }
        stats.openDocuments++;
      } else if (rand() < 0.005 && age > 1) {
        // Voided by a full credit note: both documents record the credit on its date.
        const creditDate = randomDate(addDays(issue, 1), TODAY);
        const creditId = `cnv_bench${pad(i, 9)}`;
        status = 'void';
        open = 0;
        voidedAt = `${creditDate}T12:00:00.000Z`;
        settle(id, creditDate, gross);
        settle(creditId, creditDate, gross);
        stats.voided++;
        stats.creditNotes++;
        docs.push([
          creditId,
          'credit_note',
          'issued',
          `V-${pad(i, 9)}`,
          'CN',
          customerId,
          currency,
          'en',
          creditDate,
          creditDate,
          gross,
          0,
          gross,
          0,
          id,
          voidedAt,
          null,
          voidedAt,
          voidedAt,
        ]);
        i++; // the credit note is one of the documents asked for
      } else {
        // Paid: around the due date, sometimes in two parts, now and then a bounced payment paid again.
        const paidOn = randomDate(addDays(issue, 1), addDays(due, int(-10, 60)));
        const r = rand();
        if (r < 0.15) {
          const first = Math.floor(gross / 2);
          const firstDate = randomDate(issue, paidOn);
          settle(id, firstDate, first);
          settle(id, paidOn, gross - first);
        } else if (r < 0.16) {
          const bounced = randomDate(issue, paidOn);
          settle(id, bounced, gross);
          settle(id, randomDate(bounced, paidOn), -gross);
          settle(id, paidOn, gross);
        } else settle(id, paidOn, gross);
        open = 0;
      }
      docs.push([
        id,
        'invoice',
        status,
        number,
        'INV',
        customerId,
        currency,
        'en',
        issue,
        due,
        gross,
        0,
        gross,
        open,
        null,
        issuedAt,
        voidedAt,
        issuedAt,
        issuedAt,
      ]);
    }
    if (docs.length >= 10_000) await flush();
  }
  if (docs.length > 0 || settlements.length > 0) await flush();
  return {
    customers: options.customers,
    documents: written,
    ...stats,
    seconds: (performance.now() - started) / 1000,
  };
}

const BENCH_TABLES = ['customers', 'invoices', 'invoice_settlements'];

/** SQLite: one transaction, prepared multi-row INSERTs (rows per statement within the variable limit). */
async function loadSqlite(file: string, options: AgingBenchOptions, log: (line: string) => void) {
  const handle = new SqliteDatabase(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = OFF');
  const indexes = handle
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BENCH_TABLES.map(() => '?').join(',')})`,
    )
    .all(...BENCH_TABLES) as { name: string; sql: string }[];
  for (const index of indexes) handle.exec(`drop index ${index.name}`);
  const statements = new Map<string, SqliteDatabase.Statement>();
  const statementFor = (table: Table, rows: number) => {
    const key = `${table.name}/${rows}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${table.columns.map(() => '?').join(',')})`;
      statement = handle.prepare(
        `insert into ${table.name} (${table.columns.join(',')}) values ${Array(rows).fill(tuple).join(',')}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  const writer: Writer = {
    async insert(table, rows) {
      const per = Math.floor(30_000 / table.columns.length / 100) * 100 || 1;
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        statementFor(table, part.length).run(part.flat());
      }
    },
  };
  handle.exec('begin');
  const stats = await generate(writer, options, log);
  handle.exec('commit');
  const t = performance.now();
  log(`  building ${indexes.length} indexes`);
  for (const index of indexes) handle.exec(index.sql);
  const indexSeconds = (performance.now() - t) / 1000;
  handle.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  return { stats, indexSeconds };
}

/** PostgreSQL: INSERT … SELECT FROM unnest($1::text[], …) in batches of 10,000 rows. */
async function loadPostgres(url: string, options: AgingBenchOptions, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ name: string; sql: string }>(
      `select indexname as name, indexdef as sql from pg_indexes
        where schemaname = current_schema() and tablename = any($1)
          and not exists (select 1 from pg_constraint c where c.conname = indexname)`,
      [BENCH_TABLES],
    );
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    const writer: Writer = {
      async insert(table, rows) {
        if (rows.length === 0) return;
        const columns = table.columns.map((_, c) => rows.map((row) => row[c]));
        const unnest = table.types.map((type, c) => `$${c + 1}::${type}[]`).join(', ');
        await client.query(
          `insert into ${table.name} (${table.columns.join(', ')}) select * from unnest(${unnest})`,
          columns,
        );
      },
    };
    const stats = await generate(writer, options, log);
    const t = performance.now();
    log(`  building ${indexes.length} indexes, then VACUUM ANALYZE`);
    for (const index of indexes) await client.query(index.sql);
    for (const table of BENCH_TABLES) await client.query(`vacuum analyze ${table}`);
    return { stats, indexSeconds: (performance.now() - t) / 1000 };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// The hand-written reference: one statement per report
// ---------------------------------------------------------------------------------------------------

type OpenRows = 'today' | 'definition' | 'same-method';

/** The whole report (totals per currency + the first page with names) as one hand-written statement. */
function referenceSql(kind: DbKind, asOf: string, source: OpenRows) {
  const t = [asOf, ...BUCKET_DAYS.map((d) => addDays(asOf, -d))];
  // As in the service: SQLite has no statistics to find the open items' index by itself.
  const openIndex = kind === 'sqlite' ? sql`indexed by invoices_open_aging` : sql``;
  const open =
    source === 'today'
      ? sql`select currency, customer_id, kind, due_date, open_amount as amount
              from invoices ${openIndex} where status = 'issued' and open_amount > 0 and issue_date <= ${asOf}`
      : source === 'definition'
        ? sql`select i.currency, i.customer_id, i.kind, i.due_date, i.gross_total - coalesce(s.settled, 0) as amount
                from invoices i
                left join (select invoice_id, sum(amount) as settled from invoice_settlements
                            where date <= ${asOf} group by invoice_id) s on s.invoice_id = i.id
               where i.status <> 'draft' and i.issue_date <= ${asOf}
                 and not (i.status = 'void' and substr(i.voided_at, 1, 10) <= ${asOf})`
        : sql`select currency, customer_id, kind, due_date, open_amount as amount
                from invoices ${openIndex} where status = 'issued' and open_amount > 0 and issue_date <= ${asOf}
              union all
              select i.currency, i.customer_id, i.kind, i.due_date, s.amount
                from invoice_settlements s join invoices i on i.id = s.invoice_id
               where s.date > ${asOf} and i.status <> 'draft' and i.issue_date <= ${asOf}`;
  return sql<Record<string, string | number | null>>`
    with o as (${open}),
    g as (
      select currency, customer_id,
        cast(sum(case when kind = 'invoice' and due_date >= ${t[0]} then amount else 0 end) as bigint) as b0,
        cast(sum(case when kind = 'invoice' and due_date < ${t[0]} and due_date >= ${t[1]} then amount else 0 end) as bigint) as b1,
        cast(sum(case when kind = 'invoice' and due_date < ${t[1]} and due_date >= ${t[2]} then amount else 0 end) as bigint) as b2,
        cast(sum(case when kind = 'invoice' and due_date < ${t[2]} and due_date >= ${t[3]} then amount else 0 end) as bigint) as b3,
        cast(sum(case when kind = 'invoice' and due_date < ${t[3]} then amount else 0 end) as bigint) as b4,
        cast(sum(case when kind = 'credit_note' then amount else 0 end) as bigint) as credit
      from o where amount <> 0
      group by currency, customer_id
      having sum(amount) <> 0
    ),
    r as (select g.*, b1 + b2 + b3 + b4 as overdue, b0 + b1 + b2 + b3 + b4 as total from g)
    select 'total' as part, currency, null as customer_id, null as code, null as name,
           cast(sum(b0) as bigint) as b0, cast(sum(b1) as bigint) as b1, cast(sum(b2) as bigint) as b2,
           cast(sum(b3) as bigint) as b3, cast(sum(b4) as bigint) as b4, cast(sum(credit) as bigint) as credit,
           cast(sum(overdue) as bigint) as overdue, cast(sum(total) as bigint) as total, count(*) as customers
      from r group by currency
    union all
    select 'customer' as part, p.currency, p.customer_id, c.code, c.legal_name as name,
           p.b0, p.b1, p.b2, p.b3, p.b4, p.credit, p.overdue, p.total, 1 as customers
      from (select * from r order by currency, overdue desc, total desc, customer_id limit ${PAGE}) p
      join customers c on c.id = p.customer_id`;
}

/** The facts both answers must agree on, as comparable text lines. */
function serviceLines(report: AgingReport): string[] {
  return [
    ...report.currencies.map(
      (c) =>
        `total ${c.currency} ${c.buckets.join(' ')} credit ${-c.unappliedCredit} customers ${c.customers}`,
    ),
    ...report.customers.items.map(
      (r) =>
        `row ${r.currency} ${r.customerId} ${r.customerCode} ${r.customerName} ${r.buckets.join(' ')} credit ${-r.unappliedCredit}`,
    ),
  ];
}

function referenceLines(rows: Record<string, string | number | null>[]): string[] {
  const n = (v: unknown) => Number(v);
  const buckets = (r: Record<string, unknown>) => [0, 1, 2, 3, 4].map((k) => n(r[`b${k}`])).join(' ');
  const totals = rows
    .filter((r) => r.part === 'total')
    .sort((a, b) => String(a.currency).localeCompare(String(b.currency)))
    .map((r) => `total ${r.currency} ${buckets(r)} credit ${n(r.credit)} customers ${n(r.customers)}`);
  const page = rows
    .filter((r) => r.part === 'customer')
    .sort(
      (a, b) =>
        String(a.currency).localeCompare(String(b.currency)) ||
        n(b.overdue) - n(a.overdue) ||
        n(b.total) - n(a.total) ||
        (String(a.customer_id) < String(b.customer_id) ? -1 : 1),
    )
    .map((r) => `row ${r.currency} ${r.customer_id} ${r.code} ${r.name} ${buckets(r)} credit ${n(r.credit)}`);
  return [...totals, ...page];
}

// ---------------------------------------------------------------------------------------------------
// Measurement
// ---------------------------------------------------------------------------------------------------

export interface Measurement {
  label: string;
  asOf: string;
  reference: OpenRows;
  serviceMs: number;
  referenceMs: number;
  /** service / reference (median times). */
  ratio: number;
  serviceQueries: number;
  identical: boolean;
  firstDifference?: string;
  customersInReport: number;
}

export interface DatabaseResult {
  database: DbKind;
  data: GeneratedStats;
  indexSeconds: number;
  measurements: Measurement[];
  /** For information: the first page (50) of the open-items list, and of its overdue-only filter. */
  openItemsMs: { all: number; overdue: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Runs `a` and `b` alternately (`runs` times each, after one warm-up of each), so that whatever else
 * the machine is doing weighs on both alike; returns the median time of each and their last answers.
 */
async function timedPair<A, B>(
  runs: number,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<{ aMs: number; bMs: number; a: A; b: B }> {
  let resultA = await a();
  let resultB = await b();
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    resultA = await a();
    timesA.push(performance.now() - t);
    t = performance.now();
    resultB = await b();
    timesB.push(performance.now() - t);
  }
  return { aMs: median(timesA), bMs: median(timesB), a: resultA, b: resultB };
}

function countingContext(ctx: AppContext): { ctx: AppContext; take: () => number } {
  let count = 0;
  const db: AnyDb = ctx.db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      count++;
      return args.result;
    },
  });
  return {
    ctx: { ...ctx, db },
    take: () => {
      const n = count;
      count = 0;
      return n;
    },
  };
}

async function measure(
  ctx: AppContext,
  options: AgingBenchOptions,
  log: (line: string) => void,
): Promise<Measurement[]> {
  const back = addDays(TODAY, -BACK_DAYS);
  const cases: { label: string; asOf: string; reference: OpenRows }[] = [
    { label: 'as of today', asOf: TODAY, reference: 'today' },
    { label: `as of ${BACK_DAYS} days ago`, asOf: back, reference: 'definition' },
    { label: `as of ${BACK_DAYS} days ago`, asOf: back, reference: 'same-method' },
  ];
  const out: Measurement[] = [];
  for (const c of cases) {
    log(`  ${c.label} (${c.asOf}), reference: ${c.reference}; ${options.runs} runs each after a warm-up`);
    const input = c.asOf === TODAY ? { limit: PAGE } : { asOf: c.asOf, limit: PAGE };
    const pair = await timedPair(
      options.runs,
      () => agingReport(ctx, input),
      async () => (await referenceSql(ctx.dialect, c.asOf, c.reference).execute(ctx.db)).rows,
    );
    const service = { ms: pair.aMs, result: pair.a };
    const reference = { ms: pair.bMs, result: pair.b };

    const counting = countingContext(ctx);
    await agingReport(counting.ctx, input);
    const serviceQueries = counting.take();
    const mine = serviceLines(service.result);
    const theirs = referenceLines(reference.result);
    const difference = mine.findIndex((line, i) => line !== theirs[i]);
    const identical = mine.length === theirs.length && difference === -1;
    out.push({
      label: c.label,
      asOf: c.asOf,
      reference: c.reference,
      serviceMs: service.ms,
      referenceMs: reference.ms,
      ratio: service.ms / reference.ms,
      serviceQueries,
      identical,
      ...(identical
        ? {}
        : {
            firstDifference: `service: ${mine[difference] ?? '(none)'} | reference: ${theirs[difference] ?? '(none)'}`,
          }),
      customersInReport: service.result.currencies.reduce((s, t) => s + t.customers, 0),
    });
  }
  return out;
}

async function benchDatabase(
  kind: DbKind,
  options: AgingBenchOptions,
  log: (line: string) => void,
): Promise<DatabaseResult | { skipped: string }> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duely-bench-aging-'));
    url = `sqlite:${join(dir, 'duely.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { createScratchDatabase, probePostgres, TEST_DATABASE_URL } = await import(
      '../tests/support/postgres.js'
    );
    const probe = await probePostgres();
    if (!probe.ok)
      return {
        skipped: `cannot reach ${TEST_DATABASE_URL} (${probe.reason}); set TEST_DATABASE_URL to a server`,
      };
    ({ url, drop } = await createScratchDatabase());
  }
  try {
    log(`${kind}: migrating ${url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`);
    const setup = await openDatabase(url, { poolSize: 2 });
    await migrate(setup, migrations);
    await setup.close();
    log(
      `${kind}: generating ${options.invoices.toLocaleString('en-US')} documents for ${options.customers.toLocaleString('en-US')} customers`,
    );
    const loaded =
      kind === 'sqlite'
        ? await loadSqlite(url.slice('sqlite:'.length), options, log)
        : await loadPostgres(url, options, log);
    const s = loaded.stats;
    log(
      `${kind}: ${s.documents.toLocaleString('en-US')} documents (${s.creditNotes.toLocaleString('en-US')} credit notes, ` +
        `${s.voided.toLocaleString('en-US')} voided invoices, ${s.openDocuments.toLocaleString('en-US')} open) and ` +
        `${s.settlements.toLocaleString('en-US')} settlements in ${s.seconds.toFixed(1)} s; indexes ${loaded.indexSeconds.toFixed(1)} s`,
    );
    const config = resolveConfig(
      parseConfig({
        DATABASE_URL: url,
        SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        LOG_LEVEL: 'silent',
        TIMEZONE: 'UTC',
      }),
    );
    const database = await openDatabase(url, { poolSize: 4 });
    const ctx = createContext({
      config,
      database,
      logger: pino({ level: 'silent' }),
      clock: new ManualClock(`${TODAY}T09:00:00.000Z`),
    });
    try {
      return {
        database: kind,
        data: s,
        indexSeconds: loaded.indexSeconds,
        measurements: await measure(ctx, options, log),
        openItemsMs: {
          all: (
            await timedPair(
              options.runs,
              () => openItems(ctx, { limit: PAGE }),
              async () => null,
            )
          ).aMs,
          overdue: (
            await timedPair(
              options.runs,
              () => openItems(ctx, { limit: PAGE, overdue: true }),
              async () => null,
            )
          ).aMs,
        },
      };
    } finally {
      await database.close();
    }
  } finally {
    await drop();
  }
}

export async function runAgingBench(options: AgingBenchOptions): Promise<{
  results: DatabaseResult[];
  skipped: { database: DbKind; reason: string }[];
}> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const results: DatabaseResult[] = [];
  const skipped: { database: DbKind; reason: string }[] = [];
  for (const kind of options.databases) {
    const result = await benchDatabase(kind, options, log);
    if ('skipped' in result) {
      log(`PostgreSQL benchmark SKIPPED: ${result.skipped}`);
      skipped.push({ database: kind, reason: result.skipped });
    } else results.push(result);
  }
  return { results, skipped };
}

// ---------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------

function fail(message: string): never {
  process.stderr.write(`bench:aging: ${message}\n`);
  process.exit(2);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 1) fail(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function table(
  results: DatabaseResult[],
  skipped: { database: DbKind; reason: string }[],
  runs: number,
): string {
  const head = [
    'database',
    'report',
    'as of',
    'reference query',
    'service ms',
    'reference ms',
    'ratio',
    'queries',
    'same answer',
  ];
  const rows = results.flatMap((r) =>
    r.measurements.map((m) => [
      r.database,
      m.label,
      m.asOf,
      m.reference === 'today'
        ? 'open amounts'
        : m.reference === 'definition'
          ? 'gross − Σ settled ≤ D'
          : 'open + Σ settled > D',
      m.serviceMs.toFixed(1),
      m.referenceMs.toFixed(1),
      m.ratio.toFixed(2),
      String(m.serviceQueries),
      m.identical ? 'yes' : 'NO',
    ]),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const data = results[0]?.data;
  const out = [
    '',
    `Aging benchmark: ${data ? `${data.documents.toLocaleString('en-US')} documents, ${data.customers.toLocaleString('en-US')} customers, ${data.settlements.toLocaleString('en-US')} settlements, ${data.openDocuments.toLocaleString('en-US')} open; ` : ''}median of ${runs} runs; first page of ${PAGE} customers + totals; Node ${process.version}`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
  ];
  for (const r of results)
    out.push(
      `${r.database.padEnd(8)}  open-items list, first page of ${PAGE}: ${r.openItemsMs.all.toFixed(1)} ms; overdue only: ${r.openItemsMs.overdue.toFixed(1)} ms`,
    );
  out.push('');
  for (const r of results)
    for (const m of r.measurements)
      if (!m.identical) out.push(`DIFFERENT ${r.database} ${m.label}: ${m.firstDifference}`);
  for (const s of skipped) out.push(`${s.database.padEnd(8)}  SKIPPED: ${s.reason}`);
  out.push('');
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      invoices: { type: 'string' },
      customers: { type: 'string' },
      runs: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run bench:aging -- [options]',
        '  --invoices <n>    documents to generate (default 1000000; 5% are credit notes)',
        '  --customers <n>   customers (default 100000)',
        '  --runs <n>        timed runs per measurement, after one warm-up (default 7); the median is shown',
        '  --db <list>       sqlite,postgres (default both; PostgreSQL is skipped when unreachable)',
        '  --json            results as JSON on stdout (progress stays on stderr)',
        '',
      ].join('\n'),
    );
    return;
  }
  const invoices = count('--invoices', values.invoices, 1_000_000);
  const customers = count('--customers', values.customers, 100_000);
  if (customers > invoices) fail('--customers must not exceed --invoices');
  const runs = count('--runs', values.runs, 7);
  const databases = (values.db ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as DbKind[];
  for (const db of databases)
    if (db !== 'sqlite' && db !== 'postgres') fail(`--db takes sqlite and/or postgres, got "${db}"`);
  const { results, skipped } = await runAgingBench({ invoices, customers, runs, databases });
  if (values.json)
    process.stdout.write(
      `${JSON.stringify({ node: process.version, today: TODAY, invoices, customers, runs, results, skipped }, null, 2)}\n`,
    );
  else process.stdout.write(table(results, skipped, runs));
  const different = results.flatMap((r) =>
    r.measurements.filter((m) => !m.identical).map((m) => `${r.database} ${m.label}`),
  );
  if (different.length > 0) {
    process.stderr.write(`FAILED: the service and the reference disagree (${different.join('; ')})\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main().catch((error: unknown) => {
    process.stderr.write(`bench:aging failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
