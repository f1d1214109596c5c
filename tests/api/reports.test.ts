/** The receivables reports over HTTP on both databases: aging as of several dates, drill-down, CSV, open items, DSO. */
import { beforeAll, expect, it } from 'vitest';
import { bearer, describeEachApp } from '../support/app.js';
import { buildScenario, customer, invoice, type Scenario } from './reports.support.js';

interface Row {
  customerId: string;
  customerName: string | null;
  currency: string;
  buckets: number[];
  total: number;
  overdue: number;
  unappliedCredit: number;
  balance: number;
}
interface Report {
  asOf: string;
  buckets: { key: string; label: string }[];
  currencies: (Omit<Row, 'customerId' | 'customerName'> & { customers: number })[];
  customers: { items: Row[]; nextCursor: string | null };
}

describeEachApp('reports', (get) => {
  let s: Scenario;
  let token: string;

  beforeAll(async () => {
    const t = get();
    s = await buildScenario(t.ctx, t.adminActor);
    token = await t.tokenWith(['auditor']);
  }, 120_000);

  const call = async (url: string) => {
    const response = await get().inject({ method: 'GET', url, headers: bearer(token) });
    return response;
  };
  const aging = async (query: string): Promise<Report> => {
    const response = await call(`/api/reports/aging?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Report;
  };
  const rowOf = (report: Report, customerId: string) =>
    report.customers.items.find((r) => r.customerId === customerId);
  const totalsOf = (report: Report, currency: string) =>
    report.currencies.find((c) => c.currency === currency);

  it('as of today: buckets by due date, credit apart, each currency on its own', async () => {
    const report = await aging('');
    expect(report.asOf).toBe('2026-12-04');
    expect(report.buckets.map((b) => b.key)).toEqual(['current', '1-30', '31-60', '61-90', 'over-90']);
    expect(rowOf(report, s.a)).toMatchObject({
      currency: 'EUR',
      buckets: [20_000, 0, 0, 0, 60_000],
      total: 80_000,
      overdue: 60_000,
      unappliedCredit: -5_000,
      balance: 75_000,
    });
    expect(rowOf(report, s.a)!.customerName).toMatch(/^Alpha/);
    expect(rowOf(report, s.b)).toMatchObject({ buckets: [0, 0, 0, 70_000, 0], unappliedCredit: 0 });
    expect(rowOf(report, s.c)).toMatchObject({ currency: 'USD', buckets: [0, 0, 0, 0, 25_000] });
    expect(report.currencies).toEqual([
      {
        currency: 'EUR',
        buckets: [20_000, 0, 0, 70_000, 60_000],
        total: 150_000,
        overdue: 130_000,
        unappliedCredit: -5_000,
        balance: 145_000,
        customers: 2,
      },
      {
        currency: 'USD',
        buckets: [0, 0, 0, 0, 25_000],
        total: 25_000,
        overdue: 25_000,
        unappliedCredit: 0,
        balance: 25_000,
        customers: 1,
      },
    ]);
    // By currency, then most overdue first.
    expect(report.customers.items.map((r) => r.customerId)).toEqual([s.b, s.a, s.c]);
  });

  it('back-dated: before a payment, after it, and on the day an invoice was voided', async () => {
    const before = await aging('asOf=2026-08-10');
    expect(rowOf(before, s.a)?.buckets).toEqual([0, 0, 100_000, 0, 0]); // 40 days, nothing paid yet
    expect(rowOf(before, s.b)?.buckets).toEqual([0, 30_000, 0, 0, 0]); // B1, 10 days, not void yet
    expect(rowOf(before, s.c)?.buckets).toEqual([25_000, 0, 0, 0, 0]); // due 08-31

    const after = await aging('asOf=2026-08-20');
    expect(rowOf(after, s.a)?.buckets).toEqual([0, 0, 60_000, 0, 0]);
    expect(rowOf(after, s.b)?.buckets).toEqual([0, 30_000, 0, 0, 0]);

    const voided = await aging('asOf=2026-09-01');
    expect(rowOf(voided, s.b)?.buckets).toEqual([70_000, 0, 0, 0, 0]); // B1 credited that day, B2 issued
    expect(totalsOf(voided, 'EUR')?.total).toBe(130_000);

    const early = await aging('asOf=2026-05-31');
    expect(early.currencies).toEqual([]);
    expect(early.customers.items).toEqual([]);

    // A2 (issued 10-01, paid 11-20) is open in between, and its customer's credit note appears from 11-20.
    const nov = await aging('asOf=2026-11-19');
    expect(rowOf(nov, s.a)).toMatchObject({ buckets: [20_000, 50_000, 0, 0, 60_000], unappliedCredit: 0 }); // A2 19 days late
    const nov20 = await aging('asOf=2026-11-20');
    expect(rowOf(nov20, s.a)).toMatchObject({ buckets: [20_000, 0, 0, 0, 60_000], unappliedCredit: -5_000 });
  });

  it('filters one currency and takes custom buckets', async () => {
    const usd = await aging('currency=usd');
    expect(usd.currencies.map((c) => c.currency)).toEqual(['USD']);
    expect(usd.customers.items.map((r) => r.customerId)).toEqual([s.c]);

    const custom = await aging('buckets=15,45');
    expect(custom.buckets.map((b) => b.key)).toEqual(['current', '1-15', '16-45', 'over-45']);
    expect(totalsOf(custom, 'EUR')?.buckets).toEqual([20_000, 0, 0, 130_000]);
    const custom2 = await aging('buckets=100,200&asOf=2026-12-04');
    expect(totalsOf(custom2, 'EUR')?.buckets).toEqual([20_000, 70_000, 60_000, 0]); // B2 64 days, A1 156 days
  });

  it('drill-down: the documents of every cell add up to it, at several dates', async () => {
    for (const asOf of ['2026-08-10', '2026-08-20', '2026-09-01', '2026-11-20', '2026-12-04']) {
      const report = await aging(`asOf=${asOf}`);
      for (const row of report.customers.items) {
        for (const [i, def] of [...report.buckets.entries(), [-1, { key: 'credit' }] as const]) {
          const response = await call(
            `/api/reports/aging/invoices?customerId=${row.customerId}&bucket=${def.key}&asOf=${asOf}&limit=500`,
          );
          expect(response.statusCode, response.body).toBe(200);
          const items = response.json().items as { openAmount: number; bucket: string }[];
          const sum = items.reduce((acc, item) => acc + item.openAmount, 0);
          expect(sum, `${asOf} ${row.customerName} ${def.key}`).toBe(
            i === -1 ? row.unappliedCredit : row.buckets[i],
          );
          for (const item of items) expect(item.bucket).toBe(def.key);
        }
      }
    }
    const all = await call(`/api/reports/aging/invoices?customerId=${s.a}`);
    expect(all.json().items.map((d: { id: string; openAmount: number }) => [d.id, d.openAmount])).toEqual([
      [s.a1, 60_000],
      [s.aCredit, -5_000],
      [s.a3, 20_000],
    ]);
    const one = await call(`/api/reports/aging/invoices?customerId=${s.a}&bucket=over-90`);
    expect(one.json()).toMatchObject({
      asOf: '2026-12-04',
      bucket: { key: 'over-90', label: '90+' },
      items: [{ id: s.a1, openAmount: 60_000, grossTotal: 100_000, daysOverdue: 156, dueDate: '2026-07-01' }],
    });
  });

  it('pages customer rows with a cursor, totals on every page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Report = await aging(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.currencies).toHaveLength(2);
      seen.push(...page.customers.items.map((r) => r.customerId));
      cursor = page.customers.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([s.b, s.a, s.c]);
    const bad = await call('/api/reports/aging?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses bad input with the field named', async () => {
    const buckets = await call('/api/reports/aging?buckets=60,30');
    expect(buckets.statusCode).toBe(400);
    expect(buckets.json().detail).toMatch(/strictly ascending/);
    const date = await call('/api/reports/aging?asOf=2026-02-30');
    expect(date.statusCode).toBe(400);
    const currency = await call('/api/reports/aging?currency=XXY');
    expect(currency.statusCode).toBe(400);
    const bucket = await call(`/api/reports/aging/invoices?customerId=${s.a}&bucket=90%2B`);
    expect(bucket.statusCode).toBe(400);
    expect(bucket.json().detail).toMatch(/over-90, credit/);
    const unknown = await call('/api/reports/aging/invoices?customerId=cus_nobody');
    expect(unknown.statusCode).toBe(404);
    const dso = await call('/api/reports/dso?from=2026-12-01&to=2026-11-01');
    expect(dso.statusCode).toBe(400);
  });

  it('aging.csv: every customer row and a total row per currency', async () => {
    const response = await call('/api/reports/aging.csv?asOf=2026-12-04');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/aging-2026-12-04\.csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'row,currency,customer_code,customer_name,customer_id,current,1-30,31-60,61-90,over-90,total,overdue,unapplied_credit,balance',
    );
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(lines.find((l) => l.includes(s.a))).toMatch(
      /,200\.00,0\.00,0\.00,0\.00,600\.00,800\.00,600\.00,-50\.00,750\.00$/,
    );
    expect(lines).toContain(
      'total,EUR,,2 customers,,200.00,0.00,0.00,700.00,600.00,1500.00,1300.00,-50.00,1450.00',
    );
    expect(lines).toContain('total,USD,,1 customer,,0.00,0.00,0.00,0.00,250.00,250.00,250.00,0.00,250.00');
  });

  it('CSV cells that would run as formulas are escaped; amounts stay numbers', async () => {
    const t = get();
    const evil = await customer(t.ctx, t.adminActor, '=HYPERLINK("http://x","y")', 'GBP');
    await invoice(t.ctx, t.adminActor, evil, '2026-12-01', 1_234, 'GBP');
    const response = await call('/api/reports/aging.csv?currency=GBP');
    const line = response.body.split('\r\n').find((l) => l.includes(evil))!;
    expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")`);
    const items = await call('/api/reports/open-items.csv?currency=GBP');
    expect(items.statusCode).toBe(200);
    const [header, first] = items.body.split('\r\n');
    expect(header).toBe(
      'number,kind,customer_code,customer_name,currency,issue_date,due_date,days_overdue,gross_total,open_amount,id,customer_id',
    );
    expect(first).toContain(`"'=HYPERLINK(`);
    expect(first).toContain(',GBP,2026-12-01,2026-12-31,0,12.34,12.34,');
  });

  it('open items: filters, negative credit, cursor paging, CSV', async () => {
    const all = await call('/api/reports/open-items?currency=EUR');
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(body.today).toBe('2026-12-04');
    expect(body.items.map((i: { id: string; openAmount: number }) => [i.id, i.openAmount])).toEqual([
      [s.a1, 60_000],
      [s.b2, 70_000],
      [s.aCredit, -5_000],
      [s.a3, 20_000],
    ]);
    const overdue = (await call('/api/reports/open-items?overdue=true&currency=EUR')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([s.a1, s.b2]);
    const due = (
      await call('/api/reports/open-items?dueFrom=2026-10-01&dueTo=2026-12-31&kind=invoice&currency=EUR')
    ).json();
    expect(due.items.map((i: { id: string }) => i.id)).toEqual([s.b2, s.a3]);
    const big = (await call('/api/reports/open-items?minAmount=60000')).json();
    expect(big.items.map((i: { id: string }) => i.id)).toEqual([s.a1, s.b2]);
    const mine = (await call(`/api/reports/open-items?customerId=${s.c}`)).json();
    expect(mine.items).toMatchObject([
      { id: s.c1, currency: 'USD', daysOverdue: 95, customerName: expect.stringMatching(/^Charlie/) },
    ]);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await call(
        `/api/reports/open-items?currency=EUR&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
      ids.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([s.a1, s.b2, s.aCredit, s.a3]);

    const csv = await call('/api/reports/open-items.csv?currency=EUR');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(/,credit_note,.*,-50\.00,/);
    const badCsv = await call('/api/reports/open-items.csv?dueFrom=2026-12-01&dueTo=2026-01-01');
    expect(badCsv.statusCode).toBe(400);
  });

  it('DSO: receivables at the end of the period over net credit sales, × days', async () => {
    const response = await call('/api/reports/dso?from=2026-09-01&to=2026-11-30');
    expect(response.statusCode, response.body).toBe(200);
    const dso = response.json();
    expect(dso.days).toBe(91);
    expect(dso.definition).toMatch(/receivables \/ net credit sales × days/);
    // EUR on 11-30: A1 600 + B2 700 + A3 200 open, A's credit note 50 unused → 1450; sales B2 700 + A2 500
    // + A3 200 − credit notes (B1's 300 full credit + A3's 50) = 1050.
    const eur = dso.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    expect(eur).toEqual({
      currency: 'EUR',
      receivables: 145_000,
      invoiced: 140_000,
      credited: 35_000,
      netSales: 105_000,
      dso: Math.round((145_000 / 105_000) * 91 * 10) / 10,
    });
    // USD: C1 250 open, nothing sold in the period.
    expect(dso.currencies.find((c: { currency: string }) => c.currency === 'USD')).toMatchObject({
      receivables: 25_000,
      netSales: 0,
      dso: null,
    });
  });
});
