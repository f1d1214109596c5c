/**
 * `npm run bench:tracking` — tracking ingestion through the webhook endpoint (a real HTTP server on a
 * port, signed Duely generic JSON requests of up to --batch events) and through the service directly
 * (the same batches: normalise + one transaction of `ingestTrackingEvents` each, no HTTP), in the same
 * run, on SQLite and (when reachable) PostgreSQL. The ratio endpoint/service is what HTTP costs.
 *
 * Data per path: --shipments shipped shipments (each with its customer, billing contact and order,
 * written straight into the tables by a bench-only seeder) and --events events for them, of which
 * --duplicates (default 20%) are re-deliveries of events already in the stream. Unique events per
 * shipment go info_received → in_transit → out_for_delivery → delivered (3 or 4 of them), arriving in
 * waves by carrier time with the order shuffled inside each wave, so every request touches many
 * shipments; out-for-delivery and delivered queue a customer mail and delivered completes the
 * shipment and its order, as in production. After each path the run checks that every unique event
 * was applied exactly once (responses and the tracking_events table) and fails otherwise.
 *
 *   npm run bench:tracking -- [--shipments 50000] [--events 200000] [--duplicates 0.2] [--batch 500]
 *                             [--concurrency 4] [--db sqlite,postgres] [--json]
 *   BENCH_TRACKING_SHIPMENTS / BENCH_TRACKING_EVENTS set the sizes too (e.g. 5000 / 20000 for a quick run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { migrations } from '../migrations/index.js';
import { buildServer, registerBackgroundWork } from '../src/app.js';
import { normaliseTrackingPayload } from '../src/modules/shipping/carrier-formats.js';
import { createCarrier } from '../src/modules/shipping/carriers.js';
import { signDuelyWebhook } from '../src/modules/shipping/signatures.js';
import { runPendingTrackingEffects } from '../src/modules/shipping/tracking/effects.js';
import { ingestTrackingEvents } from '../src/modules/shipping/tracking/ingest.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { createContext } from '../src/platform/bootstrap.js';
import { systemClock } from '../src/platform/clock.js';
import { parseConfig, resolveConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { type AnyDb, openDatabase } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { transaction } from '../src/platform/db/transaction.js';
import { createMetrics } from '../src/platform/http/metrics.js';

type DbKind = 'sqlite' | 'postgres';

export interface TrackingBenchOptions {
  shipments: number;
  events: number;
  duplicates: number;
  batch: number;
  concurrency: number;
  databases: DbKind[];
  /** Also drain and time the deferred effects (mails, lifecycle, tracking.updated) after each path. */
  effects: boolean;
  log?: (line: string) => void;
}

interface PathResult {
  events: number;
  unique: number;
  duplicatesSent: number;
  requests: number;
  seconds: number;
  eventsPerSecond: number;
  applied: number;
  duplicatesDropped: number;
  storedEvents: number;
  /** Draining the effects afterwards (mails, lifecycle moves, tracking.updated): what the job does. */
  effectsSeconds: number | null;
  effectsShipmentsPerSecond: number | null;
  mails: number;
  deliveredShipments: number;
}

interface DatabaseResult {
  database: DbKind;
  seedSeconds: number;
  endpoint: PathResult;
  service: PathResult;
  ratio: number;
}

const NOW = '2026-12-04T09:00:00.000Z';

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

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ── Seeding (bench only: straight into the tables, in one transaction per 1,000 shipments) ──────────

async function insertRows(db: AnyDb, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const per = Math.max(1, Math.floor(8000 / Object.keys(rows[0] ?? { a: 1 }).length));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per))
      .execute();
}

