/**
 * `npm run bench:followup` — the daily follow-up run through Duely's service against a hand-written SQL
 * query selecting the same due items, in the same run, on SQLite and (when reachable) PostgreSQL.
 *
 * Data (default): 1,000,000 issued invoices for 100,000 customers (one reminder contact each), each with
 * its follow-up item: 900,000 paid (item closed, no next date), 50,000 open and not due yet, 51,000 due a
 * step today — 41,000 at their next step, 10,000 after a gap of missed runs (only their latest due step
 * may fire) — of which 1,000 are paused by an open dispute. So 50,000 are due, for 25,000 customers
 * (statement-style: one email each). Written straight into the tables with multi-row INSERTs (SQLite, one
 * transaction) or unnest() batches (PostgreSQL). The policy is the seeded default with reminder actions
 * only. Dispatch items (orders, shipments) are not followed by this engine — their delay states belong
 * to the worklist's delays — so no shipments are generated.
 *
 * Measured: the reference query (median of 3), the actions' own cost (queueing the same number of
 * outbox messages in transactions of the run's size, then removed), the first run and a second run the
 * same day (which must send 0 messages). Ratios: first/reference, (first − actions)/reference, second/first.
 *
 *   npm run bench:followup -- [--invoices 1000000] [--due 50000] [--db sqlite,postgres] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { migrations } from '../migrations/index.js';
import { runFollowup } from '../src/modules/followup/index.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { createContext } from '../src/platform/bootstrap.js';
import { ManualClock } from '../src/platform/clock.js';
import { parseConfig, resolveConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { addDays } from '../src/platform/dates.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { transaction } from '../src/platform/db/transaction.js';
import { queueMail } from '../src/platform/mail/outbox.js';

type DbKind = 'sqlite' | 'postgres';
type Value = string | number | null;
interface Table {
  name: string;
  columns: string[];
  types: string[];
}

const TODAY = '2026-12-04';
const NOW = `${TODAY}T09:00:00.000Z`;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

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
const CONTACTS: Table = {
  name: 'customer_contacts',
  columns: [
    'id',
    'customer_id',
    'name',
    'email',
    'receives_invoices',
    'receives_reminders',
    'created_at',
    'updated_at',
  ],
  types: ['text', 'text', 'text', 'text', 'int4', 'int4', 'text', 'text'],
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
    'issued_at',
    'created_at',
    'updated_at',
  ],
  types: [...Array(10).fill('text'), 'int8', 'int8', 'int8', 'int8', 'text', 'text', 'text'],
};
const ITEMS: Table = {
  name: 'followup_items',
  columns: [
    'invoice_id',
    'customer_id',
    'currency',
    'due_date',
    'kind',
    'policy_id',
    'current_step',
    'next_date',
    'last_run_on',
    'closed_at',
    'closed_reason',
    'created_at',
    'updated_at',
  ],
  types: [
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
    'int4',
    'text',
    'text',
    'text',
    'text',
    'text',
    'text',
  ],
};
const PAUSES: Table = {
  name: 'followup_pauses',
  columns: ['id', 'invoice_id', 'customer_id', 'kind', 'source_id', 'reason', 'starts_on', 'created_at'],
  types: Array(8).fill('text'),
};

interface Writer {
  insert(table: Table, rows: Value[][]): Promise<void>;
}

interface Options {
  invoices: number;
  due: number;
  databases: DbKind[];
  log: (line: string) => void;
}

/** The data set; returns how many items are due today (not paused) and for how many customers. */
async function generate(writer: Writer, options: Options): Promise<{ due: number; dueCustomers: number }> {
  const customers = Math.max(10, Math.floor(options.invoices / 10));
  const dueCustomers = Math.max(1, Math.min(customers, Math.floor(options.due / 2)));
  const paused = Math.floor(options.due / 50);
  const dueTotal = options.due + paused;
  const notDue = options.due;
  let rows: Value[][] = [];
  let contacts: Value[][] = [];
  for (let c = 0; c < customers; c++) {
    const name = `Bench Customer ${pad(c, 7)}`;
    rows.push([
      `cus_b${pad(c, 8)}`,
      `B-${pad(c, 7)}`,
      name,
      name.toLowerCase(),
      name.toLowerCase(),
      'active',
      '1 Bench Street',
      'Paris',
      'FR',
      c % 3 === 0 ? 'fr' : 'en',
      'EUR',
      '{"kind":"net","days":30}',
      NOW,
      NOW,
    ]);
    contacts.push([
      `cct_b${pad(c, 8)}`,
      `cus_b${pad(c, 8)}`,
      'Accounts',
      `ap${c}@bench.example`,
      1,
      1,
      NOW,
      NOW,
    ]);
    if (rows.length === 10_000) {
      await writer.insert(CUSTOMERS, rows);
      await writer.insert(CONTACTS, contacts);
      rows = [];
      contacts = [];
    }
  }
  if (rows.length > 0) {
    await writer.insert(CUSTOMERS, rows);
    await writer.insert(CONTACTS, contacts);
  }

  let invoices: Value[][] = [];
  let items: Value[][] = [];
  const pauses: Value[][] = [];
  for (let i = 0; i < options.invoices; i++) {
    const id = `inv_b${pad(i, 9)}`;
    const gross = 10_000 + (i % 90_000);
    let customer: number;
    let due: string;
    let open = 0;
    let step = 0;
    let next: string | null = null;
    let closed: string | null = NOW;
    if (i < dueTotal) {
      // Due today: at their next step, or (one in five) after missed runs, two steps behind.
      customer = i % dueCustomers;
      open = gross;
      closed = null;
      step = 1;
      if (i % 5 === 0) {
        due = addDays(TODAY, -25);
        next = addDays(due, 7);
      } else {
        due = addDays(TODAY, -7);
        next = TODAY;
      }
      if (i < paused)
        pauses.push([
          `fpa_b${pad(i, 9)}`,
          id,
          `cus_b${pad(customer, 8)}`,
          'dispute',
          `dsp_b${i}`,
          'bench',
          TODAY,
          NOW,
        ]);
    } else if (i < dueTotal + notDue) {
      customer = i % customers;
      open = gross;
      closed = null;
      due = addDays(TODAY, 5 + (i % 30));
      next = addDays(due, -3);
    } else {
      customer = i % customers;
      due = addDays(TODAY, -30 - (i % 600));
    }
    const issue = addDays(due, -30);
    invoices.push([
      id,
      'invoice',
      'issued',
      `INV-B-${pad(i, 9)}`,
      'INV',
      `cus_b${pad(customer, 8)}`,
      'EUR',
      'en',
      issue,
      due,
      gross,
      0,
      gross,
      open,
      `${issue}T10:00:00.000Z`,
      NOW,
      NOW,
    ]);
    items.push([
      id,
      `cus_b${pad(customer, 8)}`,
      'EUR',
      due,
      'invoice',
      'fpo_standard',
      closed ? 4 : step,
      next,
      null,
      closed,
      closed ? 'settled' : null,
      NOW,
      NOW,
    ]);
    if (invoices.length === 10_000) {
      await writer.insert(INVOICES, invoices);
      await writer.insert(ITEMS, items);
      invoices = [];
      items = [];
      if ((i + 1) % 100_000 === 0) options.log(`  ${(i + 1).toLocaleString('en-US')} invoices`);
    }
  }
  if (invoices.length > 0) {
    await writer.insert(INVOICES, invoices);
    await writer.insert(ITEMS, items);
  }
  await writer.insert(PAUSES, pauses);
  return { due: options.due, dueCustomers };
}

