import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { REPO_ROOT, runTogether } from '../../../tests/support/child-process.js';
import { createScratchDatabase } from '../../../tests/support/postgres.js';
import { StartupError } from '../errors.js';
import { type Database, type Dialect, openDatabase } from './database.js';
import { migrate, migrationStatus } from './migrate.js';
import type { Migration } from './migration.js';

const ALL = migrations.map((m) => m.name);

async function tableNames(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((t) => t.name).sort();
}

async function appliedRows(database: Database): Promise<string[]> {
  const rows = await database.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}

for (const kind of ['sqlite', 'postgres'] as Dialect[]) {
  const available = kind === 'sqlite' || inject('postgresAvailable');
  (available ? describe : describe.skip)(`migrate [${kind}]`, () => {
    const cleanups: (() => Promise<void>)[] = [];

    /** A fresh, empty database (not migrated). */
    async function scratch(): Promise<string> {
      if (kind === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'duely-migrate-'));
        cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
        return `sqlite:${join(dir, 'duely.db')}`;
      }
      const { url, drop } = await createScratchDatabase();
      cleanups.push(drop);
      return url;
    }

    async function open(url: string): Promise<Database> {
      const database = await openDatabase(url, { poolSize: 4 });
      cleanups.unshift(() => database.close());
      return database;
    }

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
    });

    it('applies every migration to an empty database, then nothing on the second run', async () => {
      const database = await open(await scratch());
      expect(await migrationStatus(database, migrations)).toEqual({ applied: [], pending: ALL });

      expect(await migrate(database, migrations)).toEqual(ALL);
      const tables = await tableNames(database);
      for (const table of [
        'schema_migrations',
        'audit_log',
        'audit_head',
        'jobs',
        'outbox_events',
        'users',
        'sessions',
      ]) {
        expect(tables).toContain(table);
      }
      const head = await database.db.selectFrom('audit_head').selectAll().execute();
      expect(head).toHaveLength(1);

      expect(await migrate(database, migrations)).toEqual([]);
      expect(await migrationStatus(database, migrations)).toEqual({ applied: ALL, pending: [] });
      expect(await appliedRows(database)).toEqual(ALL);
    });

    it('two runners migrating at once both succeed and apply each migration exactly once', async () => {
      const url = await scratch();
      let results: string[][];
      if (kind === 'postgres') {
        const [a, b] = [await open(url), await open(url)];
        results = await Promise.all([migrate(a, migrations), migrate(b, migrations)]);
      } else {
        // better-sqlite3 waits for a lock synchronously, so two connections in one process would block each
        // other's event loop: the second runner is a real second process, as it would be in production.
        const runner = {
          source: `
            import { printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
            import { openDatabase } from '${REPO_ROOT}/src/platform/db/database.js';
            import { migrate } from '${REPO_ROOT}/src/platform/db/migrate.js';
            import { migrations } from '${REPO_ROOT}/migrations/index.js';
            const database = await openDatabase(process.argv[2]);
            await startTogether();
            const applied = await migrate(database, migrations);
            await database.close();
            printResult(applied);
          `,
          args: [url],
        };
        results = await runTogether<string[]>([runner, runner]);
      }
      const [first, second] = results as [string[], string[]];
      expect([...first, ...second].sort()).toEqual(ALL);
      expect(first.filter((name) => second.includes(name))).toEqual([]);
      const check = await open(url);
      expect(await appliedRows(check)).toEqual(ALL);
      expect(await check.db.selectFrom('audit_head').selectAll().execute()).toHaveLength(1);
    }, 30_000);

    it('refuses a database with a newer migration, changing nothing', async () => {
      const database = await open(await scratch());
      await migrate(database, migrations.slice(0, 1));
      await database.db
        .insertInto('schema_migrations')
        .values({ name: '9999_from_the_future', applied_at: '2030-01-01T00:00:00.000Z' })
        .execute();
      const tablesBefore = await tableNames(database);

      for (const attempt of [
        () => migrationStatus(database, migrations),
        () => migrate(database, migrations),
      ]) {
        const error = await attempt().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StartupError);
        expect((error as Error).message).toMatch(/newer schema/);
        expect((error as Error).message).toContain('9999_from_the_future');
        expect((error as Error).message).toContain('Nothing was changed');
      }
      // 0002_users was pending, but was not applied.
      expect(await tableNames(database)).toEqual(tablesBefore);
      expect(tablesBefore).not.toContain('users');
      expect(await appliedRows(database)).toEqual(['0001_platform', '9999_from_the_future']);
    });

    it('rolls a failing migration back completely', async () => {
      const database = await open(await scratch());
      const broken: Migration = {
        name: '0999_broken',
        async up(db) {
          await db.schema
            .createTable('half_done')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .execute();
          await db.insertInto('half_done').values({ id: 'x' }).execute();
          await db.updateTable('audit_head').set({ seq: 42 }).execute();
          throw new Error('boom in the middle');
        },
      };
      await expect(migrate(database, [...migrations, broken])).rejects.toThrow(
        /Migration 0999_broken failed and was rolled back: boom in the middle/,
      );
      expect(await tableNames(database)).not.toContain('half_done');
      expect(await appliedRows(database)).toEqual(ALL); // the ones before it stay applied
      const head = await database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      expect(Number(head.seq)).toBe(0);
      expect((await migrationStatus(database, [...migrations, broken])).pending).toEqual(['0999_broken']);
    });

    it('reports a migration that fails on a unique constraint instead of skipping it', async () => {
      const database = await open(await scratch());
      const duplicate: Migration = {
        name: '0999_duplicate',
        async up(db) {
          await db.schema
            .createTable('codes')
            .addColumn('code', 'text', (c) => c.primaryKey())
            .execute();
          await db
            .insertInto('codes')
            .values([{ code: 'A' }, { code: 'A' }])
            .execute();
        },
      };
      await expect(migrate(database, [...migrations, duplicate])).rejects.toThrow(
        /Migration 0999_duplicate failed/,
      );
      expect(await appliedRows(database)).toEqual(ALL);
      expect(await tableNames(database)).not.toContain('codes');
    });

    it('refuses a list of migrations out of order', async () => {
      const database = await open(await scratch());
      await expect(migrate(database, [...migrations].reverse())).rejects.toThrow(/out of order/);
      expect(await tableNames(database)).not.toContain('audit_log');
    });

    it('opens nothing for a database URL it does not know', async () => {
      await expect(openDatabase('mysql://x')).rejects.toThrow(StartupError);
      await expect(sql`select 1`.execute((await open(await scratch())).db)).resolves.toBeDefined();
    });
  });
}
