/**
 * Dispute cases on both databases: opening (whole or part of an invoice) pauses its follow-up; bad
 * input saves nothing; comments, status moves and attachments go on the timeline; resolution by
 * credit note (partial with VAT, and full), write-off (within tolerance; above it the case stays as it
 * was), rejection (follow-up resumes); deadline tasks once per case; the credit rule leaves disputed
 * amounts out of the overdue balance.
 */
import { expect, it } from 'vitest';
import { activeHoldsOf } from '../../src/modules/credit/index.js';
import { listDisputes, resolveDispute, sweepDeadlines } from '../../src/modules/disputes/index.js';
import { activePausesOf } from '../../src/modules/followup/index.js';
import { createDraft, getInvoice, issueDocument } from '../../src/modules/invoicing/index.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { customerWith, drainJobs, makeDocument, openAmountOf } from './credit.support.js';

const TODAY = '2026-12-04';

/** An invoice of 100.00 net at 20 % VAT (120.00), issued today, due in 30 days. */
async function vatInvoice(ctx: AppContext, actor: Actor, customerId: string) {
  const draft = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId,
    issueDate: TODAY,
    lines: [
      {
        description: 'Pallet of widgets',
        quantity: '1',
        unit: 'pcs',
        unitPrice: '100.00',
        taxCategory: 'S',
        taxRate: '20',
        itemCode: null,
        exemptionReason: null,
        exemptionReasonCode: null,
      },
    ],
  } as Parameters<typeof createDraft>[2]);
  await issueDocument(ctx, actor, draft.id, { issueDate: TODAY });
  return getInvoice(ctx, draft.id);
}

async function open(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.inject({ method: 'POST', url: '/api/disputes', headers: bearer(token), payload: body });
}

