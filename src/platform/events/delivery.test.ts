import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { JobRegistry } from '../jobs/registry.js';
import { JobRunner } from '../jobs/runner.js';
import { type DomainEvent, EventBus, type Subscriber } from './bus.js';
import { registerEventDelivery } from './delivery.js';

const START = '2026-12-04T09:00:00.000Z';

function withSubscribers(ctx: AppContext, subscribers: Subscriber[]): AppContext {
  const scoped = { ...ctx, jobs: new JobRegistry(), events: new EventBus() };
  for (const s of subscribers) scoped.events.subscribe(s);
  registerEventDelivery(scoped);
  return scoped;
}

const paymentApplied = {
  type: 'payment.applied',
  aggregateType: 'payment',
  aggregateId: 'pay_1',
  payload: { amount: 1200 },
};

describeEachDatabase('event delivery', (get) => {
  beforeEach(async () => {
    await get().ctx.db.deleteFrom('jobs').execute();
    await get().ctx.db.deleteFrom('outbox_events').execute();
    get().clock.set(START);
  });

  const runner = (ctx: AppContext) =>
    new JobRunner(ctx, { concurrency: 4, pollMs: 1000, backoff: { baseMs: 1000, jitter: 0 } });

  it('delivers a committed event to each subscriber, and nothing to others', async () => {
    const seen: Record<string, DomainEvent[]> = { a: [], b: [], other: [] };
    const ctx = withSubscribers(get().ctx, [
      { name: 'a', eventTypes: ['payment.applied'], handle: async (e) => void seen.a!.push(e) },
      { name: 'b', eventTypes: ['*'], handle: async (e) => void seen.b!.push(e) },
      {
        name: 'other',
        eventTypes: ['shipment.status_changed'],
        handle: async (e) => void seen.other!.push(e),
      },
    ]);
    const id = await transaction(ctx, systemActor('test'), (tx) => tx.emit(paymentApplied));
    expect(await runner(ctx).runOnce()).toBe(2);
    expect(seen.a).toEqual([
      {
        id,
        type: 'payment.applied',
        aggregateType: 'payment',
        aggregateId: 'pay_1',
        payload: { amount: 1200 },
        occurredAt: START,
        actorType: 'system',
        actorId: null,
      },
    ]);
    expect(seen.b!.map((e) => e.id)).toEqual([id]);
    expect(seen.other).toEqual([]);
  });

  it('never delivers an event emitted in a rolled-back transaction', async () => {
    const seen: DomainEvent[] = [];
    const ctx = withSubscribers(get().ctx, [
      { name: 'a', eventTypes: ['*'], handle: async (e) => void seen.push(e) },
    ]);
    await expect(
      transaction(ctx, systemActor('test'), async (tx) => {
        await tx.emit(paymentApplied);
        throw new Error('change rejected');
      }),
    ).rejects.toThrow('change rejected');
    expect(await runner(ctx).runOnce()).toBe(0);
    expect(seen).toEqual([]);
    expect(await get().ctx.db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });

  it('retries a throwing subscriber and buries the delivery after its last attempt', async () => {
    let calls = 0;
    const ctx = withSubscribers(get().ctx, [
      {
        name: 'broken',
        eventTypes: ['payment.applied'],
        maxAttempts: 3,
        handle: async () => {
          calls++;
          throw new Error('ledger unavailable');
        },
      },
    ]);
    await transaction(ctx, systemActor('test'), (tx) => tx.emit(paymentApplied));
    const r = runner(ctx);
    for (let i = 0; i < 3; i++) {
      await r.runOnce();
      get().clock.advance(60_000);
    }
    expect(calls).toBe(3);
    const [job] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({
      name: 'event:broken',
      state: 'dead',
      attempts: 3,
      last_error: 'ledger unavailable',
    });
  });

  it('at-least-once: a redelivered event takes effect once in an idempotent subscriber', async () => {
    const effects = new Map<string, number>();
    let deliveries = 0;
    const ctx = withSubscribers(get().ctx, [
      {
        name: 'idempotent',
        eventTypes: ['payment.applied'],
        handle: async (event) => {
          deliveries++;
          // The effect is keyed by event id, so seeing the event again changes nothing…
          if (!effects.has(event.id)) effects.set(event.id, (event.payload as { amount: number }).amount);
          // …and the first delivery fails after its effect, as if the worker died before recording success.
          if (deliveries === 1) throw new Error('crashed after the effect');
        },
      },
    ]);
    const id = await transaction(ctx, systemActor('test'), (tx) => tx.emit(paymentApplied));
    const r = runner(ctx);
    await r.runOnce();
    get().clock.advance(60_000);
    await r.runOnce();
    expect(deliveries).toBe(2);
    expect([...effects]).toEqual([[id, 1200]]);
    const [job] = await get().ctx.db.selectFrom('jobs').selectAll().execute();
    expect(job).toMatchObject({ state: 'done', dedupe_key: `event:${id}:idempotent` });
  });
});
