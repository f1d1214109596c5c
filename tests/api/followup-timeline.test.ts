/**
 * The follow-up run with promises and snoozes, and the customer timeline, on both databases: a promise
 * pauses reminders until it is broken, a snooze stops them, and the timeline lists every kind of touch
 * (reminders with their message, fees, promises, snoozes, calls, notes, holds, disputes, shipments and
 * tracking), paged without duplicates, filtered by kind, and as CSV.
 */
import { expect, it } from 'vitest';
import { placeHold } from '../../src/modules/credit/index.js';
import { listFollowupActions, runFollowup } from '../../src/modules/followup/index.js';
import { evaluateDuePromises } from '../../src/modules/followup/promises.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';
import { customer, drainJobs, invoiceDue } from './followup.support.js';
import { carrierOf, genericEvent, postWebhook, shippedShipment } from './tracking.support.js';

interface Entry {
  id: string;
  at: string;
  kind: string;
  title: string;
  invoiceId: string | null;
  message: { subject: string; text: string } | null;
}

describeEachApp('follow-up timeline', (get) => {
  let finance: Record<string, string> | undefined;
  const headers = async (t: TestApp) => {
    finance ??= bearer(await t.tokenWith(['finance']));
    return finance;
  };
  const post = async (t: TestApp, url: string, payload: unknown) =>
    t.inject({ method: 'POST', url, headers: await headers(t), payload: payload as object });
  const getJson = async (t: TestApp, url: string) =>
    t.inject({ method: 'GET', url, headers: await headers(t) });
  const ok = async <T = unknown>(
    t: TestApp,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    status = 200,
  ) => {
    const response = method === 'GET' ? await getJson(t, url) : await post(t, url, payload);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
    return response.json() as T;
  };
  const allEntries = async (t: TestApp, customerId: string, query = '') => {
    const page = await ok<{ items: Entry[] }>(
      t,
      'GET',
      `/api/customers/${customerId}/timeline?limit=500${query}`,
    );
    return page.items;
  };
  const actionsOf = async (t: TestApp, invoiceId: string) =>
    (await listFollowupActions(t.ctx.db, { invoiceId })).map((a) => a.kind).sort();

  it('shows one statement-style reminder once, naming every invoice it covers', async () => {
    const t = get();
    t.clock.set('2026-12-04T09:00:00.000Z');
    const c = await customer(t.ctx, t.adminActor);
    const a = await invoiceDue(t.ctx, t.adminActor, c.id, 1000, '2026-11-23');
    const b = await invoiceDue(t.ctx, t.adminActor, c.id, 2000, '2026-11-24');
    await drainJobs(t.ctx);
    const run = await runFollowup(t.ctx, { asOf: '2026-12-04', customerId: c.id });
    expect(run.messages).toBe(1);
    const reminders = await allEntries(t, c.id, '&kinds=reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.invoiceId).toBeNull();
    expect(reminders[0]?.message?.text).toContain(a.number);
    expect(reminders[0]?.message?.text).toContain(b.number);
  });

  it('pauses reminders under a promise and a snooze, resumes them once the promise is broken, and lists every touch', async () => {
    const t = get();
    t.clock.set('2026-12-04T09:00:00.000Z');
    await ok(
      t,
      'POST',
      '/api/followup/policies',
      {
        name: 'Two steps',
        isDefault: true,
        steps: [
          { name: 'Courtesy', offsetDays: 1, tone: 'friendly', actions: [{ type: 'reminder' }] },
          {
            name: 'Firm',
            offsetDays: 10,
            tone: 'firm',
            actions: [
              { type: 'reminder' },
              { type: 'late_fee', mode: 'fixed', amount: 4000, currency: 'EUR' },
            ],
          },
        ],
      },
      201,
    );
    const c = await customer(t.ctx, t.adminActor);
    const chased = await invoiceDue(t.ctx, t.adminActor, c.id, 10_000, '2026-11-18');
    const promised = await invoiceDue(t.ctx, t.adminActor, c.id, 20_000, '2026-11-19');
    const snoozed = await invoiceDue(t.ctx, t.adminActor, c.id, 30_000, '2026-11-20');
    await drainJobs(t.ctx); // invoice.issued → follow-up items

    const promise = await ok<{ id: string }>(
      t,
      'POST',
      '/api/promises',
      {
        customerId: c.id,
        invoiceIds: [promised.id],
        amount: 20_000,
        promisedDate: '2026-12-05',
        contactName: 'Anne Martin',
        channel: 'call',
      },
      201,
    );
    await ok(
      t,
      'POST',
      `/api/invoices/${snoozed.id}/snooze`,
      { reason: 'Customer closed for inventory', until: '2026-12-20' },
      201,
    );
    await ok(
      t,
      'POST',
      `/api/customers/${c.id}/notes`,
      {
        kind: 'call',
        outcome: 'promised_to_pay',
        contactName: 'Anne Martin',
        text: 'Will pay Friday',
        invoiceId: promised.id,
      },
      201,
    );
    await ok(t, 'POST', `/api/customers/${c.id}/notes`, { kind: 'note', text: 'Prefers email' }, 201);

    const first = await runFollowup(t.ctx, { asOf: '2026-12-04' });
    expect(first.failures).toEqual([]);
    expect(await actionsOf(t, chased.id)).toEqual(['late_fee', 'reminder']);
    expect(await actionsOf(t, promised.id)).toEqual([]);
    expect(await actionsOf(t, snoozed.id)).toEqual([]);

    // The promise is broken the day after its date: one task, and the next run chases that invoice again.
    t.clock.set('2026-12-06T09:00:00.000Z');
    expect(await evaluateDuePromises(t.ctx, systemActor('test'))).toEqual({ kept: 0, broken: 1 });
    await runFollowup(t.ctx, { asOf: '2026-12-06' });
    expect(await actionsOf(t, promised.id)).toEqual(['late_fee', 'reminder']);
    expect(await actionsOf(t, snoozed.id)).toEqual([]);
    await drainJobs(t.ctx);

    await transaction(t.ctx, t.adminActor, (tx) =>
      placeHold(tx, { customerId: c.id, cause: 'manual', reason: 'Two invoices overdue' }),
    );
    await ok(
      t,
      'POST',
      '/api/disputes',
      { invoiceId: chased.id, reason: 'damaged', description: 'Two cartons crushed' },
      201,
    );

    const entries = await allEntries(t, c.id);
    const kinds = new Set(entries.map((e) => e.kind));
    for (const kind of [
      'reminder',
      'fee',
      'promise_made',
      'promise_broken',
      'snooze_started',
      'call',
      'note',
      'hold_placed',
      'dispute',
    ])
      expect(kinds, kind).toContain(kind);
    // Newest first, each touch once.
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    // A reminder carries the message that was queued.
    const reminder = entries.find((e) => e.kind === 'reminder' && e.invoiceId === chased.id);
    expect(reminder?.message?.text).toContain(chased.number);
    expect(entries.find((e) => e.kind === 'promise_broken')?.title).toContain('broken');
    expect(entries.filter((e) => e.id.endsWith(promise.id))).toHaveLength(2);

    // Pages of 3 walk the same entries in the same order.
    const walked: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await ok(
        t,
        'GET',
        `/api/customers/${c.id}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      walked.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked.map((e) => e.id)).toEqual(entries.map((e) => e.id));

    const onlyCalls = await allEntries(t, c.id, '&kinds=call,note');
    expect(onlyCalls.map((e) => e.kind).sort()).toEqual(['call', 'note']);
    const badKind = await getJson(t, `/api/customers/${c.id}/timeline?kinds=gossip`);
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0].path).toMatch(/^querystring\.kinds/);
    expect((await getJson(t, '/api/customers/cus_nope/timeline')).statusCode).toBe(404);

    const csv = await getJson(t, `/api/customers/${c.id}/timeline.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,kind,title,detail,invoice,amount,currency,by');
    expect(lines.length).toBeGreaterThan(entries.length); // one line per entry (a message body may add lines)
    expect(csv.body).toContain(',fee,');
    expect(csv.body).toContain(',40.00,EUR,');

    // The snooze ends by itself on its date: that day's run chases the invoice.
    t.clock.set('2026-12-20T09:00:00.000Z');
    await runFollowup(t.ctx, { asOf: '2026-12-20' });
    expect(await actionsOf(t, snoozed.id)).toEqual(['late_fee', 'reminder']);
  });

  it('lists shipments and their tracking updates', async () => {
    const t = get();
    t.clock.set('2026-12-04T09:00:00.000Z');
    const carrier = await carrierOf(t);
    const shipped = await shippedShipment(t, carrier);
    const delivered = await postWebhook(t, carrier, {
      events: [
        genericEvent(carrier, shipped.trackingNumbers[0]!, 'tl-1', '2026-12-04T10:00:00Z', 'in_transit'),
        genericEvent(carrier, shipped.trackingNumbers[0]!, 'tl-2', '2026-12-04T15:00:00Z', 'delivered'),
      ],
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    await drainJobs(t.ctx);
    const entries = await allEntries(t, shipped.customerId);
    const shipments = entries.filter((e) => e.kind === 'shipment').map((e) => e.title);
    expect(shipments.some((title) => / shipped/.test(title))).toBe(true);
    const tracking = entries.filter((e) => e.kind === 'tracking').map((e) => e.title);
    expect(tracking).toHaveLength(2);
    expect(tracking[0]).toContain('delivered');
    expect(tracking[1]).toContain('in transit');
  });

  it('is refused to roles that do not work receivables', async () => {
    const t = get();
    const c = await customer(t.ctx, t.adminActor);
    const logistics = bearer(await t.tokenWith(['logistics']));
    const response = await t.inject({
      method: 'GET',
      url: `/api/customers/${c.id}/timeline`,
      headers: logistics,
    });
    expect(response.statusCode).toBe(403);
  });
});