const countDisputes = async (t: TestApp) =>
  Number(
    (
      await t.ctx.db
        .selectFrom('disputes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachApp('disputes', (get) => {
  it('opens a case on part of an invoice, pausing its follow-up; bad input saves nothing', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 50_000);
    const support = await t.tokenWith(['support']);
    const before = await countDisputes(t);

    const tooMuch = await open(t, support, {
      invoiceId: invoice.id,
      amount: 50_001,
      reason: 'damaged',
      description: 'Two cartons crushed',
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([
      { path: 'amount', message: 'is more than the open amount (€500.00)' },
    ]);
    const badReason = await open(t, support, {
      invoiceId: invoice.id,
      reason: 'weather',
      description: 'Rain',
    });
    expect(badReason.statusCode).toBe(400);
    expect(badReason.json().errors[0].path).toBe('reason');
    const missing = await open(t, support, { invoiceId: invoice.id, reason: 'quality' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'description', message: 'is required' }]);
    const unknown = await open(t, support, { invoiceId: 'inv_nothing', reason: 'quality', description: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'invoiceId', message: 'is not an issued invoice' }]);
    const past = await open(t, support, {
      invoiceId: invoice.id,
      reason: 'quality',
      description: 'x',
      deadline: '2026-12-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('deadline');
    const badOwner = await open(t, support, {
      invoiceId: invoice.id,
      reason: 'quality',
      description: 'x',
      ownerUserId: 'usr_nobody',
    });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().errors).toEqual([{ path: 'ownerUserId', message: 'is not a known user' }]);
    expect(await countDisputes(t)).toBe(before);
    expect((await activePausesOf(t.ctx.db, [invoice.id], TODAY)).size).toBe(0);

    const opened = await open(t, support, {
      invoiceId: invoice.id,
      amount: 12_000,
      reason: 'damaged',
      description: 'Two cartons crushed on delivery',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const dispute = opened.json();
    expect(dispute).toMatchObject({
      number: expect.stringMatching(/^DSP-2026-\d{6}$/),
      customerId: customer.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      amount: 12_000,
      currency: 'EUR',
      status: 'open',
      deadline: '2026-12-18',
      allowedStatuses: ['investigating', 'resolved', 'rejected'],
      timeline: [{ kind: 'opened', toStatus: 'open', body: 'Two cartons crushed on delivery' }],
    });
    const pauses = (await activePausesOf(t.ctx.db, [invoice.id], TODAY)).get(invoice.id)!;
    expect(pauses).toMatchObject([{ kind: 'dispute', sourceId: dispute.id, amount: 12_000 }]);

    // What is left open may be disputed too, but not more.
    const rest = await open(t, support, {
      invoiceId: invoice.id,
      amount: 38_001,
      reason: 'pricing',
      description: 'Wrong price',
    });
    expect(rest.statusCode).toBe(400);
    expect(rest.json().errors[0]).toEqual({
      path: 'amount',
      message: 'is more than the open amount (€380.00)',
    });

    const listed = await listDisputes(t.ctx.db, { customerId: customer.id });
    expect(listed.map((d) => d.id)).toEqual([dispute.id]);
    const http = await t.inject({
      method: 'GET',
      url: `/api/disputes?customerId=${customer.id}&open=true`,
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(http.json().items.map((d: { id: string }) => d.id)).toEqual([dispute.id]);
  });

  it('keeps a timeline of comments, status changes and attachments; refuses bad files', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 20_000);
    const sales = await t.tokenWith(['sales']);
    const dispute = (
      await open(t, sales, { invoiceId: invoice.id, reason: 'not_received', description: 'Never arrived' })
    ).json();
    expect(dispute.amount).toBe(20_000);

    const comment = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/comments`,
      headers: bearer(sales),
      payload: { body: 'Asked the carrier for proof of delivery' },
    });
    expect(comment.statusCode).toBe(201);
    const moved = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/status`,
      headers: bearer(sales),
      payload: { status: 'investigating', note: 'Carrier claim filed' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().allowedStatuses).toEqual(['resolved', 'rejected']);
    const back = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/status`,
      headers: bearer(sales),
      payload: { status: 'investigating' },
    });
    expect(back.statusCode).toBe(409);
    const resolvedByStatus = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/status`,
      headers: bearer(sales),
      payload: { status: 'resolved' },
    });
    expect(resolvedByStatus.statusCode).toBe(400);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const upload = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/attachments?filename=${encodeURIComponent('../proof of delivery.pdf')}`,
      headers: { ...bearer(sales), 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachment = upload.json();
    expect(attachment).toMatchObject({
      filename: 'proof of delivery.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const download = await t.inject({
      method: 'GET',
      url: `/api/disputes/${dispute.id}/attachments/${attachment.id}`,
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['x-content-sha256']).toBe(attachment.sha256);

    const exe = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/attachments?filename=run.exe`,
      headers: { ...bearer(sales), 'content-type': 'application/x-msdownload' },
      payload: Buffer.from('MZ....'),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].message).toContain('is not accepted');
    const fake = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/attachments?filename=photo.png`,
      headers: { ...bearer(sales), 'content-type': 'image/png' },
      payload: Buffer.from('not a png at all'),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().errors[0].message).toBe('the content is not a image/png file');
    const huge = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/attachments?filename=big.txt`,
      headers: { ...bearer(sales), 'content-type': 'text/plain' },
      payload: Buffer.alloc(5 * 1024 * 1024 + 1, 'a'),
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().errors[0].message).toContain('the limit is 5242880 bytes');

    const detail = (
      await t.inject({ method: 'GET', url: `/api/disputes/${dispute.id}`, headers: bearer(sales) })
    ).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'comment',
      'status',
      'attachment',
    ]);
    expect(detail.timeline[2]).toMatchObject({
      fromStatus: 'open',
      toStatus: 'investigating',
      body: 'Carrier claim filed',
    });
    expect(detail.attachments).toHaveLength(1);
  });

  it('resolves by a partial credit note at the invoice VAT rate, applied to the invoice, ending the pause', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await vatInvoice(t.ctx, t.adminActor, customer.id);
    expect(invoice.grossTotal).toBe(12_000);
    const finance = await t.tokenWith(['finance']);
    const dispute = (
      await open(t, finance, {
        invoiceId: invoice.id,
        amount: 5_000,
        reason: 'pricing',
        description: 'Agreed 50 off',
      })
    ).json();

    const bySales = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(await t.tokenWith(['sales'])),
      payload: { resolution: 'credit_note', note: 'x' },
    });
    expect(bySales.statusCode).toBe(403);
    const tooMuch = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'credit_note', note: 'Agreed', amount: 5_001 },
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe('amount');

    const resolved = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'credit_note', note: 'Price difference credited' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const body = resolved.json();
    expect(body).toMatchObject({
      status: 'resolved',
      resolution: 'credit_note',
      resolving: false,
      allowedStatuses: [],
    });
    const note = await getInvoice(t.ctx, body.resolutionRef);
    expect(note).toMatchObject({
      kind: 'credit_note',
      status: 'issued',
      relatedInvoiceId: invoice.id,
      grossTotal: 5_000,
    });
    expect(note.lines).toMatchObject([{ taxCategory: 'S', taxRate: '20', netAmount: 4_167 }]);
    expect(await openAmountOf(t.ctx, invoice.id)).toBe(7_000);
    expect(body.timeline.at(-1)).toMatchObject({
      kind: 'resolved',
      fromStatus: 'open',
      toStatus: 'resolved',
    });
    expect((await activePausesOf(t.ctx.db, [invoice.id], TODAY)).size).toBe(0);

    const again = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'rejected', note: 'x' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('resolves a whole untouched invoice by a full credit note, voiding it', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await vatInvoice(t.ctx, t.adminActor, customer.id);
    const finance = await t.tokenWith(['finance']);
    const dispute = (
      await open(t, finance, {
        invoiceId: invoice.id,
        reason: 'duplicate_billing',
        description: 'Billed twice',
      })
    ).json();
    const resolved = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'credit_note', note: 'Duplicate cancelled' },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await getInvoice(t.ctx, invoice.id)).status).toBe('void');
  });

  it('resolves by a write-off within tolerance; above it the case stays open and unclaimed', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 30_000);
    const finance = await t.tokenWith(['finance']);
    const big = (
      await open(t, finance, {
        invoiceId: invoice.id,
        amount: 900,
        reason: 'quantity',
        description: 'One unit short',
      })
    ).json();
    const refused = await t.inject({
      method: 'POST',
      url: `/api/disputes/${big.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'write_off', note: 'Small difference' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('above the write-off tolerance');
    const after = (
      await t.inject({ method: 'GET', url: `/api/disputes/${big.id}`, headers: bearer(finance) })
    ).json();
    expect(after).toMatchObject({ status: 'open', resolving: false });
    expect(after.timeline.at(-1).kind).toBe('resolution_failed');
    expect(await openAmountOf(t.ctx, invoice.id)).toBe(30_000);

    const written = await t.inject({
      method: 'POST',
      url: `/api/disputes/${big.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'write_off', note: 'Goodwill', amount: 150 },
    });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({
      status: 'resolved',
      resolution: 'write_off',
      resolutionRef: expect.stringMatching(/^wo/),
    });
    expect(await openAmountOf(t.ctx, invoice.id)).toBe(29_850);
  });

  it('rejects a case: follow-up resumes; a reship needs its order and lines', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 10_000);
    const finance = await t.tokenWith(['finance']);
    const dispute = (
      await open(t, finance, { invoiceId: invoice.id, reason: 'quality', description: 'Scratched' })
    ).json();
    const noLines = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'reship', note: 'Send again' },
    });
    expect(noLines.statusCode).toBe(400);
    expect(noLines.json().errors.map((e: { path: string }) => e.path)).toEqual(['orderId', 'lines']);
    const unknownResolution = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'refund', note: 'x' },
    });
    expect(unknownResolution.statusCode).toBe(400);
    expect((await activePausesOf(t.ctx.db, [invoice.id], TODAY)).size).toBe(1);

    const rejected = await t.inject({
      method: 'POST',
      url: `/api/disputes/${dispute.id}/resolve`,
      headers: bearer(finance),
      payload: { resolution: 'rejected', note: 'Photos show no damage' },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      resolution: 'rejected',
      resolutionRef: null,
    });
    expect((await activePausesOf(t.ctx.db, [invoice.id], TODAY)).size).toBe(0);
    expect(await openAmountOf(t.ctx, invoice.id)).toBe(10_000);
  });

  it('raises one deadline task per case when the deadline is near, closed when the case closes', async () => {
    const t = get();
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 10_000);
    const finance = await t.tokenWith(['finance']);
    const soon = (
      await open(t, finance, {
        invoiceId: invoice.id,
        amount: 100,
        reason: 'other',
        description: 'x',
        deadline: '2026-12-05',
      })
    ).json();
    const later = (
      await open(t, finance, {
        invoiceId: invoice.id,
        amount: 100,
        reason: 'other',
        description: 'y',
        deadline: '2026-12-20',
      })
    ).json();
    const soonTasks = await tasksOfRecord(t.ctx.db, 'dispute', soon.id);
    expect(soonTasks).toMatchObject([
      { kind: 'dispute_deadline', status: 'open', dueDate: '2026-12-05', department: 'finance' },
    ]);
    expect(await tasksOfRecord(t.ctx.db, 'dispute', later.id)).toEqual([]);

    t.clock.set('2026-12-18T09:00:00.000Z');
    try {
      const actor = systemActor('test');
      // Other cases of this database may fall due too; this one gets its task once.
      expect((await sweepDeadlines(t.ctx, actor)).tasks).toBeGreaterThanOrEqual(1);
      expect((await sweepDeadlines(t.ctx, actor)).tasks).toBe(0);
      expect(await tasksOfRecord(t.ctx.db, 'dispute', later.id)).toMatchObject([
        { status: 'open', dueDate: '2026-12-20' },
      ]);
      const rejected = await t.inject({
        method: 'POST',
        url: `/api/disputes/${later.id}/resolve`,
        headers: bearer(finance),
        payload: { resolution: 'rejected', note: 'No case' },
      });
      expect(rejected.statusCode).toBe(200);
      expect((await tasksOfRecord(t.ctx.db, 'dispute', later.id))[0]!.status).not.toBe('open');
    } finally {
      t.clock.set('2026-12-04T09:00:00.000Z');
    }
  });

  it('leaves a disputed amount out of the overdue balance of the credit rule', async () => {
    const t = get();
    const admin = await t.tokenWith(['admin']);
    await t.inject({
      method: 'PUT',
      url: '/api/credit/settings/CHF',
      headers: bearer(admin),
      payload: { overdueThreshold: 5_000, overdueAfterDays: 0 },
    });
    try {
      const customer = await customerWith(t.ctx, t.adminActor, { currency: 'CHF' });
      const invoice = await makeDocument(t.ctx, t.adminActor, customer.id, 20_000, { currency: 'CHF' });
      await drainJobs(t.ctx);
      expect((await activeHoldsOf(t.ctx.db, [customer.id])).get(customer.id)!.map((h) => h.cause)).toEqual([
        'overdue_balance',
      ]);
      const opened = await open(t, await t.tokenWith(['finance']), {
        invoiceId: invoice.id,
        amount: 16_000,
        reason: 'damaged',
        description: 'Most of it broken',
      });
      expect(opened.statusCode).toBe(201);
      await drainJobs(t.ctx);
      expect((await activeHoldsOf(t.ctx.db, [customer.id])).has(customer.id)).toBe(false);
    } finally {
      await t.inject({ method: 'DELETE', url: '/api/credit/settings/CHF', headers: bearer(admin) });
    }
  });

  it('lets one of two concurrent resolutions through (PostgreSQL): one credit note, the other refused', async () => {
    const t = get();
    if (t.kind !== 'postgres') return;
    const customer = await customerWith(t.ctx, t.adminActor);
    const invoice = await vatInvoice(t.ctx, t.adminActor, customer.id);
    const finance = await t.tokenWith(['finance']);
    const dispute = (
      await open(t, finance, {
        invoiceId: invoice.id,
        amount: 2_400,
        reason: 'pricing',
        description: 'Discount missing',
      })
    ).json();
    const other = await t.openAnother();
    const actor = { ...t.adminActor, roles: ['finance' as const] };
    const results = await Promise.allSettled(
      [t.ctx, other].map((c) =>
        resolveDispute(c, actor, dispute.id, { resolution: 'credit_note', note: 'Credited' }),
      ),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ status: 409 });
    expect(await openAmountOf(t.ctx, invoice.id)).toBe(12_000 - 2_400);
    const notes = await t.inject({
      method: 'GET',
      url: `/api/disputes/${dispute.id}`,
      headers: bearer(finance),
    });
    expect(notes.json()).toMatchObject({ status: 'resolved', resolving: false });
  });
});