async function seedShipments(
  ctx: AppContext,
  prefix: string,
  count: number,
  carrierId: string,
  log: (line: string) => void,
): Promise<string[]> {
  const numbers: string[] = [];
  const chunk = 1000;
  for (let start = 0; start < count; start += chunk) {
    const customers: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const orders: Record<string, unknown>[] = [];
    const shipments: Record<string, unknown>[] = [];
    const links: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) {
      const key = `${prefix}${pad(i, 7)}`;
      const name = `Bench Customer ${key}`;
      const address = {
        line1: '1 Bench Street',
        line2: null,
        postalCode: '75001',
        city: 'Paris',
        region: null,
        country: 'FR',
      };
      customers.push({
        id: `cus_${key}`,
        code: `B-${key}`,
        legal_name: name,
        sort_name: name.toLowerCase(),
        search_text: name.toLowerCase(),
        status: 'active',
        billing_line1: address.line1,
        billing_city: address.city,
        billing_country: 'FR',
        language: i % 3 === 0 ? 'fr' : 'en',
        currency: 'EUR',
        payment_terms: '{"kind":"net","days":30}',
        created_at: NOW,
        updated_at: NOW,
      });
      contacts.push({
        id: `con_${key}`,
        customer_id: `cus_${key}`,
        name: 'Receiving',
        email: `dock.${key}@customer.example`,
        receives_invoices: 1,
        receives_reminders: 0,
        created_at: NOW,
        updated_at: NOW,
      });
      orders.push({
        id: `ord_${key}`,
        number: `SO-2026-${key}`,
        status: 'shipped',
        customer_id: `cus_${key}`,
        order_date: '2026-12-01',
        currency: 'EUR',
        net_total: 1000,
        shipping_address: JSON.stringify(address),
        confirmed_at: NOW,
        first_shipped_at: NOW,
        shipped_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      });
      shipments.push({
        id: `shp_${key}`,
        number: `SHP-2026-${key}`,
        kind: 'regular',
        order_id: `ord_${key}`,
        customer_id: `cus_${key}`,
        warehouse_id: 'whs_bench',
        status: 'shipped',
        carrier_id: carrierId,
        service: 'standard',
        ship_to: JSON.stringify(address),
        shipped_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      });
      const number = `1ZBENCH${key}`;
      numbers.push(number);
      links.push({
        carrier_id: carrierId,
        tracking_number: number,
        shipment_id: `shp_${key}`,
        created_at: NOW,
      });
    }
    await transaction(ctx, systemActor('bench'), async (tx) => {
      await insertRows(tx.db, 'customers', customers);
      await insertRows(tx.db, 'customer_contacts', contacts);
      await insertRows(tx.db, 'sales_orders', orders);
      await insertRows(tx.db, 'shipments', shipments);
      await insertRows(tx.db, 'shipment_tracking_numbers', links);
    });
    if ((start / chunk) % 10 === 9)
      log(`  seeded ${(start + chunk).toLocaleString('en-US')} shipments (${prefix})`);
  }
  return numbers;
}

// ── The event stream ─────────────────────────────────────────────────────────────────────────────

interface BenchEvent {
  eventId: string;
  trackingNumber: string;
  carrier: string;
  occurredAt: string;
  status: string;
  substatus?: string;
  eta?: string;
  rawCode: string;
  rawText: string;
}

const STEPS = [
  { status: 'info_received', rawCode: 'MP', rawText: 'Shipment information received' },
  { status: 'in_transit', rawCode: 'DP', rawText: 'Departed facility' },
  { status: 'out_for_delivery', rawCode: 'OT', rawText: 'Out for delivery' },
  { status: 'delivered', rawCode: 'KB', rawText: 'Delivered, front door' },
] as const;