async function loadSqlite(path: string, options: Options) {
  const handle = new SqliteDatabase(path);
  handle.pragma('journal_mode = WAL');
  const statements = new Map<string, SqliteDatabase.Statement>();
  const writer: Writer = {
    async insert(table, rows) {
      const per = Math.floor(30_000 / table.columns.length / 100) * 100 || 1;
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        const key = `${table.name}/${part.length}`;
        let statement = statements.get(key);
        if (!statement) {
          const tuple = `(${table.columns.map(() => '?').join(',')})`;
          statement = handle.prepare(
            `insert into ${table.name} (${table.columns.join(',')}) values ${Array(part.length).fill(tuple).join(',')}`,
          );
          statements.set(key, statement);
        }
        statement.run(part.flat());
      }
    },
  };
  handle.exec('begin');
  const out = await generate(writer, options);
  handle.exec('commit');
  handle.exec('analyze');
  handle.close();
  return out;
}

async function loadPostgres(url: string, options: Options) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
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
    const out = await generate(writer, options);
    for (const t of ['customers', 'customer_contacts', 'invoices', 'followup_items', 'followup_pauses'])
      await client.query(`vacuum analyze ${t}`);
    return out;
  } finally {
    await client.end();
  }
}

/** The hand-written selection: the due, unpaused items with what a reminder needs from their invoice. */
async function reference(ctx: AppContext): Promise<number> {
  const result = await sql<{ invoice_id: string }>`
    select i.invoice_id, i.customer_id, i.due_date, i.current_step, i.policy_id, v.number, v.open_amount
      from followup_items i join invoices v on v.id = i.invoice_id
     where i.next_date <= ${TODAY}
       and not exists (select 1 from followup_pauses p
                        where p.invoice_id = i.invoice_id and p.ended_at is null
                          and (p.until is null or p.until > ${TODAY}))`.execute(ctx.db);
  return result.rows.length;
}

