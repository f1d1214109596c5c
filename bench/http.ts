/**
 * `npm run bench:http` — requests/s and latency of an authenticated GET of one record on the real
 * Duely server (`GET /api/users/:id`, API token, admin role) against a bare Fastify route returning a
 * similar small JSON object, measured in the same run on the same machine, for SQLite and (when
 * reachable) PostgreSQL. Prints ratios, never asserts timings; exits 1 if any request failed.
 *
 * Each server runs in a child process of its own (this file, role "server") so that autocannon, which
 * runs here, does not share an event loop with the server it measures.
 *
 *   npm run bench:http -- [--duration 10] [--warmup 3] [--connections 50] [--db sqlite,postgres]
 *                         [--json] [--profile <dir>]
 *
 * BENCH_DURATION (seconds) is read when --duration is absent. --profile writes a V8 CPU profile of
 * each Duely server to <dir> (open it in Chrome DevTools, or summarise with bench/profile-summary.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

type DbKind = 'sqlite' | 'postgres';
type TargetKind = 'bare' | 'duely';

/** What a server child tells the parent once it listens. */
interface Ready {
  type: 'ready';
  url: string;
  headers: Record<string, string>;
}
/** Statements the child's database driver executed since the last reset. */
interface Counted {
  type: 'counted';
  queries: number;
}
type ChildMessage = Ready | Counted | { type: 'failed'; message: string };
type ParentMessage = { type: 'count' } | { type: 'stop' };

export interface TargetResult {
  database: DbKind;
  target: TargetKind;
  url: string;
  durationS: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** SQL statements per request (Duely only). */
  queriesPerRequest?: number;
}

export interface Comparison {
  database: DbKind;
  bare: TargetResult;
  duely: TargetResult;
  /** duely / bare requests per second: 1 means no overhead. */
  reqPerSecRatio: number;
  /** duely / bare p99 latency: 1 means no overhead. */
  p99Ratio: number;
}

const SELF = fileURLToPath(import.meta.url);
const TSX = import.meta.resolve('tsx');

