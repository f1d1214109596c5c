/** Payments over HTTP: record (idempotent), allocate manually and automatically, credit, refund, write-off, reverse, ledger. */
import { expect, it } from 'vitest';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { makeCustomer, makeDocument, openAmountOf } from './payments.support.js';

describeEachApp('payments', (get) => {
  let finance: Record<string, string>;
  const headers = async (t: TestApp) => {
    finance ??= bearer(await t.tokenWith(['finance']));
    return finance;
  };
  const post = async (t: TestApp, url: string, payload: unknown, extra: Record<string, string> = {}) =>
    t.inject({
      method: 'POST',
      url,
      headers: { ...(await headers(t)), ...extra },
      payload: payload as object,
    });
  const getJson = async (t: TestApp, url: string) =>
    t.inject({ method: 'GET', url, headers: await headers(t) });
  const customer = (t: TestApp, currency = 'EUR') => makeCustomer(t.ctx, t.adminActor, currency);
  const invoice = (t: TestApp, customerId: string, gross: number, currency = 'EUR') =>
    makeDocument(t.ctx, t.adminActor, customerId, gross, { currency });
  const record = async (t: TestApp, body: Record<string, unknown>) =>
    post(t, '/api/payments', {
      method: 'bank_transfer',
      currency: 'EUR',
      receivedDate: '2026-12-01',
      ...body,
    });
  const count = async (t: TestApp, table: string) =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records a payment of each method with its details; the state is derived', async () => {
    const t = get();
    const customerId = await customer(t);
    const transfer = await record(t, {
      customerId,
      amount: 12050,
      reference: 'Thanks!',
      payerName: 'Martin SAS',
      payerIban: 'FR76 3000 6000 0112 3456 7890 189',
      bankReference: 'E2E-42',
      valueDate: '2026-12-02',
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expect(transfer.json()).toMatchObject({
      id: expect.stringMatching(/^pay_/),
      method: 'bank_transfer',
      amount: 12050,
      unappliedAmount: 12050,
      appliedAmount: 0,
      status: 'received',
      state: 'unapplied',
      payerIban: 'FR7630006000011234567890189',
      bankReference: 'E2E-42',
      valueDate: '2026-12-02',
      allocations: [],
    });
    const cheque = await record(t, {
      customerId,
      method: 'cheque',
      amount: 5000,
      chequeNumber: '0012345',
      draweeBank: 'BNP',
      depositDate: '2026-12-03',
    });
    expect(cheque.json()).toMatchObject({
      chequeNumber: '0012345',
      draweeBank: 'BNP',
      depositDate: '2026-12-03',
    });
    const card = await record(t, { customerId, method: 'card', amount: 100, providerReference: 'ch_1' });
    expect(card.json().providerReference).toBe('ch_1');
    const cash = await record(t, { customerId, method: 'cash', amount: 100, receiptNumber: 'R-9' });
    expect(cash.json().receiptNumber).toBe('R-9');

    const list = await getJson(t, `/api/payments?customerId=${customerId}&method=cheque`);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([cheque.json().id]);
    const search = await getJson(t, `/api/payments?customerId=${customerId}&q=martin`);
    expect(search.json().items.map((p: { id: string }) => p.id)).toEqual([transfer.json().id]);
    const page = await getJson(t, `/api/payments?customerId=${customerId}&limit=3`);
    expect(page.json().items).toHaveLength(3);
    const rest = await getJson(
      t,
      `/api/payments?customerId=${customerId}&limit=3&cursor=${page.json().nextCursor}`,
    );
    expect(rest.json().items).toHaveLength(1);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', transfer.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['payment.recorded']);
  });

  it('rejects bad payments naming the field, and changes nothing', async () => {
    const t = get();
    const before = await count(t, 'payments');
    const unknown = await record(t, { customerId: 'cus_nope', amount: 100 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ path: 'customerId', message: 'is not a known customer' }]);
    const customerId = await customer(t);
    const bad = await record(t, { customerId, amount: 12.5, currency: 'EURO', receivedDate: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['amount', 'currency', 'receivedDate']));
    const noCheque = await record(t, { customerId, amount: 100, method: 'cheque' });
    expect(noCheque.statusCode).toBe(400);
    expect(noCheque.json().errors.map((e: { path: string }) => e.path)).toContain('chequeNumber');
    expect(await count(t, 'payments')).toBe(before);
  });

  it('replays a re-submitted payment with the same Idempotency-Key and records it once', async () => {
    const t = get();
    const customerId = await customer(t);
    const body = { customerId, amount: 777, reference: 'idem' };
    const first = await record(t, body).then(() => undefined);
    void first;
    const a = await post(
      t,
      '/api/payments',
      { method: 'cash', currency: 'EUR', receivedDate: '2026-12-01', ...body },
      { 'idempotency-key': `pay-${customerId}` },
    );
    const b = await post(
      t,
      '/api/payments',
      { method: 'cash', currency: 'EUR', receivedDate: '2026-12-01', ...body },
      { 'idempotency-key': `pay-${customerId}` },
    );
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    const rows = await t.ctx.db
      .selectFrom('payments')
      .select('id')
      .where('customer_id', '=', customerId)
      .where('method', '=', 'cash')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('allocates manually to several invoices (partial), audited, with payment.applied', async () => {
    const t = get();
    const customerId = await customer(t);
    const a = await invoice(t, customerId, 10000);
    const b = await invoice(t, customerId, 5000);
    const pay = (await record(t, { customerId, amount: 12000 })).json();
    const response = await post(t, `/api/payments/${pay.id}/allocations`, {
      allocations: [
        { invoiceId: a.id, amount: 10000 },
        { invoiceId: b.id, amount: 1500 },
      ],
      date: '2026-12-02',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().payment).toMatchObject({
      unappliedAmount: 500,
      appliedAmount: 11500,
      state: 'partially_applied',
    });
    expect(response.json().allocations).toEqual([
      expect.objectContaining({
        sourceType: 'payment',
        sourceId: pay.id,
        targetType: 'invoice',
        targetId: a.id,
        amount: 10000,
        date: '2026-12-02',
        reversesId: null,
      }),
      expect.objectContaining({ targetType: 'invoice', targetId: b.id, amount: 1500 }),
    ]);
    expect(await openAmountOf(t.ctx, a.id)).toBe(0);
    expect(await openAmountOf(t.ctx, b.id)).toBe(3500);
    const events = await t.ctx.db
      .selectFrom('outbox_events')
      .select('type')
      .where('aggregate_id', '=', pay.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['payment.recorded', 'payment.applied']);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', pay.id)
      .execute();
    expect(audit.map((x) => x.action)).toContain('payment.allocated');
    const byInvoice = await getJson(t, `/api/allocations?targetId=${b.id}`);
    expect(byInvoice.json().allocations).toHaveLength(1);
  });

  it('refuses bad allocations naming the field, and changes nothing', async () => {
    const t = get();
    const customerId = await customer(t);
    const other = await customer(t);
    const eur = await invoice(t, customerId, 10000);
    const usd = await invoice(t, customerId, 10000, 'USD');
    const foreign = await invoice(t, other, 10000);
    const pay = (await record(t, { customerId, amount: 20000 })).json();
    const attempt = (allocations: unknown) => post(t, `/api/payments/${pay.id}/allocations`, { allocations });

    const mismatch = await attempt([{ invoiceId: usd.id, amount: 100 }]);
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors).toEqual([
      { path: 'allocations.0.invoiceId', message: expect.stringContaining('currency mismatch') },
    ]);
    const tooMuch = await attempt([{ invoiceId: eur.id, amount: 10001 }]);
    expect(tooMuch.json().errors).toEqual([
      { path: 'allocations.0.amount', message: expect.stringContaining('open amount') },
    ]);
    const otherCustomer = await attempt([{ invoiceId: foreign.id, amount: 100 }]);
    expect(otherCustomer.json().errors[0].path).toBe('allocations.0.invoiceId');
    const unknown = await attempt([{ invoiceId: 'inv_nope', amount: 100 }]);
    expect(unknown.json().errors[0].path).toBe('allocations.0.invoiceId');
    const small = (await record(t, { customerId, amount: 50 })).json();
    const aboveUnapplied = await post(t, `/api/payments/${small.id}/allocations`, {
      allocations: [{ invoiceId: eur.id, amount: 60 }],
    });
    expect(aboveUnapplied.statusCode).toBe(422);
    expect(aboveUnapplied.json().errors).toEqual([
      { path: 'allocations', message: expect.stringContaining('unapplied amount') },
    ]);
    const twice = await attempt([
      { invoiceId: eur.id, amount: 1 },
      { invoiceId: eur.id, amount: 1 },
    ]);
    expect(twice.statusCode).toBe(400);

    expect(await openAmountOf(t.ctx, eur.id)).toBe(10000);
    expect((await getJson(t, `/api/payments/${pay.id}`)).json()).toMatchObject({
      unappliedAmount: 20000,
      allocations: [],
    });
  });

  it('auto-allocates by the invoice number in the reference, else oldest due first; the rest goes on account', async () => {
    const t = get();
    const customerId = await customer(t);
    const old = await invoice(t, customerId, 3000);
    const newer = await invoice(t, customerId, 4000);
    const byRef = (
      await record(t, { customerId, amount: 4000, reference: `Payment for ${newer.number}, thanks` })
    ).json();
    const auto = await post(t, `/api/payments/${byRef.id}/auto-allocate`, {});
    expect(auto.statusCode, auto.body).toBe(200);
    expect(auto.json().matchedBy).toBe('reference');
    expect(auto.json().allocations.map((a: { targetId: string }) => a.targetId)).toEqual([newer.id]);
    expect(await openAmountOf(t.ctx, old.id)).toBe(3000);

    const latest = await invoice(t, customerId, 2000);
    // No reference: oldest due first, then the over-payment becomes credit on account.
    const recorded = await record(t, { customerId, amount: 6000, autoAllocate: true });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const alloc = recorded.json().allocations;
    expect(
      alloc.map((a: { targetType: string; targetId: string; amount: number }) => [a.targetType, a.amount]),
    ).toEqual([
      ['invoice', 3000],
      ['invoice', 2000],
      ['customer_credit', 1000],
    ]);
    expect(alloc[0].targetId).toBe(old.id);
    expect(alloc[1].targetId).toBe(latest.id);
    expect(recorded.json().state).toBe('applied');
    const credit = await getJson(t, `/api/accounts/${customerId}/credit`);
    expect(credit.json().totals).toEqual([{ currency: 'EUR', amount: 1000 }]);

    // The credit is applied to the next invoice, and the rest refunded.
    const next = await invoice(t, customerId, 600);
    const applied = await post(t, `/api/accounts/${customerId}/credit/apply`, { currency: 'EUR' });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().allocations).toEqual([
      expect.objectContaining({ sourceType: 'customer_credit', targetId: next.id, amount: 600 }),
    ]);
    expect(await openAmountOf(t.ctx, next.id)).toBe(0);
    const tooBig = await post(t, `/api/accounts/${customerId}/refunds`, {
      amount: 500,
      currency: 'EUR',
      method: 'bank_transfer',
      date: '2026-12-03',
    });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().errors[0].path).toBe('amount');
    const refund = await post(t, `/api/accounts/${customerId}/refunds`, {
      amount: 400,
      currency: 'EUR',
      method: 'bank_transfer',
      date: '2026-12-03',
      reference: 'RF-OUT-1',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({
      id: expect.stringMatching(/^rfd_/),
      amount: 400,
      method: 'bank_transfer',
    });
    expect((await getJson(t, `/api/accounts/${customerId}/credit`)).json().totals).toEqual([]);
  });

  it('applies a credit note to an invoice, settling both', async () => {
    const t = get();
    const customerId = await customer(t);
    const inv = await invoice(t, customerId, 10000);
    const note = await makeDocument(t.ctx, t.adminActor, customerId, 2500, {
      kind: 'credit_note',
    });
    const response = await post(t, `/api/accounts/${customerId}/credit-notes/apply`, {
      creditNoteId: note.id,
      allocations: [{ invoiceId: inv.id, amount: 2500 }],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await openAmountOf(t.ctx, inv.id)).toBe(7500);
    expect(await openAmountOf(t.ctx, note.id)).toBe(0);
    const balance = (await getJson(t, `/api/accounts/${customerId}/balance`)).json();
    expect(balance.currencies).toEqual([
      expect.objectContaining({ currency: 'EUR', balance: 7500, openInvoices: 7500, openCreditNotes: 0 }),
    ]);
  });

  it('writes off a small difference within tolerance; above it is a 422; the tolerance is configurable', async () => {
    const t = get();
    const customerId = await customer(t);
    const inv = await invoice(t, customerId, 10000);
    const pay = (await record(t, { customerId, amount: 9750 })).json();
    await post(t, `/api/payments/${pay.id}/allocations`, {
      allocations: [{ invoiceId: inv.id, amount: 9750 }],
    });
    const above = await post(t, '/api/write-offs', { invoiceId: inv.id, reason: 'rounding' });
    expect(above.statusCode).toBe(422);
    expect(above.json().detail).toContain('above the write-off tolerance');
    expect(above.json().errors[0].path).toBe('amount');
    expect(await openAmountOf(t.ctx, inv.id)).toBe(250);
    const setTolerance = await t.inject({
      method: 'PUT',
      url: '/api/write-off-tolerances/EUR',
      headers: bearer(await t.tokenWith(['admin'])),
      payload: { amount: 300 },
    });
    expect(setTolerance.statusCode, setTolerance.body).toBe(200);
    const ok = await post(t, '/api/write-offs', { invoiceId: inv.id, reason: 'bank charges' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: 'invoice',
      amount: 250,
      allocation: { sourceType: 'write_off', targetId: inv.id },
    });
    expect(await openAmountOf(t.ctx, inv.id)).toBe(0);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', ok.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['write_off.recorded']);

    // A payment's small surplus can be kept instead of becoming credit.
    const surplus = (await record(t, { customerId, amount: 3 })).json();
    const kept = await post(t, '/api/write-offs', { paymentId: surplus.id, reason: 'overpaid by 0.03' });
    expect(kept.statusCode, kept.body).toBe(201);
    expect((await getJson(t, `/api/payments/${surplus.id}`)).json().state).toBe('applied');
  });

  it('reverses a bounced cheque: re-opens exactly what it paid, takes back its credit, charges a fee; never twice', async () => {
    const t = get();
    const customerId = await customer(t);
    const a = await invoice(t, customerId, 7000);
    const b = await invoice(t, customerId, 2000);
    const earlier = (await record(t, { customerId, amount: 1000 })).json();
    await post(t, `/api/payments/${earlier.id}/allocations`, {
      allocations: [{ invoiceId: a.id, amount: 1000 }],
    });
    const cheque = (
      await record(t, {
        customerId,
        method: 'cheque',
        chequeNumber: '778899',
        amount: 10000,
        autoAllocate: true,
      })
    ).json();
    expect(cheque.allocations.map((x: { amount: number }) => x.amount)).toEqual([6000, 2000, 2000]);
    // Its credit pays part of a later invoice.
    const c = await invoice(t, customerId, 5000);
    await post(t, `/api/accounts/${customerId}/credit/apply`, { currency: 'EUR' });
    expect(await openAmountOf(t.ctx, c.id)).toBe(3000);

    const reversed = await post(t, `/api/payments/${cheque.id}/reverse`, {
      reason: 'cheque bounced: insufficient funds',
      date: '2026-12-04',
      fee: { amount: 1500 },
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json().payment).toMatchObject({
      status: 'reversed',
      state: 'reversed',
      unappliedAmount: 0,
      reversal: { date: '2026-12-04', reason: 'cheque bounced: insufficient funds' },
    });
    expect(reversed.json().fee).toMatchObject({
      kind: 'fee',
      amount: 1500,
      description: 'Bounced cheque 778899',
    });
    expect(await openAmountOf(t.ctx, a.id)).toBe(6000); // the earlier payment stays
    expect(await openAmountOf(t.ctx, b.id)).toBe(2000);
    expect(await openAmountOf(t.ctx, c.id)).toBe(5000);
    const rows = reversed.json().allocations as { amount: number; reversesId: string }[];
    expect(rows.every((r) => r.amount < 0 && r.reversesId)).toBe(true);
    expect((await getJson(t, `/api/accounts/${customerId}/credit`)).json().totals).toEqual([]);

    const again = await post(t, `/api/payments/${cheque.id}/reverse`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ path: 'status', message: 'is already reversed' }]);
    const allocateReversed = await post(t, `/api/payments/${cheque.id}/allocations`, {
      allocations: [{ invoiceId: b.id, amount: 1 }],
    });
    expect(allocateReversed.statusCode).toBe(409);

    const balance = (await getJson(t, `/api/accounts/${customerId}/balance`)).json();
    expect(balance.currencies[0]).toMatchObject({
      openInvoices: 13000,
      openCharges: 1500,
      unappliedPayments: 0,
      customerCredit: 0,
      balance: 14500,
    });
    const ledger = (await getJson(t, `/api/accounts/${customerId}/ledger`)).json();
    expect(ledger.closingBalance).toBe(14500);
    expect(ledger.lines.map((l: { kind: string }) => l.kind)).toEqual(
      expect.arrayContaining(['invoice', 'payment', 'payment_reversal', 'fee']),
    );
    const fee = ledger.lines.find((l: { kind: string }) => l.kind === 'fee');
    expect(fee).toMatchObject({ amount: 1500, date: '2026-12-04' });
    const events = await t.ctx.db
      .selectFrom('outbox_events')
      .select('type')
      .where('aggregate_id', '=', cheque.id)
      .execute();
    expect(events.map((e) => e.type)).toContain('payment.reversed');
  });

  it('lets sales and support read but not write', async () => {
    const t = get();
    const customerId = await customer(t);
    const sales = bearer(await t.tokenWith(['sales']));
    const read = await t.inject({ method: 'GET', url: `/api/accounts/${customerId}/ledger`, headers: sales });
    expect(read.statusCode).toBe(200);
    const write = await t.inject({
      method: 'POST',
      url: '/api/payments',
      headers: sales,
      payload: { method: 'cash', customerId, amount: 1, currency: 'EUR', receivedDate: '2026-12-01' },
    });
    expect(write.statusCode).toBe(403);
  });
});