const ms = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The actions' own cost: queueing `messages` outbox rows in transactions as large as the run's, then removing them. */
async function actionCost(ctx: AppContext, messages: number, perTransaction: number): Promise<number> {
  const ids: string[] = [];
  const [elapsed] = await ms(async () => {
    for (let i = 0; i < messages; i += perTransaction) {
      await transaction(ctx, systemActor('bench'), async (tx) => {
        for (let j = i; j < Math.min(messages, i + perTransaction); j++)
          ids.push(
            await queueMail(tx, {
              to: [`ap${j}@bench.example`],
              subject: `Overdue invoices: INV-B-${pad(j, 9)}, INV-B-${pad(j + 1, 9)}`,
              text: 'Hello,\n\nThe following invoices are overdue:\n- INV-B-1\n- INV-B-2\n\nKind regards',
              related: { type: 'customer', id: `cus_b${pad(j, 8)}` },
            }),
          );
      });
    }
  });
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await ctx.db.deleteFrom('mail_events').where('message_id', 'in', chunk).execute();
    await ctx.db.deleteFrom('mail_messages').where('id', 'in', chunk).execute();
  }
  await ctx.db.deleteFrom('jobs').where('name', '=', 'mail.send').execute();
  return elapsed;
}

async function benchDatabase(kind: DbKind, options: Options) {
  const log = options.log;
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duely-bench-followup-'));
    url = `sqlite:${join(dir, 'duely.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { createScratchDatabase, probePostgres, TEST_DATABASE_URL } = await import(
      '../tests/support/postgres.js'
    );
    const probe = await probePostgres();
    if (!probe.ok) return { database: kind, skipped: `cannot reach ${TEST_DATABASE_URL} (${probe.reason})` };
    ({ url, drop } = await createScratchDatabase());
  }
  try {
    const setup = await openDatabase(url, { poolSize: 2 });
    await migrate(setup, migrations);
    // The bench policy: the seeded default, reminders only (tasks and holds belong to other modules' costs).
    await setup.db
      .updateTable('followup_policy_steps')
      .set({ actions: '[{"type":"reminder"}]' })
      .where('policy_id', '=', 'fpo_standard')
      .execute();
    await setup.close();
    log(`${kind}: generating ${options.invoices.toLocaleString('en-US')} invoices and their follow-up items`);
    const [loadMs, data] = await ms(() =>
      kind === 'sqlite' ? loadSqlite(url.slice('sqlite:'.length), options) : loadPostgres(url, options),
    );
    log(`${kind}: loaded in ${(loadMs / 1000).toFixed(1)} s`);
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
      clock: new ManualClock(NOW),
    });
    try {
      const refTimes: number[] = [];
      let selected = 0;
      for (let r = 0; r < 3; r++) {
        const [t, n] = await ms(() => reference(ctx));
        refTimes.push(t);
        selected = n;
      }
      const referenceMs = median(refTimes);
      log(
        `${kind}: reference query selects ${selected.toLocaleString('en-US')} due items in ${referenceMs.toFixed(0)} ms`,
      );
      const actionsMs = await actionCost(ctx, data.dueCustomers, 250);
      log(
        `${kind}: the actions' own cost — ${data.dueCustomers.toLocaleString('en-US')} outbox messages — ${actionsMs.toFixed(0)} ms`,
      );
      let lastShown = 0;
      const [firstMs, first] = await ms(() =>
        runFollowup(ctx, {
          asOf: TODAY,
          listLimit: 0,
          onProgress: (done, total) => {
            if (done - lastShown >= 10_000 || done === total) {
              lastShown = done;
              log(`  first run: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} items`);
            }
          },
        }),
      );
      log(
        `${kind}: first run ${firstMs.toFixed(0)} ms — ${first.itemsClaimed.toLocaleString('en-US')} steps, ${first.messages.toLocaleString('en-US')} emails, ${first.failures.length} failures`,
      );
      const [secondMs, second] = await ms(() => runFollowup(ctx, { asOf: TODAY, listLimit: 0 }));
      log(`${kind}: second run ${secondMs.toFixed(0)} ms — ${second.messages} emails`);
      if (second.messages !== 0) throw new Error(`the second run sent ${second.messages} messages`);
      if (first.itemsClaimed !== selected)
        throw new Error(`the run claimed ${first.itemsClaimed} items, the reference selects ${selected}`);
      return {
        database: kind,
        invoices: options.invoices,
        dueItems: selected,
        emails: first.messages,
        referenceMs: Math.round(referenceMs),
        actionsMs: Math.round(actionsMs),
        firstRunMs: Math.round(firstMs),
        secondRunMs: Math.round(secondMs),
        firstOverReference: +(firstMs / referenceMs).toFixed(1),
        firstMinusActionsOverReference: +((firstMs - actionsMs) / referenceMs).toFixed(1),
        firstOverReferencePlusActions: +(firstMs / (referenceMs + actionsMs)).toFixed(2),
        secondOverFirst: +(secondMs / firstMs).toFixed(4),
        secondRunMessages: second.messages,
      };
    } finally {
      await database.close();
    }
  } finally {
    await drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      invoices: { type: 'string', default: '1000000' },
      due: { type: 'string', default: '50000' },
      db: { type: 'string', default: 'sqlite,postgres' },
      json: { type: 'boolean', default: false },
    },
  });
  const options: Options = {
    invoices: Number(values.invoices),
    due: Number(values.due),
    databases: values.db!.split(',').map((d) => d.trim() as DbKind),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (!(options.invoices >= options.due * 2.2))
    throw new Error('--invoices must be at least 2.2 × --due (due, not-due and paid invoices)');
  const results = [];
  for (const kind of options.databases) results.push(await benchDatabase(kind, options));
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else
    for (const r of results) {
      if ('skipped' in r) {
        process.stdout.write(`${r.database}: skipped — ${r.skipped}\n`);
        continue;
      }
      process.stdout.write(
        [
          `${r.database}: ${r.invoices.toLocaleString('en-US')} invoices, ${r.dueItems.toLocaleString('en-US')} due today → ${r.emails.toLocaleString('en-US')} emails`,
          `  reference selection ${r.referenceMs} ms · actions' own cost (outbox) ${r.actionsMs} ms`,
          `  first run ${r.firstRunMs} ms = ${r.firstOverReference}× the selection; ${r.firstMinusActionsOverReference}× without the actions' cost; ${r.firstOverReferencePlusActions}× (selection + actions)`,
          `  second run ${r.secondRunMs} ms = ${(r.secondOverFirst * 100).toFixed(2)}% of the first, ${r.secondRunMessages} messages`,
          '',
        ].join('\n'),
      );
    }
}

await main();
