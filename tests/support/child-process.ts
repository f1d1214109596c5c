/**
 * Runs TypeScript as real child processes (`node --import tsx`), for what one process cannot show: a
 * second SQLite writer (better-sqlite3 waits for a lock synchronously, so a second connection in the
 * test process would block its own event loop), the command line, and so on.
 *
 * Parent side: `runChild` runs one script and returns its exit code and output; `runTogether` starts
 * several at once, holds them at a barrier until every one is ready (each calls `startTogether()` once
 * it has opened what it needs), releases them together (with the test's own work, if any) so they truly
 * overlap, and returns the JSON each printed on its last line of output.
 *
 * Child side: `startTogether`, `printResult` and `openChildContext`. A script given as inline `source` is
 * written to a temporary `.mts` file, so its imports must be absolute: use `${REPO_ROOT}/src/….js`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { createContext } from '../../src/platform/bootstrap.js';
import type { Clock } from '../../src/platform/clock.js';
import { parseConfig, resolveConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Set in the environment of the children of `runTogether`: they wait at `startTogether()`. */
const BARRIER_ENV = 'DUELY_TEST_CHILD_BARRIER';
const READY = 'duely-test-child:ready';
const GO = 'duely-test-child:go';

export interface ChildSpec {
  /** The script to run: a `.ts`/`.mts`/`.js` file, absolute or relative to the repository root… */
  script?: string;
  /** …or the source of an ES module (TypeScript allowed) to run. */
  source?: string;
  args?: readonly string[];
  /** Added to this process's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Defaults to the repository root. */
  cwd?: string;
  /** The child is killed after this long (default 120 s). */
  timeoutMs?: number;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Started {
  done: Promise<ChildResult>;
  /** Resolves once the child called `startTogether()`; rejects if it ended first. */
  ready: Promise<void>;
  go(): Promise<void>;
  kill(): void;
}

function start(spec: ChildSpec, file: string, barrier: boolean): Started {
  const env: Record<string, string | undefined> = { ...process.env, ...spec.env };
  if (barrier) env[BARRIER_ENV] = '1';
  else delete env[BARRIER_ENV];
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = fork(file, [...(spec.args ?? [])], {
    cwd: spec.cwd ?? REPO_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs ?? 120_000);
  const done = new Promise<ChildResult>((resolveDone, rejectDone) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectDone(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveDone({ code, signal, stdout, stderr });
    });
  });
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    child.on('message', (message) => {
      if (message === READY) resolveReady();
    });
    done.then(
      (result) => rejectReady(new Error(`child process ended before it was ready\n${summary(result)}`)),
      rejectReady,
    );
  });
  ready.catch(() => undefined);
  return {
    done,
    ready,
    go: () =>
      new Promise<void>((resolveGo, rejectGo) =>
        child.send(GO, (error) => (error ? rejectGo(error) : resolveGo())),
      ),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function summary(result: ChildResult): string {
  return `exit code ${result.code}${result.signal ? ` (${result.signal})` : ''}\nstdout: ${result.stdout.slice(-2000)}\nstderr: ${result.stderr.slice(-4000)}`;
}

/** Writes the inline sources to a temporary folder; returns each spec's file and a cleanup. */
function files(specs: readonly ChildSpec[]): { paths: string[]; cleanup: () => void } {
  let dir: string | undefined;
  const written = new Map<string, string>();
  const paths = specs.map((spec) => {
    if ((spec.script === undefined) === (spec.source === undefined))
      throw new Error('a child process needs exactly one of script and source');
    if (spec.script !== undefined)
      return isAbsolute(spec.script) ? spec.script : join(REPO_ROOT, spec.script);
    const source = spec.source!;
    let path = written.get(source);
    if (!path) {
      dir ??= mkdtempSync(join(tmpdir(), 'duely-child-'));
      path = join(dir, `child-${written.size}.mts`);
      writeFileSync(path, source);
      written.set(source, path);
    }
    return path;
  });
  return { paths, cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one child process to its end; a non-zero exit is returned, not thrown. */
export async function runChild(spec: ChildSpec): Promise<ChildResult> {
  const { paths, cleanup } = files([spec]);
  try {
    return await start(spec, paths[0]!, false).done;
  } finally {
    cleanup();
  }
}

/** The JSON a child printed on its last non-empty line of output. */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').pop();
  if (!line) throw new Error('the child process printed nothing');
  return JSON.parse(line) as T;
}

/**
 * Starts every child at once, waits until all have called `startTogether()`, then releases them and
 * runs `alongside` (the test's own share of the work) at the same moment. Every child must exit 0 and
 * print its result as JSON on its last line (`printResult`); returns the results in the order given.
 * A child that fails, or fails to get ready, fails the call (and the others are killed).
 */
export async function runTogether<T = unknown>(
  specs: readonly ChildSpec[],
  alongside?: () => Promise<unknown>,
): Promise<T[]> {
  const { paths, cleanup } = files(specs);
  const children = specs.map((spec, i) => start(spec, paths[i]!, true));
  const killAll = () => {
    for (const c of children) c.kill();
  };
  try {
    try {
      await Promise.all(children.map((c) => c.ready));
      await Promise.all(children.map((c) => c.go()));
    } catch (error) {
      killAll();
      throw error;
    }
    const [results] = await Promise.all([
      Promise.all(
        children.map(async (c, i) => {
          const result = await c.done;
          try {
            if (result.code !== 0) throw new Error(`child process ${i} failed`);
            try {
              return lastJsonLine<T>(result.stdout);
            } catch (error) {
              throw new Error(`child process ${i} printed no JSON result (${(error as Error).message})`);
            }
          } catch (error) {
            killAll();
            throw new Error(`${(error as Error).message}\n${summary(result)}`);
          }
        }),
      ),
      alongside?.(),
    ]);
    return results;
  } finally {
    await Promise.allSettled(children.map((c) => c.done));
    cleanup();
  }
}

// ---- child side ----

/**
 * In a child of `runTogether`: says it is ready and waits until every sibling is, then returns.
 * Anywhere else (run by hand, or by `runChild`) it returns at once.
 */
export async function startTogether(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send || process.env[BARRIER_ENV] !== '1') return;
  await new Promise<void>((resolveGo) => {
    const onMessage = (message: unknown) => {
      if (message !== GO) return;
      process.off('message', onMessage);
      resolveGo();
    };
    process.on('message', onMessage);
    send(READY);
  });
  // Nothing more comes over the channel; without it the process ends as soon as its work does.
  process.disconnect?.();
}

/** In a child: prints its result as the JSON line `runTogether` returns. */
export function printResult(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** In a child: a context on the database at `url`, as a second `duely` process would open it. */
export async function openChildContext(
  url: string,
  options: { busyTimeoutMs?: number; clock?: Clock } = {},
): Promise<AppContext> {
  const config = resolveConfig(
    parseConfig({
      DATABASE_URL: url,
      SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
    }),
  );
  const database = await openDatabase(
    url,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
  return createContext({
    config,
    database,
    logger: createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
