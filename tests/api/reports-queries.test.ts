/**
 * The reports' query count does not grow with the data: the same reports on 10 invoices and on 200
 * (for 5 and 50 customers) run the same number of statements. Data made through the services.
 */
import { beforeAll, expect, it } from 'vitest';
import { agingDrillDown, agingReport, dso, openItems } from '../../src/modules/reports/index.js';
import { addDays } from '../../src/platform/dates.js';
import { describeEachApp } from '../support/app.js';
import { countingContext, customer, invoice, pay } from './reports.support.js';

describeEachApp('reports query count', (get) => {
  const customers: string[] = [];
  let issued = 0;
  let day = '2026-01-01';

  /** Adds invoices (round-robin over the customers, a day apart) until there are `total`; pays every third. */
  async function growTo(total: number, customerCount: number) {
    const t = get();
    while (customers.length < customerCount) customers.push(await customer(t.ctx, t.adminActor, 'Count'));
    for (; issued < total; issued++) {
      const customerId = customers[issued % customerCount]!;
      const id = await invoice(t.ctx, t.adminActor, customerId, day, 10_000 + issued);
      if (issued % 3 === 0) await pay(t.ctx, t.adminActor, customerId, id, addDays(day, 20), 5_000);
      day = addDays(day, 1);
    }
  }

  async function countAll(): Promise<Record<string, number>> {
    const { ctx, take } = countingContext(get().ctx);
    take();
    const counts: Record<string, number> = {};
    const page = await agingReport(ctx, { limit: 10 });
    counts.agingToday = take();
    await agingReport(ctx, { asOf: '2026-03-01', buckets: '10,20,30,40', limit: 10 });
    counts.agingBackDated = take();
    if (page.customers.nextCursor) {
      await agingReport(ctx, { cursor: page.customers.nextCursor, limit: 10 });
      counts.agingNextPage = take();
    }
    await agingDrillDown(ctx, { customerId: customers[0]!, bucket: 'over-90', asOf: '2026-05-01' });
    counts.drillDown = take();
    await openItems(ctx, { limit: 50 });
    counts.openItems = take();
    await dso(ctx, { from: '2026-01-01', to: '2026-03-31' });
    counts.dso = take();
    return counts;
  }

  let small: Record<string, number>;
  beforeAll(async () => {
    await growTo(10, 5);
    small = await countAll();
    await growTo(200, 50);
  }, 300_000);

  it('runs the same statements for 10 and for 200 invoices', async () => {
    const large = await countAll();
    expect(small).toEqual({
      agingToday: 2,
      agingBackDated: 2,
      drillDown: 2,
      openItems: 2,
      dso: 2,
    });
    expect(large).toEqual({ ...small, agingNextPage: 2 });
    const report = await agingReport(get().ctx, { limit: 500 });
    expect(report.customers.items).toHaveLength(50);
  });
});
