/**
 * The aging SQL against the documents' own history, on both databases: for every date from before the
 * first invoice to after the last settlement, each document's open amount at the date equals gross −
 * Σ settlements dated on or before it, the report's cells equal the documents bucketed in JS, and no
 * draft, future or closed document appears.
 */
import { beforeAll, expect, it } from 'vitest';
import { buildScenario } from '../../../tests/api/reports.support.js';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../../platform/auth/actor.js';
import { addDays } from '../../platform/dates.js';
import { type AgingDocument, agingDocuments, agingReport, bucketOf, openDocuments } from './aging.js';
import * as store from './store.js';

const TODAY = '2026-12-04';

describeEachDatabase('invoicing aging SQL', (get) => {
  let customers: string[];
  beforeAll(async () => {
    const s = await buildScenario(get().ctx, systemActor('test'));
    customers = [s.a, s.b, s.c];
  }, 120_000);

  /** Every issued document of the scenario's customers with its open amount at `asOf`, from its settlements. */
  async function expectedAt(asOf: string) {
    const { db } = get().ctx;
    const out = new Map<string, number>();
    for (const customerId of customers) {
      const rows = await store.listInvoices(db, { customerId, today: asOf, limit: 1000 });
      for (const row of rows) {
        if (row.status === 'draft' || row.issue_date! > asOf) continue;
        const settled = (await store.settlementsOf(db, row.id))
          .filter((s) => s.date <= asOf)
          .reduce((sum, s) => sum + Number(s.amount), 0);
        const open = Number(row.gross_total) - settled;
        if (open !== 0) out.set(row.id, open);
      }
    }
    return out;
  }

  it('matches the settlement history at every date, cell by cell', async () => {
    const { db } = get().ctx;
    const bucketDays = [30, 60, 90];
    for (let asOf = '2026-05-25'; asOf <= '2026-12-10'; asOf = addDays(asOf, 5)) {
      const expected = await expectedAt(asOf);
      const docs: AgingDocument[] = [];
      for (const customerId of customers)
        docs.push(...(await agingDocuments(db, { asOf, today: TODAY, bucketDays, customerId, limit: 1000 })));
      expect(new Map(docs.map((d) => [d.id, d.openAmount])), asOf).toEqual(expected);

      const report = await agingReport(db, { asOf, today: TODAY, bucketDays });
      for (const row of report.customers) {
        const mine = docs.filter((d) => d.customerId === row.customerId && d.currency === row.currency);
        const cells = [0, 0, 0, 0, 0];
        for (const d of mine.filter((d) => d.kind === 'invoice'))
          cells[bucketOf(d.dueDate, asOf, bucketDays)]! += d.openAmount;
        expect(row.buckets, `${asOf} ${row.customerId}`).toEqual(cells);
        expect(row.credit).toBe(
          mine.filter((d) => d.kind === 'credit_note').reduce((s, d) => s + d.openAmount, 0),
        );
        expect(row.total).toBe(cells.reduce((a, b) => a + b, 0));
        expect(row.overdue).toBe(row.total - cells[0]!);
      }
      const customersWithDocs = new Set(docs.map((d) => `${d.currency}/${d.customerId}`));
      expect(report.customers.map((r) => `${r.currency}/${r.customerId}`).sort()).toEqual(
        [...customersWithDocs].sort(),
      );
      for (const totals of report.totals) {
        const rows = report.customers.filter((r) => r.currency === totals.currency);
        expect(totals.customers).toBe(rows.length);
        expect(totals.buckets).toEqual(
          bucketDays.concat(0, 0).map((_, i) => rows.reduce((s, r) => s + r.buckets[i]!, 0)),
        );
      }
    }
  });

  it('as of today equals the maintained open amounts (open-items list)', async () => {
    const { db } = get().ctx;
    const today = '2026-12-04';
    const open = await openDocuments(db, { limit: 1000 });
    const report = await agingReport(db, { asOf: today, today, bucketDays: [30, 60, 90] });
    for (const currency of new Set(open.map((d) => d.currency))) {
      const mine = open.filter((d) => d.currency === currency);
      const totals = report.totals.find((t) => t.currency === currency)!;
      expect(totals.total).toBe(
        mine.filter((d) => d.kind === 'invoice').reduce((s, d) => s + d.openAmount, 0),
      );
      expect(totals.credit).toBe(
        mine.filter((d) => d.kind === 'credit_note').reduce((s, d) => s + d.openAmount, 0),
      );
    }
  });

  it('as of today, the maintained open amounts and the settlement history agree', async () => {
    const { db } = get().ctx;
    const scope = { asOf: TODAY, bucketDays: [30, 60, 90] };
    // A "today" after the date makes the query add back settlements dated after it (there are none).
    expect(await agingReport(db, { ...scope, today: TODAY })).toEqual(
      await agingReport(db, { ...scope, today: '2026-12-05' }),
    );
    for (const customerId of customers)
      expect(await agingDocuments(db, { ...scope, today: TODAY, customerId, limit: 100 })).toEqual(
        await agingDocuments(db, { ...scope, today: '2026-12-05', customerId, limit: 100 }),
      );
  });

  it('pages customer rows with a cursor, and refuses bad bucket limits', async () => {
    const { db } = get().ctx;
    const all = await agingReport(db, { asOf: TODAY, today: TODAY, bucketDays: [30] });
    const first = await agingReport(db, { asOf: TODAY, today: TODAY, bucketDays: [30], limit: 1 });
    expect(first.customers).toHaveLength(2);
    const last = first.customers[0]!;
    const rest = await agingReport(db, {
      asOf: TODAY,
      today: TODAY,
      bucketDays: [30],
      limit: 10,
      after: last,
    });
    expect([last, ...rest.customers]).toEqual(all.customers);
    expect(rest.totals).toEqual(all.totals);
    await expect(agingReport(db, { asOf: TODAY, today: TODAY, bucketDays: [60, 30] })).rejects.toThrow(
      /ascending/,
    );
  });
});