/** Batches of events: waves by carrier time, shuffled inside each wave, duplicates mixed in. */
function eventStream(
  numbers: readonly string[],
  carrierCode: string,
  total: number,
  duplicateShare: number,
  batch: number,
  seed: number,
): { batches: BenchEvent[][]; unique: number; duplicates: number } {
  const rand = random(seed);
  const duplicates = Math.round(total * duplicateShare);
  const unique = total - duplicates;
  const perShipment = numbers.map((_, i) => {
    const base = Math.floor(unique / numbers.length);
    return Math.min(STEPS.length, base + (i < unique % numbers.length ? 1 : 0));
  });
  const waves: BenchEvent[][] = [[], [], [], []];
  const start = Date.parse('2026-12-01T06:00:00Z');
  numbers.forEach((number, i) => {
    const steps = STEPS.slice(STEPS.length - perShipment[i]!);
    steps.forEach((step, s) => {
      const wave = STEPS.length - steps.length + s;
      waves[wave]!.push({
        eventId: `${number}-${step.rawCode}`,
        trackingNumber: number,
        carrier: carrierCode,
        occurredAt: new Date(start + wave * 10 * 3_600_000 + (i % 3600) * 1000).toISOString(),
        status: step.status,
        ...(step.status === 'in_transit' ? { eta: '2026-12-03' } : {}),
        rawCode: step.rawCode,
        rawText: step.rawText,
      });
    });
  });
  const stream: BenchEvent[] = [];
  const sent: BenchEvent[] = [];
  let duplicatesLeft = duplicates;
  const totalUnique = waves.reduce((n, w) => n + w.length, 0);
  for (const wave of waves) {
    for (let i = wave.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [wave[i], wave[j]] = [wave[j]!, wave[i]!];
    }
    for (const e of wave) {
      stream.push(e);
      sent.push(e);
      // Re-deliver an event already sent, at the rate that spreads the duplicates over the stream.
      while (duplicatesLeft > 0 && rand() < duplicates / totalUnique) {
        stream.push(sent[Math.floor(rand() * sent.length)]!);
        duplicatesLeft--;
      }
    }
  }
  while (duplicatesLeft-- > 0) stream.push(sent[Math.floor(rand() * sent.length)]!);
  const batches: BenchEvent[][] = [];
  for (let i = 0; i < stream.length; i += batch) batches.push(stream.slice(i, i + batch));
  return { batches, unique: totalUnique, duplicates };
}

// ── Running a path ───────────────────────────────────────────────────────────────────────────────

async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