// ---------------------------------------------------------------------------------------------------
// Server side (child process)
// ---------------------------------------------------------------------------------------------------

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** Counts statements at the driver, the cheapest place that sees every query Kysely runs. */
async function installQueryCounter(kind: DbKind): Promise<() => number> {
  let count = 0;
  if (kind === 'sqlite') {
    const { default: Sqlite } = await import('better-sqlite3');
    const proto = Sqlite.prototype as unknown as { prepare: (...args: unknown[]) => unknown };
    const original = proto.prepare;
    proto.prepare = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  } else {
    const { default: pg } = await import('pg');
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return () => {
    const n = count;
    count = 0;
    return n;
  };
}

async function startBare(): Promise<{ ready: Ready; close: () => Promise<void> }> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  const user = {
    id: 'usr_01jf3b5xq7k2m9n8p4r6s0t1v2',
    email: 'bench-admin@example.com',
    name: 'Bench Administrator',
    roles: ['admin'],
    status: 'active',
    createdAt: '2026-01-01T09:00:00.000Z',
    lastSignInAt: null,
  };
  app.get('/api/users/:id', async (request) => ({ ...user, id: (request.params as { id: string }).id }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ready: { type: 'ready', url: `${address}/api/users/${user.id}`, headers: {} },
    close: () => app.close(),
  };
}

async function startDuely(
  kind: DbKind,
  databaseUrl: string,
): Promise<{ ready: Ready; close: () => Promise<void> }> {
  const { buildServer, openContext } = await import('../src/app.js');
  const { parseConfig, resolveConfig } = await import('../src/platform/config.js');
  const { createMetrics } = await import('../src/platform/http/metrics.js');
  const { systemActor } = await import('../src/platform/auth/actor.js');
  const { createToken, createUser } = await import('../src/modules/users/index.js');

  const config = resolveConfig(
    parseConfig({
      DATABASE_URL: databaseUrl,
      SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      LOG_LEVEL: 'silent',
    }),
  );
  const ctx = await openContext(config, { migrate: true });
  const { user } = await createUser(ctx, systemActor('bench'), {
    email: 'bench-admin@example.com',
    name: 'Bench Administrator',
    roles: ['admin'],
    password: 'bench-password-0123456789',
  });
  const admin = { type: 'user', id: user.id, label: user.email, roles: ['admin'], userId: user.id } as const;
  const { secret } = await createToken(ctx, admin, { name: `bench ${kind}`, roles: ['admin'] });
  const app = await buildServer(ctx, createMetrics(), { serveWeb: false, logRequests: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ready: {
      type: 'ready',
      url: `${address}/api/users/${user.id}`,
      headers: { authorization: `Bearer ${secret}` },
    },
    close: async () => {
      await app.close();
      await ctx.database.close();
    },
  };
}

async function serverMain(): Promise<void> {
  const target = process.env.BENCH_TARGET as TargetKind;
  const kind = process.env.BENCH_DB as DbKind;
  try {
    const takeCount = target === 'duely' ? await installQueryCounter(kind) : () => 0;
    const server =
      target === 'bare' ? await startBare() : await startDuely(kind, process.env.BENCH_DATABASE_URL!);
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'count') send({ type: 'counted', queries: takeCount() });
      else if (message.type === 'stop') {
        // process.exit (not a natural end) so --cpu-prof writes its profile.
        server.close().finally(() => process.exit(0));
      }
    });
    send(server.ready);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------------
// Load side (parent process)
// ---------------------------------------------------------------------------------------------------

interface Options {
  durationS: number;
  warmupS: number;
  connections: number;
  databases: DbKind[];
  json: boolean;
  profileDir: string | undefined;
}

function fail(message: string): never {
  process.stderr.write(`bench:http: ${message}\n`);
  process.exit(2);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    fail(`${name} must be a positive number of seconds/connections, got "${value}"`);
  return n;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', short: 'd' },
      warmup: { type: 'string', short: 'w' },
      connections: { type: 'string', short: 'c' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      [
        'Usage: npm run bench:http -- [options]',
        '  -d, --duration <s>      seconds of measurement per target (default 10, or BENCH_DURATION)',
        '  -w, --warmup <s>        seconds of warm-up per target before measuring (default min(3, duration))',
        '  -c, --connections <n>   concurrent connections (default 50; pipelining 1)',
        '      --db <list>         sqlite,postgres (default both; PostgreSQL is skipped when unreachable)',
        '      --json              print the results as JSON on stdout (progress stays on stderr)',
        '      --profile <dir>     write a V8 CPU profile of each Duely server into <dir>',
        '',
      ].join('\n'),
    );
    process.exit(0);
  }
  const durationS = positive('--duration', values.duration ?? process.env.BENCH_DURATION, 10);
  const warmupS = positive('--warmup', values.warmup, Math.min(3, durationS));
  const connections = Math.round(positive('--connections', values.connections, 50));
  const databases = (values.db ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as DbKind[];
  for (const db of databases)
    if (db !== 'sqlite' && db !== 'postgres') fail(`--db takes sqlite and/or postgres, got "${db}"`);
  return {
    durationS,
    warmupS,
    connections,
    databases,
    json: values.json,
    profileDir: values.profile ? resolve(values.profile) : undefined,
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Child {
  ready: Ready;
  request<T extends ChildMessage['type']>(
    message: ParentMessage,
    answer: T,
  ): Promise<Extract<ChildMessage, { type: T }>>;
  stop(): Promise<void>;
}

function startChild(
  target: TargetKind,
  db: DbKind,
  databaseUrl: string,
  profileDir: string | undefined,
): Promise<Child> {
  const execArgv = ['--import', TSX];
  if (profileDir && target === 'duely') {
    // One folder per database; V8 names the files itself (one per thread: the largest is the main thread).
    const dir = join(profileDir, `duely-${db}`);
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = fork(SELF, [], {
    execArgv,
    env: {
      ...process.env,
      BENCH_ROLE: 'server',
      BENCH_TARGET: target,
      BENCH_DB: db,
      BENCH_DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveChild, reject) => {
    const onEarlyExit = (code: number | null) =>
      reject(new Error(`the ${target} server (${db}) exited with code ${code} before listening`));
    child.once('exit', onEarlyExit);
    child.once('message', (message: ChildMessage) => {
      if (message.type === 'failed')
        return reject(new Error(`the ${target} server (${db}) failed to start:\n${message.message}`));
      if (message.type !== 'ready') return reject(new Error(`unexpected message ${message.type}`));
      child.off('exit', onEarlyExit);
      resolveChild({
        ready: message,
        request: (out, answer) =>
          new Promise((done) => {
            const listener = (reply: ChildMessage) => {
              if (reply.type === answer) {
                child.off('message', listener);
                done(reply as never);
              }
            };
            child.on('message', listener);
            child.send(out);
          }),
        stop: async () => {
          if (child.exitCode === null) child.send({ type: 'stop' });
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

async function load(
  label: string,
  ready: Ready,
  seconds: number,
  connections: number,
  quiet: boolean,
): Promise<autocannon.Result> {
  const started = Date.now();
  let sent = 0;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((done, reject) => {
    instance = autocannon(
      { url: ready.url, headers: ready.headers, connections, pipelining: 1, duration: seconds },
      (error, result) => (error ? reject(error) : done(result)),
    );
  });
  instance.on('response', () => {
    sent++;
  });
  const ticker = quiet
    ? undefined
    : setInterval(() => {
        const elapsed = (Date.now() - started) / 1000;
        log(`  ${label}: ${elapsed.toFixed(0).padStart(3)} s / ${seconds} s, ${sent} responses`);
      }, 2000);
  try {
    return await finished;
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

async function measure(
  target: TargetKind,
  db: DbKind,
  databaseUrl: string,
  options: Options,
): Promise<TargetResult> {
  const child = await startChild(target, db, databaseUrl, options.profileDir);
  try {
    const name = `${target} [${db}]`;
    log(`${name}: listening at ${new URL(child.ready.url).host}; warming up ${options.warmupS} s`);
    const warm = await load(`${name} warm-up`, child.ready, options.warmupS, options.connections, true);
    if (warm.non2xx > 0 || warm.errors > 0) {
      log(`  warm-up: ${warm.non2xx} non-2xx responses, ${warm.errors} errors`);
    }
    // Counting resets the counter: the warm-up's statements are not counted.
    await child.request({ type: 'count' }, 'counted');
    log(`${name}: measuring ${options.durationS} s with ${options.connections} connections`);
    const r = await load(name, child.ready, options.durationS, options.connections, false);
    const { queries } = await child.request({ type: 'count' }, 'counted');
    const served = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
    return {
      database: db,
      target,
      url: child.ready.url,
      durationS: r.duration,
      requests: served,
      reqPerSec: r.requests.average,
      latencyMs: {
        mean: r.latency.mean,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
      },
      non2xx: r.non2xx + warm.non2xx,
      errors: r.errors + warm.errors,
      timeouts: r.timeouts + warm.timeouts,
      ...(target === 'duely' && served > 0 ? { queriesPerRequest: queries / served } : {}),
    };
  } finally {
    await child.stop();
  }
}

async function prepareDatabase(
  db: DbKind,
): Promise<{ url: string; drop: () => Promise<void> } | { skipped: string }> {
  if (db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duely-bench-'));
    return {
      url: `sqlite:${join(dir, 'duely.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { createScratchDatabase, probePostgres, TEST_DATABASE_URL } = await import(
    '../tests/support/postgres.js'
  );
  const probe = await probePostgres();
  if (!probe.ok)
    return {
      skipped: `cannot reach ${TEST_DATABASE_URL} (${probe.reason}); set TEST_DATABASE_URL to a server`,
    };
  return createScratchDatabase();
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(
  comparisons: Comparison[],
  skipped: { database: DbKind; reason: string }[],
  options: Options,
): string {
  const head = ['database', 'target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'queries/req'];
  const rows: string[][] = [];
  for (const c of comparisons) {
    for (const r of [c.bare, c.duely]) {
      rows.push([
        r.database,
        r.target === 'bare' ? 'bare Fastify' : 'Duely GET /api/users/:id',
        fmt(r.reqPerSec),
        fmt(r.latencyMs.p50, 1),
        fmt(r.latencyMs.p99, 1),
        String(r.non2xx),
        String(r.errors),
        r.queriesPerRequest === undefined ? '' : fmt(r.queriesPerRequest, 2),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [
    '',
    `HTTP benchmark: ${options.durationS} s per target after ${options.warmupS} s warm-up, ${options.connections} connections, pipelining 1, Node ${process.version}`,
    '',
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
  ];
  for (const c of comparisons) {
    out.push(
      `${c.database.padEnd(8)}  duely/bare req/s ratio ${c.reqPerSecRatio.toFixed(2)}   p99 ratio ${c.p99Ratio.toFixed(2)} (duely p99 / bare p99)`,
    );
  }
  for (const s of skipped) out.push(`${s.database.padEnd(8)}  SKIPPED: ${s.reason}`);
  out.push('');
  return out.join('\n');
}

async function parentMain(): Promise<void> {
  const options = parseOptions();
  const comparisons: Comparison[] = [];
  const skipped: { database: DbKind; reason: string }[] = [];
  for (const db of options.databases) {
    const prepared = await prepareDatabase(db);
    if ('skipped' in prepared) {
      log(`PostgreSQL benchmark SKIPPED: ${prepared.skipped}`);
      skipped.push({ database: db, reason: prepared.skipped });
      continue;
    }
    try {
      const bare = await measure('bare', db, '', options);
      const duely = await measure('duely', db, prepared.url, options);
      comparisons.push({
        database: db,
        bare,
        duely,
        reqPerSecRatio: duely.reqPerSec / bare.reqPerSec,
        p99Ratio: bare.latencyMs.p99 > 0 ? duely.latencyMs.p99 / bare.latencyMs.p99 : Number.NaN,
      });
    } finally {
      await prepared.drop();
    }
  }
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ node: process.version, durationS: options.durationS, warmupS: options.warmupS, connections: options.connections, pipelining: 1, comparisons, skipped }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(table(comparisons, skipped, options));
  }
  const failed = comparisons.flatMap((c) => [c.bare, c.duely]).filter((r) => r.non2xx > 0 || r.errors > 0);
  if (failed.length > 0) {
    for (const r of failed)
      log(`FAILED: ${r.target} [${r.database}] had ${r.non2xx} non-2xx responses and ${r.errors} errors`);
    process.exitCode = 1;
  }
}

if (process.env.BENCH_ROLE === 'server') {
  await serverMain();
} else {
  await parentMain().catch((error: unknown) => {
    log(`bench:http failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  });
}
