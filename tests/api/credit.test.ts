/**
 * Credit holds on both databases: placing is idempotent (one active hold per customer, cause and
 * source, also under a concurrent duplicate on PostgreSQL), release with a reason, worklist tasks,
 * the owner's email, the credit-limit and overdue-balance rules placing and releasing by themselves,
 * the shipping check with its audited override, and the routes with their bad input.
 */
import { expect, it } from 'vitest';
import {
  activeHoldsOf,
  assertShippingAllowed,
  placeHold,
  reevaluateAll,
  releaseHold,
} from '../../src/modules/credit/index.js';
import { tasksOfRecord } from '../../src/modules/worklist/index.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, describeEachApp } from '../support/app.js';
import { customerWith, drainJobs, makeDocument, pay } from './credit.support.js';

const actorWith = (roles: Actor['roles'], id = 'usr_test'): Actor => ({
  type: 'user',
  id,
  label: `${roles.join('+')}@example.com`,
  roles,
  userId: id,
});

describeEachApp('credit holds', (get) => {
  it('places a hold once per customer, cause and source, and releases it with a reason', async () => {
    const { ctx, adminActor } = get();
    const customer = await customerWith(ctx, adminActor);
    const first = await transaction(ctx, adminActor, (tx) =>
      placeHold(tx, {
        customerId: customer.id,
        cause: 'policy_step',
        reason: 'Final reminder step',
        sourceKey: 'step-3',
      }),
    );
    const again = await transaction(ctx, adminActor, (tx) =>
      placeHold(tx, {
        customerId: customer.id,
        cause: 'policy_step',
        reason: 'Final reminder step',
        sourceKey: 'step-3',
      }),
    );
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const other = await transaction(ctx, adminActor, (tx) =>
      placeHold(tx, { customerId: customer.id, cause: 'manual', reason: 'Waiting for a bank guarantee' }),
    );
    expect(other.created).toBe(true);

    let holds = (await activeHoldsOf(ctx.db, [customer.id])).get(customer.id)!;
    expect(holds.map((h) => [h.cause, h.sourceKey])).toEqual([
      ['policy_step', 'step-3'],
      ['manual', null],
    ]);
    // A task for the sales desk per hold, once.
    const tasks = await tasksOfRecord(ctx.db, 'customer', customer.id);
    expect(tasks.filter((t) => t.kind === 'customer_on_hold' && t.status === 'open')).toHaveLength(2);

    const released = await transaction(ctx, adminActor, (tx) =>
      releaseHold(tx, { customerId: customer.id, cause: 'policy_step' }, 'Paid after the call'),
    );
    expect(released).toBe(1);
    expect(
      await transaction(ctx, adminActor, (tx) =>
        releaseHold(tx, { customerId: customer.id, cause: 'policy_step' }, 'Paid after the call'),
      ),
    ).toBe(0);
    holds = (await activeHoldsOf(ctx.db, [customer.id])).get(customer.id)!;
    expect(holds.map((h) => h.cause)).toEqual(['manual']);
    const after = await tasksOfRecord(ctx.db, 'customer', customer.id);
    expect(after.filter((t) => t.kind === 'customer_on_hold' && t.status === 'open')).toHaveLength(1);

    // Released, the same cause and source may be placed again: a new hold.
    const later = await transaction(ctx, adminActor, (tx) =>
      placeHold(tx, {
        customerId: customer.id,
        cause: 'policy_step',
        reason: 'Final reminder step',
        sourceKey: 'step-3',
      }),
    );
    expect(later.created).toBe(true);
    expect(later.id).not.toBe(first.id);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', customer.id)
      .where('action', 'like', 'credit_hold.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'credit_hold.placed',
      'credit_hold.placed',
      'credit_hold.placed',
      'credit_hold.released',
    ]);
  });

  it('refuses a hold without a reason or with an unknown cause, saving nothing', async () => {
    const { ctx, adminActor } = get();
    const customer = await customerWith(ctx, adminActor);
    await expect(
      transaction(ctx, adminActor, (tx) =>
        placeHold(tx, { customerId: customer.id, cause: 'manual', reason: '  ' }),
      ),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'reason', message: 'is required' }] });
    await expect(
      transaction(ctx, adminActor, (tx) =>
        placeHold(tx, { customerId: customer.id, cause: 'weather' as never, reason: 'Storm' }),
      ),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'cause' }] });
    await expect(
      transaction(ctx, adminActor, (tx) =>
        placeHold(tx, { customerId: 'cus_nobody', cause: 'manual', reason: 'x' }),
      ),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'customerId' }] });
    expect((await activeHoldsOf(ctx.db, [customer.id])).size).toBe(0);
  });

  it('blocks shipping with a 409 naming the holds; an override needs admin or finance and a reason, and is audited', async () => {
    const { ctx, adminActor } = get();
    const customer = await customerWith(ctx, adminActor);
    await transaction(ctx, adminActor, (tx) =>
      placeHold(tx, { customerId: customer.id, cause: 'manual', reason: 'Cheque bounced twice' }),
    );
    await expect(
      transaction(ctx, actorWith(['logistics']), (tx) => assertShippingAllowed(tx, customer.id)),
    ).rejects.toMatchObject({
      status: 409,
      code: 'credit-hold',
      message: expect.stringContaining('Cheque bounced twice'),
    });
    await expect(
      transaction(ctx, actorWith(['logistics']), (tx) =>
        assertShippingAllowed(tx, customer.id, { reason: 'Customer promised' }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      transaction(ctx, actorWith(['finance']), (tx) =>
        assertShippingAllowed(tx, customer.id, { reason: ' ' }),
      ),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'override.reason' }] });
    await transaction(ctx, actorWith(['finance']), (tx) =>
      assertShippingAllowed(tx, customer.id, { reason: 'Director approved, prepayment received' }),
    );
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['after_json', 'actor_label'])
      .where('entity_id', '=', customer.id)
      .where('action', '=', 'credit_hold.overridden')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json as string)).toMatchObject({
      reason: 'Director approved, prepayment received',
      holds: [{ cause: 'manual', reason: 'Cheque bounced twice' }],
    });
    // Without a hold, nothing is asked and nothing is audited.
    const free = await customerWith(ctx, adminActor);
    await transaction(ctx, actorWith(['logistics']), (tx) => assertShippingAllowed(tx, free.id));
  });

  it('puts a customer above its credit limit on hold and releases it when a payment brings it back', async () => {
    const { ctx, adminActor } = get();
    const sales = await get().userWith(['sales']);
    const customer = await customerWith(ctx, adminActor, { creditLimit: 50_000, ownerId: sales.id });
    const invoice = await makeDocument(ctx, adminActor, customer.id, 80_000);
    await drainJobs(ctx);
    let holds = (await activeHoldsOf(ctx.db, [customer.id])).get(customer.id) ?? [];
    expect(holds.map((h) => h.cause)).toEqual(['credit_limit']);
    expect(holds[0]!.reason).toContain('above the credit limit');

    // The sales owner is told once, however often the event is delivered.
    const mails = await ctx.db
      .selectFrom('mail_messages')
      .select(['to_addresses', 'subject'])
      .where('related_id', '=', customer.id)
      .execute();
    expect(mails).toHaveLength(1);
    expect(JSON.parse(mails[0]!.to_addresses)).toEqual([sales.email]);
    expect(mails[0]!.subject).toContain(customer.code);
    const task = (await tasksOfRecord(ctx.db, 'customer', customer.id)).find(
      (t) => t.kind === 'customer_on_hold',
    )!;
    expect(task.ownerUserId).toBe(sales.id);

    // Running the evaluation again changes nothing.
    await reevaluateAll(ctx);
    expect((await activeHoldsOf(ctx.db, [customer.id])).get(customer.id)!.map((h) => h.id)).toEqual([
      holds[0]!.id,
    ]);

    await pay(ctx, adminActor, customer.id, 40_000);
    await drainJobs(ctx);
    holds = (await activeHoldsOf(ctx.db, [customer.id])).get(customer.id) ?? [];
    expect(holds).toEqual([]);
    const released = await ctx.db
      .selectFrom('credit_holds')
      .select(['release_reason', 'released_by'])
      .where('customer_id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(released.release_reason).toContain('within the credit limit');
    expect(released.released_by).toBe('credit');
    const after = (await tasksOfRecord(ctx.db, 'customer', customer.id)).find((t) => t.id === task.id)!;
    expect(after.status).not.toBe('open');
    expect(invoice.openAmount).toBe(80_000);
  });

  it('puts a customer with an overdue balance above the threshold on hold, daily, and releases it when paid', async () => {
    const { ctx, adminActor, inject } = get();
    const admin = await get().tokenWith(['admin']);
    const bad = await inject({
      method: 'PUT',
      url: '/api/credit/settings/USD',
      headers: bearer(admin),
      payload: { overdueThreshold: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'overdueThreshold', message: 'must not be negative' }]);
    const saved = await inject({
      method: 'PUT',
      url: '/api/credit/settings/usd',
      headers: bearer(admin),
      payload: { overdueThreshold: 10_000, overdueAfterDays: 15 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ currency: 'USD', overdueThreshold: 10_000, overdueAfterDays: 15 });

    // Invoiced before the threshold existed: no hold until the daily sweep (or the next event) looks again.
    await inject({ method: 'DELETE', url: '/api/credit/settings/USD', headers: bearer(admin) });
    const customer = await customerWith(ctx, adminActor, { currency: 'USD' });
    const small = await customerWith(ctx, adminActor, { currency: 'USD' });
    await makeDocument(ctx, adminActor, customer.id, 30_000, { currency: 'USD' });
    await makeDocument(ctx, adminActor, small.id, 10_000, { currency: 'USD' });
    await drainJobs(ctx);
    expect((await activeHoldsOf(ctx.db, [customer.id])).has(customer.id)).toBe(false);
    await inject({
      method: 'PUT',
      url: '/api/credit/settings/USD',
      headers: bearer(admin),
      payload: { overdueThreshold: 10_000, overdueAfterDays: 15 },
    });
    const result = await reevaluateAll(ctx);
    expect(result.placed).toBe(1);
    const holds = await activeHoldsOf(ctx.db, [customer.id, small.id]);
    expect(holds.get(customer.id)!.map((h) => [h.cause, h.sourceKey])).toEqual([['overdue_balance', 'USD']]);
    // Exactly at the threshold is not above it.
    expect(holds.has(small.id)).toBe(false);
    expect((await reevaluateAll(ctx)).placed).toBe(0);

    await pay(ctx, adminActor, customer.id, 25_000, 'USD');
    await drainJobs(ctx);
    expect((await activeHoldsOf(ctx.db, [customer.id])).has(customer.id)).toBe(false);

    const removed = await inject({
      method: 'DELETE',
      url: '/api/credit/settings/USD',
      headers: bearer(admin),
    });
    expect(removed.statusCode).toBe(204);
  });

  it('serves holds over HTTP: place, list, release with a reason; only admin and finance change them', async () => {
    const { ctx, adminActor, inject } = get();
    const customer = await customerWith(ctx, adminActor);
    const finance = bearer(await get().tokenWith(['finance']));
    const sales = bearer(await get().tokenWith(['sales']));

    const refused = await inject({
      method: 'POST',
      url: `/api/customers/${customer.id}/holds`,
      headers: sales,
      payload: { reason: 'x' },
    });
    expect(refused.statusCode).toBe(403);
    const missing = await inject({
      method: 'POST',
      url: `/api/customers/${customer.id}/holds`,
      headers: finance,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'reason', message: 'is required' }]);

    const placed = await inject({
      method: 'POST',
      url: `/api/customers/${customer.id}/holds`,
      headers: finance,
      payload: { reason: 'Account under review' },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const hold = placed.json();
    expect(hold).toMatchObject({ cause: 'manual', reason: 'Account under review', active: true });
    const twice = await inject({
      method: 'POST',
      url: `/api/customers/${customer.id}/holds`,
      headers: finance,
      payload: { reason: 'Again' },
    });
    expect(twice.statusCode).toBe(409);

    const list = await inject({ method: 'GET', url: '/api/holds?cause=manual&limit=500', headers: sales });
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((h: { id: string }) => h.id === hold.id);
    expect(mine).toMatchObject({ customerCode: customer.code, customerName: customer.legalName });

    const noReason = await inject({
      method: 'POST',
      url: `/api/holds/${hold.id}/release`,
      headers: finance,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const released = await inject({
      method: 'POST',
      url: `/api/holds/${hold.id}/release`,
      headers: finance,
      payload: { reason: 'Review done' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ active: false, releaseReason: 'Review done' });
    const again = await inject({
      method: 'POST',
      url: `/api/holds/${hold.id}/release`,
      headers: finance,
      payload: { reason: 'Review done' },
    });
    expect(again.statusCode).toBe(409);

    const history = await inject({
      method: 'GET',
      url: `/api/customers/${customer.id}/holds`,
      headers: sales,
    });
    expect(history.json()).toMatchObject({
      onHold: false,
      active: [],
      history: [{ id: hold.id, active: false }],
    });
    const unknown = await inject({ method: 'GET', url: '/api/customers/cus_nobody/holds', headers: sales });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps one active hold when two transactions place the same hold at once (PostgreSQL)', async () => {
    const t = get();
    if (t.kind !== 'postgres') return;
    const customer = await customerWith(t.ctx, t.adminActor);
    const other = await t.openAnother();
    const results = await Promise.all(
      [t.ctx, other].map((c) =>
        transaction(c, t.adminActor, (tx) =>
          placeHold(tx, { customerId: customer.id, cause: 'credit_limit', reason: 'Above the limit' }),
        ),
      ),
    );
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.id).toBe(results[1]!.id);
    const rows = await t.ctx.db
      .selectFrom('credit_holds')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
