/**
 * Customer statements over HTTP: opening / movements / closing for a period that starts after some
 * activity, the aging summary as of its end, CSV (formula-safe), PDF in English and French, sending,
 * and who may read and send them.
 */
import { beforeAll, expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import { creditInvoice, type OpenItem } from '../../src/modules/invoicing/index.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { pdfPages } from '../support/pdf-text.js';
import { makeDocument } from './payments.support.js';

describeEachApp('customer statements', (get) => {
  let finance: Record<string, string>;
  let customerId: string;
  let frenchId: string;
  let inv: OpenItem[];

  const request = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    get().inject({ method, url, headers: finance, ...(payload ? { payload } : {}) });
  const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await request(method, url, payload);
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const pay = (body: Record<string, unknown>) =>
    ok('POST', '/api/payments', { method: 'bank_transfer', currency: 'EUR', ...body });

  beforeAll(async () => {
    const t: TestApp = get();
    finance = bearer(await t.tokenWith(['finance']));
    const customer = await createCustomer(t.ctx, t.adminActor, {
      legalName: 'Statement Test Ltd',
      billingAddress: { line1: '1 High Street', postalCode: 'EC1A 1BB', city: 'London', country: 'GB' },
      currency: 'EUR',
      language: 'en',
      paymentTerms: { kind: 'net', days: 30 },
      contacts: [
        { name: 'Ann', email: 'ann@statement.example', receivesInvoices: true },
        { name: 'Rob', email: 'rob@statement.example', receivesReminders: true },
        { name: 'Other', email: 'other@statement.example' },
      ],
    } as unknown as Parameters<typeof createCustomer>[2]);
    customerId = customer.id;
    // Four invoices on consecutive days from 2025-01-01 (due 30 days later).
    inv = [];
    for (const gross of [10000, 20000, 5000, 8000])
      inv.push(await makeDocument(t.ctx, t.adminActor, customerId, gross));
    // Before the period: a transfer quoting inv1's number pays it.
    await pay({
      customerId,
      amount: 10000,
      receivedDate: '2025-01-10',
      reference: inv[0]!.number,
      autoAllocate: true,
    });
    // In the period: a cheque pays inv2, the rest goes on account; inv3 is credited in full (void);
    // a second cheque pays part of inv4, bounces, and a fee is charged.
    const p2 = await pay({
      method: 'cheque',
      chequeNumber: '2002',
      customerId,
      amount: 23000,
      receivedDate: '2025-02-15',
    });
    await ok('POST', `/api/payments/${p2.id}/allocations`, {
      allocations: [{ invoiceId: inv[1]!.id, amount: 20000 }],
      creditRemainder: true,
      date: '2025-02-15',
    });
    await creditInvoice(t.ctx, t.adminActor, inv[2]!.id, {
      mode: 'full',
      issueDate: '2025-03-01',
      notes: null,
    });
    const p3 = await pay({
      method: 'cheque',
      chequeNumber: '3003',
      customerId,
      amount: 1000,
      receivedDate: '2025-03-10',
    });
    await ok('POST', `/api/payments/${p3.id}/allocations`, {
      allocations: [{ invoiceId: inv[3]!.id, amount: 1000 }],
      date: '2025-03-10',
    });
    await ok('POST', `/api/payments/${p3.id}/reverse`, {
      reason: 'Cheque returned unpaid',
      date: '2025-03-20',
      fee: { amount: 1500, description: 'Bounced cheque fee' },
    });
    // After the period: a transfer with a reference a spreadsheet would run as a formula.
    const p4 = await pay({
      customerId,
      amount: 2000,
      receivedDate: '2025-04-05',
      reference: '=HYPERLINK("http://x.example")',
    });
    await ok('POST', `/api/payments/${p4.id}/allocations`, {
      allocations: [{ invoiceId: inv[3]!.id, amount: 2000 }],
      date: '2025-04-05',
    });

    const french = await createCustomer(t.ctx, t.adminActor, {
      legalName: 'Épicerie Fine Laurent',
      billingAddress: {
        line1: '3 rue de la République',
        postalCode: '13001',
        city: 'Marseille',
        country: 'FR',
      },
      currency: 'EUR',
      language: 'fr',
      paymentTerms: { kind: 'net', days: 30 },
      contacts: [{ name: 'Marc', email: 'marc@laurent.example', receivesInvoices: true }],
    } as unknown as Parameters<typeof createCustomer>[2]);
    frenchId = french.id;
    const f1 = await makeDocument(t.ctx, t.adminActor, frenchId, 123456);
    await pay({
      customerId: frenchId,
      amount: 23456,
      receivedDate: '2025-02-20',
      reference: f1.number,
      autoAllocate: true,
    });
  }, 60_000);

  it('gives the opening balance, the movements with a running balance and the closing balance of a period', async () => {
    expect(inv.map((i) => i.issueDate)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04']);
    const s = await ok('GET', `/api/accounts/${customerId}/statement?from=2025-02-01&to=2025-03-31`);
    expect(s).toMatchObject({ customerId, currency: 'EUR', from: '2025-02-01', to: '2025-03-31' });
    expect(s.openingBalance).toBe(10000 + 20000 + 5000 + 8000 - 10000);
    expect(
      s.lines.map((l: Record<string, unknown>) => [
        l.date,
        l.kind,
        l.reference,
        l.debit,
        l.credit,
        l.balance,
      ]),
    ).toEqual([
      ['2025-02-15', 'payment', 'cheque 2002', 0, 23000, 10000],
      ['2025-03-01', 'credit_note', expect.stringMatching(/^CRN-2025-/), 0, 5000, 5000],
      ['2025-03-10', 'payment', 'cheque 3003', 0, 1000, 4000],
      ['2025-03-20', 'fee', 'cheque 3003', 1500, 0, 5500],
      ['2025-03-20', 'payment_reversal', 'cheque 3003', 1000, 0, 6500],
    ]);
    expect(s.lines[1].description).toContain(`for invoice ${inv[2]!.number}`);
    expect(s.closingBalance).toBe(6500);
    expect(s.totals).toEqual({ debit: 2500, credit: 29000 });
    // Aging as of 2025-03-31: inv4 (due 2025-02-03, 56 days) open in full again; 30.00 on account; the fee.
    expect(s.aging).toEqual({
      asOf: '2025-03-31',
      buckets: [
        { key: 'current', amount: 0 },
        { key: '1-30', amount: 0 },
        { key: '31-60', amount: 8000 },
        { key: '61-90', amount: 0 },
        { key: '90+', amount: 0 },
      ],
      openInvoices: 8000,
      overdue: 8000,
      unusedCredit: 0,
      unappliedPayments: 3000,
      openCharges: 1500,
      balance: 6500,
    });
    expect(s.openItems).toEqual([
      expect.objectContaining({ id: inv[3]!.id, openAmount: 8000, daysOverdue: 56, bucket: '31-60' }),
    ]);
  });

  it('shows the voided invoice and its full credit note in the ledger, and closes at the balance today', async () => {
    const ledger = await ok('GET', `/api/accounts/${customerId}/ledger?currency=EUR`);
    const kinds = ledger.lines.map((l: { kind: string; id: string }) => [l.kind, l.id]);
    expect(kinds).toContainEqual(['invoice', inv[2]!.id]);
    expect(kinds.filter(([k]: [string]) => k === 'credit_note')).toHaveLength(1);
    const balance = await ok('GET', `/api/accounts/${customerId}/balance`);
    const eur = balance.currencies.find((c: { currency: string }) => c.currency === 'EUR');
    expect(eur.balance).toBe(4500);
    expect(ledger.closingBalance).toBe(eur.balance);
    // Σ open invoices + open fees − unapplied payments and credit = the statement's closing at today.
    const now = await ok('GET', `/api/accounts/${customerId}/statement?from=2025-01-01`);
    expect(now.to).toBe('2026-12-04');
    expect(now.openingBalance).toBe(0);
    expect(now.closingBalance).toBe(eur.balance);
    expect(now.aging.openInvoices).toBe(eur.openInvoices);
    expect(now.aging.unappliedPayments).toBe(eur.unappliedPayments + eur.customerCredit);
    expect(now.aging.openCharges).toBe(eur.openCharges);
    expect(now.aging.unusedCredit).toBe(eur.openCreditNotes);
  });

  it('refuses a period that ends before it starts, and an unknown customer', async () => {
    const bad = await request('GET', `/api/accounts/${customerId}/statement?from=2025-03-01&to=2025-02-01`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'from' })]);
    const unknown = await request('GET', '/api/accounts/cus_nope/statement');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: 'customerId' })]);
  });

  it('downloads the statement as formula-safe CSV', async () => {
    const response = await request(
      'GET',
      `/api/accounts/${customerId}/statement?from=2025-02-01&to=2025-04-30&format=csv`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="statement_.*_EUR_2025-02-01_2025-04-30\.csv"/,
    );
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,type,reference,description,debit,credit,balance,currency,id');
    expect(lines[1]).toBe('2025-02-01,opening_balance,,Opening balance,,,330.00,EUR,');
    expect(lines[2]).toMatch(
      /^2025-02-15,payment,cheque 2002,Cheque \(cheque 2002\),,230\.00,100\.00,EUR,pay_/,
    );
    const transfer = lines.find((l) => l.startsWith('2025-04-05,payment'));
    // The formula is defused with a leading apostrophe (and quoted: it holds quotes).
    expect(transfer).toContain(`"'=HYPERLINK(""http://x.example"")"`);
    expect(transfer).toMatch(/,,20\.00,45\.00,EUR,pay_/);
    expect(lines).toContain('2025-04-30,closing_balance,,Closing balance,25.00,310.00,45.00,EUR,');
    expect(lines).toContain('2025-04-30,aging_61-90,,"Open invoices, 61-90 days overdue",,,60.00,EUR,');
    expect(lines).toContain(
      '2025-04-30,unapplied_payments,,Unapplied payments and credit on account,,,-30.00,EUR,',
    );
  });

  it('renders the PDF in English with balances, movements and aging; the same statement gives the same bytes', async () => {
    const url = `/api/accounts/${customerId}/statement?from=2025-02-01&to=2025-03-31&format=pdf`;
    const response = await request('GET', url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(response.rawPayload)).join(' ');
    for (const expected of [
      'STATEMENT',
      'Statement Test Ltd',
      '1 High Street',
      'Duely Demo Distribution SAS',
      'Customer no.',
      'Period 1 Feb 2025 – 31 Mar 2025',
      'Opening balance €330.00',
      'Balance due €65.00',
      'Payment (cheque)',
      'Credit note · for invoice',
      'Payment reversed (cheque) · Cheque returned unpaid',
      'Fee · Bounced cheque fee',
      'AGING AS OF 31 MAR 2025',
      '31–60 days',
      'Unapplied payments and credit on account -€30.00',
      'Fees not yet invoiced €15.00',
      'Page 1 / 1',
    ])
      expect(text).toContain(expected);
    const again = await request('GET', url);
    expect(Buffer.compare(again.rawPayload, response.rawPayload)).toBe(0);
  });

  it('renders the PDF in French for a French-speaking customer', async () => {
    const response = await request(
      'GET',
      `/api/accounts/${frenchId}/statement?from=2025-02-01&to=2025-02-28&format=pdf`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/filename="Releve_/);
    const text = (await pdfPages(response.rawPayload)).join(' ');
    for (const expected of [
      'RELEVÉ DE COMPTE',
      'Épicerie Fine Laurent',
      'Période du 1 févr. 2025 au 28 févr. 2025',
      // pdf.js misreads the apostrophe glyph (poppler reads it right): expectations avoid it.
      'ouverture 1 234,56 €',
      'Solde dû 1 000,00 €',
      'Paiement (virement)',
      'BALANCE ÂGÉE AU 28 FÉVR. 2025',
      '1 à 30 jours',
      'Factures ouvertes 1 000,00 €',
      'Page 1 / 1',
    ])
      expect(text).toContain(expected);
  });

  it('queues the statement email with the PDF to the invoice and reminder contacts', async () => {
    const sent = await ok(
      'POST',
      `/api/accounts/${customerId}/statement/send?from=2025-02-01&to=2025-03-31`,
      {},
    );
    expect(sent.to).toEqual(['ann@statement.example', 'rob@statement.example']);
    const message = await get()
      .ctx.db.selectFrom('mail_messages')
      .selectAll()
      .where('id', '=', sent.messageId)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ related_type: 'customer', related_id: customerId, state: 'queued' });
    expect(message.subject).toContain('Statement of account for Statement Test Ltd');
    expect(message.text_body).toContain('Balance due at 31 Mar 2025: €65.00, of which €80.00 is overdue.');
    const attachment = await get()
      .ctx.db.selectFrom('mail_attachments')
      .selectAll()
      .where('message_id', '=', sent.messageId)
      .executeTakeFirstOrThrow();
    expect(attachment.filename).toBe(sent.filename);
    expect(
      Buffer.from(attachment.content as Uint8Array)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('lets admin, finance, sales, support and auditors read statements; only admin and finance send them', async () => {
    const t = get();
    const url = `/api/accounts/${customerId}/statement?from=2025-02-01&to=2025-03-31`;
    for (const role of ['admin', 'finance', 'sales', 'support', 'auditor'] as const) {
      const headers = bearer(await t.tokenWith([role]));
      expect((await t.inject({ method: 'GET', url, headers })).statusCode, role).toBe(200);
      expect((await t.inject({ method: 'GET', url: `${url}&format=pdf`, headers })).statusCode, role).toBe(
        200,
      );
    }
    const logistics = bearer(await t.tokenWith(['logistics']));
    expect((await t.inject({ method: 'GET', url, headers: logistics })).statusCode).toBe(403);
    const sendUrl = `/api/accounts/${customerId}/statement/send?from=2025-02-01&to=2025-03-31`;
    for (const role of ['sales', 'support', 'auditor', 'logistics'] as const) {
      const headers = bearer(await t.tokenWith([role]));
      expect((await t.inject({ method: 'POST', url: sendUrl, headers, payload: {} })).statusCode, role).toBe(
        403,
      );
    }
    const admin = bearer(await t.tokenWith(['admin']));
    expect((await t.inject({ method: 'POST', url: sendUrl, headers: admin, payload: {} })).statusCode).toBe(
      202,
    );
  });
});
