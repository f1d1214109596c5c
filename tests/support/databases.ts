/**
 * Runs a block of integration tests once on SQLite and once on PostgreSQL, each on a fresh,
 * migrated database of its own, so runs never collide.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createContext } from '../../src/platform/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Config, parseConfig, resolveConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { type Dialect, openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { createScratchDatabase } from './postgres.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  kind: Dialect;
  url: string;
  ctx: AppContext;
  clock: ManualClock;
  config: Config;
  /** Opens another, independent context on the same database (another "process"). */
  openAnother(): Promise<AppContext>;
}

export function testConfig(url: string, overrides: Record<string, string> = {}): Config {
  return resolveConfig(
    parseConfig({
      DATABASE_URL: url,
      SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
      // The per-IP sign-in limit runs on wall-clock time; tests sign in far more often than a person.
      SIGNIN_RATE_PER_MINUTE: '100000',
      ...overrides,
    }),
  );
}

/** Opens a fresh, migrated database of the given kind. */
export async function openTestDatabase(
  kind: Dialect,
  configOverrides: Record<string, string> = {},
): Promise<{ db: TestDatabase; close: () => Promise<void> }> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duely-test-'));
    url = `sqlite:${join(dir, 'duely.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase();
    url = scratch.url;
    cleanup = scratch.drop;
  }
  const config = testConfig(url, configOverrides);
  const clock = new ManualClock('2026-12-04T09:00:00.000Z');
  const logger = pino({ level: 'silent' });
  const opened: AppContext[] = [];
  const open = async () => {
    const database = await openDatabase(url, { poolSize: 10 });
    const ctx = createContext({ config, database, logger, clock });
    opened.push(ctx);
    return ctx;
  };
  const ctx = await open();
  await migrate(ctx.database, migrations);
  return {
    db: { kind, url, ctx, clock, config, openAnother: open },
    close: async () => {
      for (const c of opened) await c.database.close().catch(() => undefined);
      await cleanup();
    },
  };
}

/**
 * `describeEachDatabase('jobs', (get) => { it(..., async () => { const { ctx } = get(); … }) })`
 * defines the block twice: `jobs [sqlite]` and `jobs [postgres]`.
 */
export function describeEachDatabase(
  name: string,
  body: (get: () => TestDatabase) => void,
  options: { config?: Record<string, string> } = {},
): void {
  for (const kind of DIALECTS) {
    const available = kind === 'sqlite' || inject('postgresAvailable');
    const block = available ? describe : describe.skip;
    block(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      let close: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const opened = await openTestDatabase(kind, options.config);
        current = opened.db;
        close = opened.close;
      }, 60_000);
      afterAll(async () => {
        await close?.();
      }, 60_000);
      body(() => {
        if (!current) throw new Error('test database not open yet');
        return current;
      });
    });
  }
}
