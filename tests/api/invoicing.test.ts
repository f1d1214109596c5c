/** Invoices and credit notes over HTTP: drafts, issuing, totals, due dates, PDF archive, credit notes, settling, bad input. */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { documentView } from '../../src/modules/invoicing/document-view.js';
import {
  agingRows,
  findOpenItemsByReference,
  getOpenItem,
  type Invoice,
  listOpenItems,
  rerenderIssuedPdf,
  settle,
  unsettle,
} from '../../src/modules/invoicing/index.js';
import type { InvoiceRow, LineRow, TaxRow } from '../../src/modules/invoicing/tables.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { pdfPages } from '../support/pdf-text.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const line = (overrides: Record<string, unknown> = {}) => ({
  description: 'Pallet wrap film',
  quantity: '2',
  unit: 'roll',
  unitPrice: '18.90',
  taxCategory: 'S',
  taxRate: '20',
  ...overrides,
});

describeEachApp('invoicing', (get) => {
  let seq = 0;
  let finance: Record<string, string>;
  const actor = systemActor('test');

  async function headers(t: TestApp) {
    finance ??= bearer(await t.tokenWith(['finance']));
    return finance;
  }

  async function customer(t: TestApp, body: Record<string, unknown> = {}) {
    const response = await t.inject({
      method: 'POST',
      url: '/api/customers',
      headers: await headers(t),
      payload: {
        legalName: `Customer ${++seq} SARL`,
        billingAddress: { line1: '12 rue du Faubourg', postalCode: '69002', city: 'Lyon', country: 'FR' },
        taxId: 'FR40303265045',
        contacts: [{ name: 'Claire', email: `billing${seq}@example.com`, receivesInvoices: true }],
        ...body,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; code: string };
  }

  async function draft(t: TestApp, body: Record<string, unknown>) {
    return t.inject({
      method: 'POST',
      url: '/api/invoices',
      headers: await headers(t),
      payload: { lines: [line()], ...body },
    });
  }

  async function issued(
    t: TestApp,
    body: Record<string, unknown>,
    issueBody: Record<string, unknown> = {},
  ): Promise<Invoice> {
    const created = await draft(t, body);
    expect(created.statusCode, created.body).toBe(201);
    const response = await t.inject({
      method: 'POST',
      url: `/api/invoices/${created.json().id}/issue`,
      headers: await headers(t),
      payload: issueBody,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Invoice;
  }

  const count = async (t: TestApp, table: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('issues drafts with gapless numbers per series and year, snapshots and an RF reference', async () => {
    const t = get();
    const c = await customer(t);
    const created = await draft(t, { customerId: c.id });
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json() as Invoice;
    expect(d).toMatchObject({
      status: 'draft',
      number: null,
      kind: 'invoice',
      currency: 'EUR',
      paymentState: null,
      buyer: null,
    });
    expect(d.id).toMatch(/^inv_/);
    expect(d.grossTotal).toBe(4536);

    const issue = await t.inject({
      method: 'POST',
      url: `/api/invoices/${d.id}/issue`,
      headers: await headers(t),
      payload: {},
    });
    expect(issue.statusCode, issue.body).toBe(200);
    const first = issue.json() as Invoice;
    expect(first).toMatchObject({
      status: 'issued',
      number: 'INV-2026-000001',
      issueDate: '2026-12-04',
      dueDate: '2027-01-04', // net 30 → Sunday 3 January → Monday
      rfReference: expect.stringMatching(/^RF\d\dINV2026000001$/),
      openAmount: 4536,
      paymentState: 'unpaid',
      overdue: false,
      buyer: { name: expect.stringMatching(/SARL$/), customerCode: c.code, vatId: 'FR40303265045' },
      seller: { legalName: 'Duely Demo Distribution SAS' },
    });
    const second = await issued(t, { customerId: c.id });
    expect(second.number).toBe('INV-2026-000002');
    const standalone = await issued(t, { customerId: c.id, kind: 'credit_note' });
    expect(standalone.number).toBe('CRN-2026-000001');
    expect(standalone.id).toMatch(/^crn_/);

    const events = await t.ctx.db
      .selectFrom('outbox_events')
      .select(['type', 'aggregate_id'])
      .where('type', '=', 'invoice.issued')
      .execute();
    expect(events.map((e) => e.aggregate_id)).toEqual(
      expect.arrayContaining([first.id, second.id, standalone.id]),
    );
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', first.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['invoice.draft_created', 'invoice.issued']);
  });

  it('keeps issued documents immutable: edit, delete and re-issue are refused, nothing changes', async () => {
    const t = get();
    const c = await customer(t);
    const inv = await issued(t, { customerId: c.id });
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/invoices/${inv.id}`,
      headers: await headers(t),
      payload: { lines: [line({ unitPrice: '1.00' })] },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().detail).toContain(inv.number);
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/invoices/${inv.id}`,
      headers: await headers(t),
    });
    expect(del.statusCode).toBe(409);
    const again = await t.inject({
      method: 'POST',
      url: `/api/invoices/${inv.id}/issue`,
      headers: await headers(t),
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    const after = (
      await t.inject({ method: 'GET', url: `/api/invoices/${inv.id}`, headers: await headers(t) })
    ).json();
    expect(after).toEqual({ ...inv, overdue: after.overdue, daysOverdue: after.daysOverdue });
  });

  it('edits and deletes drafts; copies a previous invoice and the customer template', async () => {
    const t = get();
    const c = await customer(t);
    const d = (await draft(t, { customerId: c.id })).json() as Invoice;
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/invoices/${d.id}`,
      headers: await headers(t),
      payload: {
        lines: [line(), line({ description: 'Tape', quantity: '10', unitPrice: '2.15' })],
        notes: 'Thanks!',
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      netTotal: 3780 + 2150,
      notes: 'Thanks!',
      lines: [{ position: 1 }, { position: 2 }],
    });
    const copy = (await draft(t, { customerId: c.id, lines: undefined, copyFrom: d.id })).json() as Invoice;
    expect(copy.lines.map((l) => l.description)).toEqual(['Pallet wrap film', 'Tape']);

    const put = await t.inject({
      method: 'PUT',
      url: `/api/invoice-templates/${c.id}`,
      headers: await headers(t),
      payload: { lines: [line({ description: 'Monthly rental', unitPrice: '250' })] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const fromTemplate = (
      await draft(t, { customerId: c.id, lines: undefined, fromTemplate: true })
    ).json() as Invoice;
    expect(fromTemplate.lines).toEqual([
      expect.objectContaining({ description: 'Monthly rental', netAmount: 50000 }),
    ]);

    const del = await t.inject({ method: 'DELETE', url: `/api/invoices/${d.id}`, headers: await headers(t) });
    expect(del.statusCode).toBe(204);
    expect(
      (await t.inject({ method: 'GET', url: `/api/invoices/${d.id}`, headers: await headers(t) })).statusCode,
    ).toBe(404);
  });

  it('computes totals per EN 16931 in EUR, JPY and KWD: line nets rounded per line, tax once per rate', async () => {
    const t = get();
    const c = await customer(t);
    // Three lines of 0.05 at 10 %: tax per line would be 3 × 0.01; on the group total it is 0.015 → 0.02.
    const eur = (
      await draft(t, {
        customerId: c.id,
        lines: [
          line({ quantity: '1', unitPrice: '0.05', taxRate: '10' }),
          line({ quantity: '1', unitPrice: '0.05', taxRate: '10' }),
          line({ quantity: '1', unitPrice: '0.05', taxRate: '10' }),
          line({ quantity: '3', unitPrice: '19.99', discountPercent: '10' }),
          line({
            quantity: '1',
            unitPrice: '450',
            taxCategory: 'E',
            taxRate: undefined,
            exemptionReason: 'Training, art. 261-4-4° CGI',
          }),
        ],
      })
    ).json() as Invoice;
    expect(eur.lines.map((l) => l.netAmount)).toEqual([5, 5, 5, 5397, 45000]);
    expect(eur.taxBreakdown).toEqual([
      expect.objectContaining({ category: 'S', rate: '10', taxableAmount: 15, taxAmount: 2 }),
      expect.objectContaining({ category: 'S', rate: '20', taxableAmount: 5397, taxAmount: 1079 }),
      expect.objectContaining({ category: 'E', rate: '0', taxableAmount: 45000, taxAmount: 0 }),
    ]);
    expect([eur.netTotal, eur.taxTotal, eur.grossTotal]).toEqual([50412, 1081, 51493]);

    const jpy = await issued(t, {
      customerId: c.id,
      currency: 'JPY',
      lines: [
        line({ quantity: '3', unitPrice: '333.5', taxRate: '10' }),
        line({ quantity: '1', unitPrice: '99', taxRate: '10' }),
      ],
    });
    expect(jpy.lines.map((l) => l.netAmount)).toEqual([1001, 99]);
    expect([jpy.netTotal, jpy.taxTotal, jpy.grossTotal, jpy.openAmount]).toEqual([1100, 110, 1210, 1210]);

    const kwd = await issued(t, {
      customerId: c.id,
      currency: 'KWD',
      lines: [
        line({ quantity: '2', unitPrice: '1.2345', taxRate: '5' }),
        line({ quantity: '1', unitPrice: '0.0005', taxRate: '5' }),
      ],
    });
    expect(kwd.lines.map((l) => l.netAmount)).toEqual([2469, 1]);
    expect([kwd.netTotal, kwd.taxTotal, kwd.grossTotal]).toEqual([2470, 124, 2594]);
  });

  it('computes due dates from the terms and the company calendar, with instalments and an early discount', async () => {
    const t = get();
    const admin = bearer(await t.tokenWith(['admin']));
    const settings = (
      await t.inject({ method: 'GET', url: '/api/settings/company', headers: await headers(t) })
    ).json();
    const put = await t.inject({
      method: 'PUT',
      url: '/api/settings/company',
      headers: admin,
      payload: { ...settings, calendar: { daysOff: [0, 6], holidays: ['2027-01-04'] } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const forbidden = await t.inject({
      method: 'PUT',
      url: '/api/settings/company',
      headers: await headers(t),
      payload: settings,
    });
    expect(forbidden.statusCode).toBe(403);

    const split = await customer(t, {
      paymentTerms: {
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 60, percent: 50 },
        ],
      },
    });
    const inv = await issued(t, {
      customerId: split.id,
      lines: [line({ quantity: '1', unitPrice: '100.01', taxCategory: 'Z', taxRate: '0' })],
    });
    // 4 Dec + 30 = Sun 3 Jan → Mon 4 Jan is a holiday → Tue 5 Jan; + 60 = Tue 2 Feb.
    expect(inv.instalments).toEqual([
      { number: 1, dueDate: '2027-01-05', amount: 5001 },
      { number: 2, dueDate: '2027-02-02', amount: 5000 },
    ]);
    expect(inv.dueDate).toBe('2027-02-02');

    const eom = await customer(t, {
      paymentTerms: { kind: 'end_of_month', days: 30, earlyDiscount: { percent: 2, days: 10 } },
    });
    const inv2 = await issued(t, {
      customerId: eom.id,
      lines: [line({ quantity: '1', unitPrice: '100', taxRate: '20' })],
    });
    // 31 Dec + 30 = Sat 30 Jan → Mon 1 Feb. Discount deadline 4 Dec + 10 = Mon 14 Dec.
    expect(inv2.dueDate).toBe('2027-02-01');
    expect(inv2.earlyDiscount).toEqual({
      deadline: '2026-12-14',
      percent: '2',
      discountAmount: 240,
      discountedAmount: 11760,
    });
    await t.inject({ method: 'PUT', url: '/api/settings/company', headers: admin, payload: settings });
  });

  it('archives the PDF with its SHA-256 on issue; re-rendering gives the same bytes; drafts get an unarchived DRAFT preview', async () => {
    const t = get();
    const c = await customer(t);
    const inv = await issued(t, { customerId: c.id });
    expect(inv.pdf).toEqual({
      documentId: expect.stringMatching(/^doc_/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const response = await t.inject({
      method: 'GET',
      url: `/api/invoices/${inv.id}/pdf`,
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.rawPayload;
    expect(sha256(bytes)).toBe(inv.pdf!.sha256);
    const again = await rerenderIssuedPdf(t.ctx.db, inv.id);
    expect(sha256(again)).toBe(inv.pdf!.sha256);
    const text = (await pdfPages(bytes)).join(' ');
    expect(text).toContain(inv.number!);
    expect(text).toContain('FR40303265045');

    // EPC QR only for EUR with an IBAN.
    const view = async (id: string) => {
      const row = await t.ctx.db
        .selectFrom('invoices')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const lines = await t.ctx.db
        .selectFrom('invoice_lines')
        .selectAll()
        .where('invoice_id', '=', id)
        .orderBy('position')
        .execute();
      const tax = await t.ctx.db
        .selectFrom('invoice_tax_breakdown')
        .selectAll()
        .where('invoice_id', '=', id)
        .orderBy('position')
        .execute();
      return documentView(row as InvoiceRow, lines as LineRow[], tax as TaxRow[], null);
    };
    const bank = (v: Awaited<ReturnType<typeof view>>) =>
      v.paymentMethods!.find((m) => m.method === 'bank_transfer')!;
    expect(bank(await view(inv.id))).toMatchObject({
      reference: inv.rfReference,
      epcQrPayload: expect.stringContaining(inv.rfReference!),
    });
    const usd = await issued(t, { customerId: c.id, currency: 'USD' });
    expect(bank(await view(usd.id))).not.toHaveProperty('epcQrPayload');

    const before = await count(t, 'archived_documents');
    const d = (await draft(t, { customerId: c.id })).json() as Invoice;
    const preview = await t.inject({
      method: 'GET',
      url: `/api/invoices/${d.id}/pdf`,
      headers: await headers(t),
    });
    expect(preview.statusCode).toBe(200);
    expect((await pdfPages(preview.rawPayload)).join(' ')).toContain('DRAFT');
    expect(await count(t, 'archived_documents')).toBe(before);
  });

  it('credits in full (voids the invoice), partially (credit to apply) and refuses a full credit on a paid invoice', async () => {
    const t = get();
    const c = await customer(t);
    const inv = await issued(t, { customerId: c.id });
    const full = await t.inject({
      method: 'POST',
      url: `/api/invoices/${inv.id}/credit`,
      headers: await headers(t),
      payload: { mode: 'full' },
    });
    expect(full.statusCode, full.body).toBe(201);
    const crn = full.json() as Invoice;
    expect(crn).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      number: expect.stringMatching(/^CRN-2026-\d{6}$/),
      relatedInvoiceId: inv.id,
      grossTotal: inv.grossTotal,
      openAmount: 0,
    });
    const voided = (
      await t.inject({ method: 'GET', url: `/api/invoices/${inv.id}`, headers: await headers(t) })
    ).json() as Invoice;
    expect(voided).toMatchObject({ status: 'void', openAmount: 0, paymentState: null });
    expect(voided.settlements).toEqual([
      { allocationId: crn.id, date: '2026-12-04', amount: inv.grossTotal },
    ]);
    const twice = await t.inject({
      method: 'POST',
      url: `/api/invoices/${inv.id}/credit`,
      headers: await headers(t),
      payload: { mode: 'full' },
    });
    expect(twice.statusCode).toBe(409);

    const paid = await issued(t, { customerId: c.id });
    await transaction(t.ctx, actor, (tx) =>
      settle(tx, {
        documentId: paid.id,
        allocationId: 'alc_1',
        amount: 1000,
        currency: 'EUR',
        date: '2026-12-04',
      }),
    );
    const creditsBefore = await count(t, 'invoices');
    const refused = await t.inject({
      method: 'POST',
      url: `/api/invoices/${paid.id}/credit`,
      headers: await headers(t),
      payload: { mode: 'full' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(new RegExp(`${paid.number}.*already paid.*partial credit note`));
    expect(await count(t, 'invoices')).toBe(creditsBefore);

    const partial = await t.inject({
      method: 'POST',
      url: `/api/invoices/${paid.id}/credit`,
      headers: await headers(t),
      payload: {
        mode: 'partial',
        lines: [line({ quantity: '1', description: 'One roll returned damaged' })],
        notes: 'Damaged roll',
      },
    });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json()).toMatchObject({
      kind: 'credit_note',
      grossTotal: 2268,
      openAmount: 2268,
      relatedInvoiceId: paid.id,
    });
    const open = await listOpenItems(t.ctx.db, { customerId: c.id, kind: 'credit_note' });
    expect(open.map((o) => o.openAmount)).toEqual([2268]);
    const tooMuch = await t.inject({
      method: 'POST',
      url: `/api/invoices/${paid.id}/credit`,
      headers: await headers(t),
      payload: { mode: 'partial', lines: [line({ quantity: '2' })] },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([expect.objectContaining({ path: 'lines' })]);
  });

  it('settles and reopens through the payments contract, never over-applying, with a dated history', async () => {
    const t = get();
    const c = await customer(t);
    const a = await issued(t, { customerId: c.id });
    const b = await issued(t, { customerId: c.id, lines: [line({ quantity: '1' })] });
    const run = <T>(fn: Parameters<typeof transaction<T>>[2]) => transaction(t.ctx, actor, fn);

    expect((await listOpenItems(t.ctx.db, { customerId: c.id })).map((o) => o.number)).toEqual([
      a.number,
      b.number,
    ]);
    const found = await findOpenItemsByReference(
      t.ctx.db,
      `Payment ${a.number!.replaceAll('-', '')} and ${b.rfReference!.replace(/(.{4})/g, '$1 ')} thanks`,
    );
    expect(found.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());

    expect(
      await run((tx) =>
        settle(tx, {
          documentId: a.id,
          allocationId: 'alc_a1',
          amount: 1000,
          currency: 'EUR',
          date: '2026-12-05',
        }),
      ),
    ).toEqual({ openAmount: 3536 });
    const partially = (
      await t.inject({ method: 'GET', url: `/api/invoices/${a.id}`, headers: await headers(t) })
    ).json();
    expect(partially).toMatchObject({ paymentState: 'partially_paid', paidAmount: 1000 });

    const over = run((tx) =>
      settle(tx, {
        documentId: a.id,
        allocationId: 'alc_a2',
        amount: 3537,
        currency: 'EUR',
        date: '2026-12-05',
      }),
    );
    await expect(over).rejects.toMatchObject({ status: 409, message: expect.stringContaining(a.number!) });
    const wrongCurrency = run((tx) =>
      settle(tx, {
        documentId: a.id,
        allocationId: 'alc_a2',
        amount: 1,
        currency: 'USD',
        date: '2026-12-05',
      }),
    );
    await expect(wrongCurrency).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('EUR'),
    });
    const beforeIssue = run((tx) =>
      settle(tx, {
        documentId: a.id,
        allocationId: 'alc_a2',
        amount: 1,
        currency: 'EUR',
        date: '2000-01-01',
      }),
    );
    await expect(beforeIssue).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ path: 'date' })],
    });
    expect((await getOpenItem(t.ctx.db, a.id))?.openAmount).toBe(3536);

    expect(
      await run((tx) =>
        settle(tx, {
          documentId: a.id,
          allocationId: 'alc_a3',
          amount: 3536,
          currency: 'EUR',
          date: '2026-12-06',
        }),
      ),
    ).toEqual({ openAmount: 0 });
    expect((await getOpenItem(t.ctx.db, a.id))?.openAmount).toBe(0);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/invoices?paymentState=paid&customerId=${c.id}`,
          headers: await headers(t),
        })
      )
        .json()
        .items.map((i: Invoice) => i.id),
    ).toEqual([a.id]);

    expect(
      await run((tx) =>
        unsettle(tx, {
          documentId: a.id,
          allocationId: 'alc_a3',
          amount: 3536,
          currency: 'EUR',
          date: '2026-12-07',
        }),
      ),
    ).toEqual({ openAmount: 3536 });
    const above = run((tx) =>
      unsettle(tx, {
        documentId: a.id,
        allocationId: 'alc_a1',
        amount: 1001,
        currency: 'EUR',
        date: '2026-12-07',
      }),
    );
    await expect(above).rejects.toMatchObject({ status: 409 });

    const events = await t.ctx.db
      .selectFrom('outbox_events')
      .select('type')
      .where('aggregate_id', '=', a.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['invoice.issued', 'invoice.paid', 'invoice.reopened']);
    const history = (
      await t.inject({ method: 'GET', url: `/api/invoices/${a.id}`, headers: await headers(t) })
    ).json() as Invoice;
    expect(history.settlements.reduce((s, x) => s + x.amount, 0)).toBe(
      history.grossTotal - history.openAmount,
    );

    // As of a past date, only what was settled by then counts.
    const asOf = async (date: string) =>
      (await agingRows(t.ctx.db, { asOf: date, customerId: c.id })).find((r) => r.id === a.id)?.openAsOf;
    expect(await asOf('2026-12-04')).toBe(4536);
    expect(await asOf('2026-12-05')).toBe(3536);
    expect(await asOf('2026-12-06')).toBeUndefined();
    expect(await asOf('2026-12-07')).toBe(3536);

    // Overdue is derived from the due date and today.
    t.clock.set('2027-02-01T09:00:00.000Z');
    try {
      const overdue = (
        await t.inject({
          method: 'GET',
          url: `/api/invoices?overdue=true&customerId=${c.id}`,
          headers: await headers(t),
        })
      ).json();
      expect(overdue.items.map((i: Invoice) => [i.id, i.overdue, i.daysOverdue])).toEqual([
        [b.id, true, 28],
        [a.id, true, 28],
      ]);
    } finally {
      t.clock.set('2026-12-04T09:00:00.000Z');
    }
  });

  it('lists with filters and finds a document by its number with or without dashes', async () => {
    const t = get();
    const c = await customer(t, { currency: 'GBP' });
    const inv = await issued(t, { customerId: c.id });
    await draft(t, { customerId: c.id });
    const list = async (query: string) =>
      (
        (
          await t.inject({
            method: 'GET',
            url: `/api/invoices?${query}`,
            headers: bearer(await t.tokenWith(['sales'])),
          })
        ).json().items as Invoice[]
      ).map((i) => i.id);
    expect(await list(`customerId=${c.id}&status=issued`)).toEqual([inv.id]);
    expect(await list(`customerId=${c.id}&currency=GBP`)).toHaveLength(2);
    expect(await list(`q=${inv.number!.replaceAll('-', '')}`)).toEqual([inv.id]);
    expect(await list(`q=${inv.number!.toLowerCase()}`)).toEqual([inv.id]);
    expect(await list(`customerId=${c.id}&from=2026-12-05`)).toEqual([]);
  });

  it('refuses bad input with the faulty field named, changing nothing', async () => {
    const t = get();
    const c = await customer(t);
    const before = await count(t, 'invoices');
    const cases: [Record<string, unknown>, string][] = [
      [{ customerId: 'cus_unknown' }, 'customerId'],
      [{ customerId: c.id, currency: 'ABC' }, 'currency'],
      [{ customerId: c.id, lines: [line(), line({ unitPrice: '12,50' })] }, 'lines.1.unitPrice'],
      [{ customerId: c.id, lines: [line({ taxRate: undefined })] }, 'lines.0.taxRate'],
      [{ customerId: c.id, lines: [line({ taxCategory: 'X' })] }, 'lines.0.taxCategory'],
      [{ customerId: c.id, lines: [line({ quantity: '0' })] }, 'lines.0.quantity'],
    ];
    for (const [body, path] of cases) {
      const response = await draft(t, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count(t, 'invoices')).toBe(before);

    const d = (await draft(t, { customerId: c.id })).json() as Invoice;
    const bad = await t.inject({
      method: 'PATCH',
      url: `/api/invoices/${d.id}`,
      headers: await headers(t),
      payload: { lines: [line({ description: 'Changed' }), line({ discountPercent: '120' })] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'lines.1.discountPercent' })]);
    const unchanged = (
      await t.inject({ method: 'GET', url: `/api/invoices/${d.id}`, headers: await headers(t) })
    ).json() as Invoice;
    expect(unchanged.lines.map((l) => l.description)).toEqual(['Pallet wrap film']);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/invoices/inv_missing/issue',
          headers: await headers(t),
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });

  it('queues the invoice email with the PDF attached and lists it under the invoice', async () => {
    const t = get();
    const c = await customer(t, { language: 'fr' });
    const inv = await issued(t, { customerId: c.id });
    const draftOnly = (await draft(t, { customerId: c.id })).json() as Invoice;
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/invoices/${draftOnly.id}/send`,
          headers: await headers(t),
          payload: {},
        })
      ).statusCode,
    ).toBe(409);
    const sent = await t.inject({
      method: 'POST',
      url: `/api/invoices/${inv.id}/send`,
      headers: await headers(t),
      payload: {},
    });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().to).toEqual([expect.stringMatching(/^billing\d+@example.com$/)]);
    const messages = (
      await t.inject({
        method: 'GET',
        url: `/api/invoices/${inv.id}/messages`,
        headers: bearer(await t.tokenWith(['support'])),
      })
    ).json();
    expect(messages.items).toEqual([
      expect.objectContaining({
        id: sent.json().messageId,
        subject: expect.stringContaining(`Facture ${inv.number}`),
        state: 'queued',
        attachments: [
          expect.objectContaining({ filename: `${inv.number}.pdf`, contentType: 'application/pdf' }),
        ],
      }),
    ]);
    expect(messages.items[0].text).toBeUndefined();
  });
});
