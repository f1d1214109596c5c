import { beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, runTogether } from '../../../tests/support/child-process.js';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { allocateNumber, defaultNumberFormat, peekNextValue } from './numbering.js';

const actor = systemActor('numbering-test');

class Rollback extends Error {}

/** Issues one "document" (a probe row) with a number, in one transaction. */
function issue(ctx: AppContext, series: string, year: number, options: { rollback?: boolean } = {}) {
  return transaction(ctx, actor, async (tx) => {
    const allocated = await allocateNumber(tx, series, year);
    await tx.db
      .insertInto('numbering_probe')
      .values({ series, year, value: allocated.value, number: allocated.number })
      .execute();
    if (options.rollback) throw new Rollback(`rolled back ${allocated.number}`);
    return allocated;
  });
}

async function probeValues(ctx: AppContext, series: string, year: number): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('numbering_probe')
    .select('value')
    .where('series', '=', series)
    .where('year', '=', year)
    .orderBy('value')
    .execute();
  return rows.map((r) => Number(r.value));
}

describeEachDatabase('numbering', (get) => {
  beforeAll(async () => {
    const { ctx } = get();
    // The primary key makes a duplicate number fail loudly rather than hide.
    await ctx.db.schema
      .createTable('numbering_probe')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addPrimaryKeyConstraint('numbering_probe_pk', ['series', 'year', 'value'])
      .execute();
  });

  it('hands out 1, 2, 3 … formatted as SERIES-YEAR-000001', async () => {
    const { ctx } = get();
    expect(await peekNextValue(ctx.db, 'INV', 2026)).toBe(1);
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await issue(ctx, 'INV', 2026)).number);
    expect(numbers).toEqual(['INV-2026-000001', 'INV-2026-000002', 'INV-2026-000003']);
    expect(await peekNextValue(ctx.db, 'INV', 2026)).toBe(4);
    // Two documents issued in one transaction get consecutive numbers.
    const pair = await transaction(ctx, actor, async (tx) => [
      await allocateNumber(tx, 'INV', 2026),
      await allocateNumber(tx, 'INV', 2026),
    ]);
    expect(pair.map((p) => p.value)).toEqual([4, 5]);
  });

  it('a rolled-back issue gives its number back: no gap', async () => {
    const { ctx } = get();
    const first = await issue(ctx, 'RBK', 2026);
    await expect(issue(ctx, 'RBK', 2026, { rollback: true })).rejects.toThrow('rolled back RBK-2026-000002');
    await expect(issue(ctx, 'RBK', 2026, { rollback: true })).rejects.toThrow('rolled back RBK-2026-000002');
    const next = await issue(ctx, 'RBK', 2026);
    expect([first.number, next.number]).toEqual(['RBK-2026-000001', 'RBK-2026-000002']);
    // Even the very first allocation of a series (the row insert) is undone by a rollback.
    await expect(issue(ctx, 'NEW', 2026, { rollback: true })).rejects.toThrow('rolled back NEW-2026-000001');
    expect(await peekNextValue(ctx.db, 'NEW', 2026)).toBe(1);
    expect((await issue(ctx, 'NEW', 2026)).number).toBe('NEW-2026-000001');
  });

  it('keeps series and years independent', async () => {
    const { ctx } = get();
    const got = [
      await issue(ctx, 'CRN', 2026),
      await issue(ctx, 'CRN', 2027),
      await issue(ctx, 'CRN', 2026),
      await issue(ctx, 'DEL', 2026),
      await issue(ctx, 'CRN', 2027),
    ].map((a) => a.number);
    expect(got).toEqual([
      'CRN-2026-000001',
      'CRN-2027-000001',
      'CRN-2026-000002',
      'DEL-2026-000001',
      'CRN-2027-000002',
    ]);
  });

  it('formats with a custom format and beyond six digits', async () => {
    const { ctx } = get();
    const custom = await transaction(ctx, actor, (tx) =>
      allocateNumber(tx, 'Q', 2026, ({ series, year, value }) => `${series}${year % 100}/${value}`),
    );
    expect(custom).toEqual({ series: 'Q', year: 2026, value: 1, number: 'Q26/1' });
    expect(defaultNumberFormat({ series: 'INV', year: 2026, value: 1_234_567 })).toBe('INV-2026-1234567');
  });

  it('refuses malformed series and years', async () => {
    const { ctx } = get();
    for (const [series, year] of [
      ['inv', 2026],
      ['', 2026],
      ['INV-X', 2026],
      ['1NV', 2026],
      ['INV', 26],
      ['INV', 2026.5],
    ] as const) {
      await expect(transaction(ctx, actor, (tx) => allocateNumber(tx, series, year))).rejects.toThrow(
        RangeError,
      );
    }
  });

  it('50 concurrent issuers, some rolling back, commit exactly 1..K with no gap or duplicate', async () => {
    const { ctx, kind, url, openAnother } = get();
    const series = 'CONC';
    const year = 2026;
    let committed: number[];
    if (kind === 'postgres') {
      // Several pools (as several `duely serve` processes would have), 50 transactions at once.
      const contexts = [ctx, await openAnother(), await openAnother()];
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          transaction(contexts[i % contexts.length]!, actor, async (tx) => {
            const allocated = await allocateNumber(tx, series, year);
            await tx.db
              .insertInto('numbering_probe')
              .values({ series, year, value: allocated.value, number: allocated.number })
              .execute();
            // Hold the row lock a little while others queue behind it.
            await new Promise((r) => setTimeout(r, Math.random() * 5));
            if (Math.random() < 0.3) throw new Rollback(allocated.number);
            return allocated.value;
          }),
        ),
      );
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(Rollback);
      committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(committed.length).toBeLessThan(50);
    } else {
      // SQLite: one writer at a time across processes; a second connection in this process would block
      // its event loop, so the issuers are real processes, each with several transactions in flight.
      const processes = 5;
      const issuer = {
        source: `
          import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
          import { transaction } from '${REPO_ROOT}/src/platform/db/transaction.js';
          import { systemActor } from '${REPO_ROOT}/src/platform/auth/actor.js';
          import { allocateNumber } from '${REPO_ROOT}/src/platform/numbering/numbering.js';
          const [url, count, series, year] = process.argv.slice(2);
          const ctx = await openChildContext(url, { busyTimeoutMs: 30000 });
          await startTogether();
          const outcomes = await Promise.allSettled(Array.from({ length: Number(count) }, () => transaction(ctx, systemActor('issuer'), async (tx) => {
            const a = await allocateNumber(tx, series, Number(year));
            await tx.db.insertInto('numbering_probe').values({ series, year: Number(year), value: a.value, number: a.number }).execute();
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            if (Math.random() < 0.3) throw new Error('rollback');
            return a.value;
          })));
          const unexpected = outcomes.filter((o) => o.status === 'rejected' && o.reason.message !== 'rollback');
          if (unexpected.length > 0) { console.error(unexpected.map((o) => String(o.reason))); process.exitCode = 1; }
          printResult(outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])));
          await ctx.database.close();
        `,
        args: [url, String(50 / processes), series, String(year)],
      };
      const results = await runTogether<number[]>(Array.from({ length: processes }, () => issuer));
      committed = results.flat();
    }
    const k = committed.length;
    expect(k).toBeGreaterThan(0);
    const expected = Array.from({ length: k }, (_, i) => i + 1);
    expect([...committed].sort((a, b) => a - b)).toEqual(expected);
    expect(await probeValues(ctx, series, year)).toEqual(expected);
    expect(await peekNextValue(ctx.db, series, year)).toBe(k + 1);
    expect((await issue(ctx, series, year)).value).toBe(k + 1);
  }, 90_000);
});
