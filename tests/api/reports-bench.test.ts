/**
 * The aging benchmark's logic, once, at a small size (correctness, not timing): the generator's data,
 * the service and the hand-written reference give the same report at every measured date, and the
 * service runs the same two statements for 300 and for 3,000 documents.
 */
import { expect, inject, it } from 'vitest';
import { runAgingBench } from '../../bench/aging.js';

const databases = inject('postgresAvailable') ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

it('bench:aging agrees with its reference at two sizes, with a constant query count', async () => {
  const quiet = () => undefined;
  const small = await runAgingBench({
    invoices: 300,
    customers: 30,
    runs: 1,
    databases: [...databases],
    log: quiet,
  });
  const large = await runAgingBench({
    invoices: 3_000,
    customers: 300,
    runs: 1,
    databases: [...databases],
    log: quiet,
  });
  for (const run of [small, large]) {
    expect(run.skipped).toEqual([]);
    expect(run.results.map((r) => r.database)).toEqual([...databases]);
    for (const result of run.results) {
      expect(result.measurements).toHaveLength(3);
      for (const m of result.measurements) {
        expect(m.identical, `${result.database} ${m.label} ${m.reference}: ${m.firstDifference}`).toBe(true);
        expect(m.serviceQueries).toBe(2);
        expect(m.customersInReport).toBeGreaterThan(0);
      }
    }
  }
  const sqlite = large.results[0]!.data;
  expect(sqlite.documents).toBe(3_000);
  expect(sqlite.openDocuments / sqlite.documents).toBeGreaterThan(0.05);
  expect(sqlite.openDocuments / sqlite.documents).toBeLessThan(0.2);
  expect(sqlite.voided + sqlite.creditNotes).toBeGreaterThan(0);
}, 120_000);