async function countOf(db: AnyDb, table: string, where?: [string, string]): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (where) q = q.where(where[0], 'like', where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function runPath(
  ctx: AppContext,
  label: string,
  stream: ReturnType<typeof eventStream>,
  prefix: string,
  concurrency: number,
  drainEffects: boolean,
  send: (events: BenchEvent[]) => Promise<{ applied: number; duplicates: number }>,
  log: (line: string) => void,
): Promise<PathResult> {
  const total = stream.batches.reduce((n, b) => n + b.length, 0);
  let applied = 0;
  let dropped = 0;
  let done = 0;
  let nextReport = 0.1;
  const started = performance.now();
  await pool(stream.batches, concurrency, async (events) => {
    const r = await send(events);
    applied += r.applied;
    dropped += r.duplicates;
    done += events.length;
    if (done / total >= nextReport) {
      const s = (performance.now() - started) / 1000;
      log(
        `  ${label}: ${Math.round((done / total) * 100)}% — ${done.toLocaleString('en-US')} events, ${Math.round(done / s).toLocaleString('en-US')} events/s`,
      );
      nextReport += 0.1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  let effectsSeconds: number | null = null;
  let effectsShipments = 0;
  if (drainEffects) {
    log(`  ${label}: applying the deferred effects (the tracking.effects job's function)`);
    const effectsStarted = performance.now();
    effectsShipments = (await runPendingTrackingEffects(ctx)).shipments;
    effectsSeconds = (performance.now() - effectsStarted) / 1000;
  }
  const storedEvents = await countOf(ctx.db, 'tracking_events', ['shipment_id', `shp_${prefix}%`]);
  const mails = await countOf(ctx.db, 'mail_messages', ['related_id', `shp_${prefix}%`]);
  const delivered = Number(
    (
      await ctx.db
        .selectFrom('shipments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('id', 'like', `shp_${prefix}%`)
        .where('status', '=', 'delivered')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    events: total,
    unique: stream.unique,
    duplicatesSent: stream.duplicates,
    requests: stream.batches.length,
    seconds,
    eventsPerSecond: total / seconds,
    applied,
    duplicatesDropped: dropped,
    storedEvents,
    effectsSeconds,
    effectsShipmentsPerSecond: effectsSeconds === null ? null : effectsShipments / effectsSeconds,
    mails,
    deliveredShipments: delivered,
  };
}

function check(label: string, r: PathResult, shipments: number, effects: boolean) {
  const problems: string[] = [];
  if (r.applied !== r.unique) problems.push(`applied ${r.applied} events, expected ${r.unique}`);
  if (r.storedEvents !== r.unique) problems.push(`stored ${r.storedEvents} events, expected ${r.unique}`);
  if (r.duplicatesDropped !== r.duplicatesSent)
    problems.push(`dropped ${r.duplicatesDropped} duplicates, sent ${r.duplicatesSent}`);
  if (effects && r.deliveredShipments !== shipments)
    problems.push(`${r.deliveredShipments} of ${shipments} shipments delivered`);
  if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`);
}

async function benchDatabase(
  kind: DbKind,
  options: TrackingBenchOptions,
  log: (line: string) => void,
): Promise<DatabaseResult | { skipped: string }> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duely-bench-tracking-'));
    url = `sqlite:${join(dir, 'duely.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { createScratchDatabase, probePostgres, TEST_DATABASE_URL } = await import(
      '../tests/support/postgres.js'
    );
    const probe = await probePostgres();
    if (!probe.ok)
      return { skipped: `cannot reach ${TEST_DATABASE_URL} (${probe.reason}); set TEST_DATABASE_URL` };
    ({ url, drop } = await createScratchDatabase());
  }
  const config = resolveConfig(
    parseConfig({
      DATABASE_URL: url,
      SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: 'silent',
      TIMEZONE: 'UTC',
    }),
  );
  const database = await openDatabase(url, { poolSize: options.concurrency + 2 });
  const ctx = createContext({ config, database, logger: pino({ level: 'silent' }), clock: systemClock });
  let server: Awaited<ReturnType<typeof buildServer>> | undefined;
  try {
    log(`${kind}: migrating`);
    await migrate(database, migrations);
    registerBackgroundWork(ctx);
    const actor = systemActor('bench');
    const { webhookSecret } = await createCarrier(ctx, actor, {
      code: 'bench',
      name: 'Bench Express',
      webhookFormat: 'duely',
    });
    const carrier = (await ctx.db
      .selectFrom('carriers')
      .select('id')
      .where('code', '=', 'bench')
      .executeTakeFirstOrThrow()) as {
      id: string;
    };
    const seedStarted = performance.now();
    log(
      `${kind}: seeding 2 × ${options.shipments.toLocaleString('en-US')} shipped shipments (customers, contacts, orders)`,
    );
    const httpNumbers = await seedShipments(ctx, 'h', options.shipments, carrier.id, log);
    const serviceNumbers = await seedShipments(ctx, 's', options.shipments, carrier.id, log);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const httpStream = eventStream(
      httpNumbers,
      'bench',
      options.events,
      options.duplicates,
      options.batch,
      1,
    );
    const serviceStream = eventStream(
      serviceNumbers,
      'bench',
      options.events,
      options.duplicates,
      options.batch,
      1,
    );

    server = await buildServer(ctx, createMetrics(), { serveWeb: false, logRequests: false });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const endpointUrl = `${address}/api/webhooks/tracking/bench`;
    log(
      `${kind}: ${httpStream.batches.length} signed requests to ${endpointUrl} (${options.concurrency} at a time)`,
    );
    const endpoint = await runPath(
      ctx,
      `${kind} endpoint`,
      httpStream,
      'h',
      options.concurrency,
      options.effects,
      async (events) => {
        const raw = JSON.stringify({ events });
        const response = await fetch(endpointUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-duely-signature': signDuelyWebhook(webhookSecret!, raw, Math.floor(Date.now() / 1000)),
          },
          body: raw,
        });
        const body = (await response.json()) as { applied: number; duplicates: number; detail?: string };
        if (response.status !== 200)
          throw new Error(`webhook answered ${response.status}: ${JSON.stringify(body)}`);
        return body;
      },
      log,
    );
    check(`${kind} endpoint`, endpoint, options.shipments, options.effects);

    log(`${kind}: the same batches through the service (normalise + ingestTrackingEvents per transaction)`);
    const service = await runPath(
      ctx,
      `${kind} service`,
      serviceStream,
      's',
      options.concurrency,
      options.effects,
      async (events) => {
        const normalised = normaliseTrackingPayload('duely', { events });
        return transaction(ctx, systemActor('webhook:bench'), (tx) =>
          ingestTrackingEvents(tx, {
            carrierId: carrier.id,
            source: 'webhook',
            events: normalised,
            effects: 'deferred',
          }),
        );
      },
      log,
    );
    check(`${kind} service`, service, options.shipments, options.effects);
    return {
      database: kind,
      seedSeconds,
      endpoint,
      service,
      ratio: endpoint.eventsPerSecond / service.eventsPerSecond,
    };
  } finally {
    await server?.close();
    await database.close();
    await drop();
  }
}

export async function runTrackingBench(options: TrackingBenchOptions) {
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

// ── Command line ─────────────────────────────────────────────────────────────────────────────────

function fail(message: string): never {
  process.stderr.write(`bench:tracking: ${message}\n`);
  process.exit(2);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < 1) fail(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function table(results: DatabaseResult[], skipped: { database: DbKind; reason: string }[]): string {
  const head = [
    'database',
    'path',
    'events',
    'duplicates',
    'requests',
    'seconds',
    'events/s',
    'applied',
    'effects s',
    'shipments/s',
    'mails',
    'delivered',
  ];
  const rows = results.flatMap((r) =>
    (['endpoint', 'service'] as const).map((path) => {
      const p = r[path];
      return [
        r.database,
        path === 'endpoint' ? 'HTTP webhook' : 'service',
        p.events.toLocaleString('en-US'),
        p.duplicatesDropped.toLocaleString('en-US'),
        p.requests.toLocaleString('en-US'),
        p.seconds.toFixed(1),
        Math.round(p.eventsPerSecond).toLocaleString('en-US'),
        p.applied.toLocaleString('en-US'),
        p.effectsSeconds === null ? '-' : p.effectsSeconds.toFixed(1),
        p.effectsShipmentsPerSecond === null
          ? '-'
          : Math.round(p.effectsShipmentsPerSecond).toLocaleString('en-US'),
        p.mails.toLocaleString('en-US'),
        p.deliveredShipments.toLocaleString('en-US'),
      ];
    }),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    '',
    `Tracking ingestion benchmark; Node ${process.version}`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
  ];
  for (const r of results)
    out.push(
      `${r.database.padEnd(8)}  endpoint/service ratio ${r.ratio.toFixed(2)}; zero duplicates applied (every unique event stored once); seeding ${r.seedSeconds.toFixed(1)} s`,
    );
  for (const s of skipped) out.push(`${s.database.padEnd(8)}  SKIPPED: ${s.reason}`);
  out.push('');
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shipments: { type: 'string' },
      events: { type: 'string' },
      duplicates: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      db: { type: 'string' },
      effects: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run bench:tracking -- [options]',
        '  --shipments <n>     shipped shipments per path (default 50000; env BENCH_TRACKING_SHIPMENTS)',
        '  --events <n>        events per path, duplicates included (default 200000; env BENCH_TRACKING_EVENTS)',
        '  --duplicates <r>    share of the events that are re-deliveries (default 0.2)',
        '  --batch <n>         events per request / transaction (default 500, at most 1000)',
        '  --concurrency <n>   requests in flight (default 4)',
        '  --db <list>         sqlite,postgres (default both; PostgreSQL is skipped when unreachable)',
        '  --effects           then drain the deferred effects (mails, lifecycle, events) and time them too',
        '  --json              results as JSON on stdout (progress stays on stderr)',
        '',
      ].join('\n'),
    );
    return;
  }
  const shipments = count('--shipments', values.shipments ?? process.env.BENCH_TRACKING_SHIPMENTS, 50_000);
  const events = count('--events', values.events ?? process.env.BENCH_TRACKING_EVENTS, 200_000);
  const duplicates = values.duplicates === undefined ? 0.2 : Number(values.duplicates);
  if (!(duplicates >= 0 && duplicates < 1)) fail('--duplicates must be a share between 0 and 1');
  const unique = Math.round(events * (1 - duplicates));
  if (unique > shipments * 4 || unique < shipments)
    fail('each shipment needs 1–4 unique events: adjust --events or --shipments');
  const batch = count('--batch', values.batch, 500);
  if (batch > 1000) fail('--batch is at most 1000 (the Duely format’s limit per request)');
  const databases = (values.db ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as DbKind[];
  for (const d of databases) if (d !== 'sqlite' && d !== 'postgres') fail(`unknown database "${d}"`);
  const { results, skipped } = await runTrackingBench({
    shipments,
    events,
    duplicates,
    batch,
    concurrency: count('--concurrency', values.concurrency, 4),
    databases,
    effects: values.effects ?? false,
  });
  process.stdout.write(
    values.json ? `${JSON.stringify({ results, skipped }, null, 2)}\n` : table(results, skipped),
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
