/**
 * THE tracking invariant, on both databases: every event delivered 1–5 times, in random order, in
 * random batches, concurrently (PostgreSQL: several connection pools; SQLite: several processes started
 * together) leaves each shipment in the same state as the clean ordered stream, applies no event
 * twice, records each customer update key once and queues each mail once (checked in the mail outbox);
 * a shipment with a delivery ends delivered, its order too.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { getOrder } from '../../src/modules/orders/index.js';
import { signDuelyWebhook } from '../../src/modules/shipping/signatures.js';
import { runPendingTrackingEffects } from '../../src/modules/shipping/tracking/effects.js';
import { shipmentBrief } from '../../src/modules/shipping/tracking/shipments-port.js';
import { receiveTrackingWebhook } from '../../src/modules/shipping/tracking/webhook.js';
import {
  foldTrackingEvents,
  sortTrackingEvents,
  TRACKING_STATUSES,
  type TrackingEventInput,
} from '../../src/modules/shipping/tracking-status.js';
import type { AppContext } from '../../src/platform/context.js';
import { describeEachApp } from '../support/app.js';
import { REPO_ROOT, runTogether } from '../support/child-process.js';
import {
  carrierOf,
  type GenericEvent,
  genericEvent,
  mailsOf,
  shippedShipment,
  type TestCarrier,
} from './tracking.support.js';

const SHIPMENTS = 3;
const WORKERS = 3;

const eventArb = fc.record({
  minute: fc.integer({ min: 0, max: 3000 }),
  status: fc.constantFrom(...TRACKING_STATUSES, 'held_by_dragon'),
  substatus: fc.constantFrom(null, 'a', 'b'),
  eta: fc.option(fc.constantFrom('2026-12-06', '2026-12-07', '2026-12-08'), { nil: null }),
});
const scenarioArb = fc.record({
  shipments: fc.array(fc.array(eventArb, { minLength: 1, maxLength: 9 }), {
    minLength: SHIPMENTS,
    maxLength: SHIPMENTS,
  }),
  copies: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 60, maxLength: 60 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 80, maxLength: 80 }),
  seed: fc.integer(),
});

const CHILD_SOURCE = `
import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.ts';
import { receiveTrackingWebhook } from '${REPO_ROOT}/src/modules/shipping/tracking/webhook.ts';
import { runPendingTrackingEffects } from '${REPO_ROOT}/src/modules/shipping/tracking/effects.ts';
import { signDuelyWebhook } from '${REPO_ROOT}/src/modules/shipping/signatures.ts';
const [url, code, secret, bodies] = [process.env.T_URL, process.env.T_CODE, process.env.T_SECRET, JSON.parse(process.env.T_BODIES)];
const ctx = await openChildContext(url, { busyTimeoutMs: 60000 });
await startTogether();
for (const body of bodies) {
  const raw = JSON.stringify(body);
  await receiveTrackingWebhook(ctx, {
    carrierCode: code, rawBody: Buffer.from(raw), ip: 'child', requestId: 'child',
    headers: { 'x-duely-signature': signDuelyWebhook(secret, raw, Math.floor(Date.now() / 1000)) },
  });
  await runPendingTrackingEffects(ctx);
}
await ctx.database.close();
printResult({ requests: bodies.length });
`;

function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function deliver(
  t: ReturnType<Parameters<Parameters<typeof describeEachApp>[1]>[0]>,
  carrier: TestCarrier,
  bodies: { events: GenericEvent[] }[][],
): Promise<void> {
  if (t.kind === 'postgres') {
    const contexts: AppContext[] = await Promise.all(bodies.map(() => t.openAnother()));
    await Promise.all(
      bodies.map(async (share, w) => {
        for (const body of share) {
          const raw = JSON.stringify(body);
          await receiveTrackingWebhook(contexts[w]!, {
            carrierCode: carrier.code,
            rawBody: Buffer.from(raw),
            ip: 'test',
            requestId: `w${w}`,
            headers: {
              'x-duely-signature': signDuelyWebhook(
                carrier.secret,
                raw,
                Math.floor(t.clock.now().getTime() / 1000),
              ),
            },
          });
          // Effects race too: every worker applies what is pending after each of its requests.
          await runPendingTrackingEffects(contexts[w]!);
        }
      }),
    );
    await Promise.all(contexts.map((c) => c.database.close()));
  } else {
    await runTogether(
      bodies.map((share) => ({
        source: CHILD_SOURCE,
        env: {
          T_URL: t.url,
          T_CODE: carrier.code,
          T_SECRET: carrier.secret,
          T_BODIES: JSON.stringify(share),
        },
      })),
    );
  }
}

describeEachApp('tracking under duplicated, shuffled, concurrent delivery', (get) => {
  it('converges to the clean stream’s state, applies nothing twice and mails each update once', async () => {
    const t = get();
    const carrier = await carrierOf(t);
    // Several random scenarios (fast-check), all delivered in ONE concurrent run so the workers overlap.
    const scenarios = fc.sample(scenarioArb, {
      numRuns: 4,
      seed: Number(process.env.TRACKING_SEED ?? 20261204),
    });
    const base = Date.parse('2026-12-04T06:00:00Z');
    const cases: { shipment: Awaited<ReturnType<typeof shippedShipment>>; events: GenericEvent[] }[] = [];
    const bodies: { events: GenericEvent[] }[] = [];
    for (const [n, scenario] of scenarios.entries()) {
      const shipments: Awaited<ReturnType<typeof shippedShipment>>[] = [];
      for (let i = 0; i < SHIPMENTS; i++) shipments.push(await shippedShipment(t, carrier));
      const perShipment: GenericEvent[][] = scenario.shipments.map((events, s) =>
        events.map((e, i) =>
          genericEvent(
            carrier,
            shipments[s]!.trackingNumbers[0]!,
            `${shipments[s]!.shipmentId}-e${i}`,
            new Date(base + e.minute * 60_000).toISOString(),
            e.status,
            { substatus: e.substatus, eta: e.eta, reason: e.substatus ? `reason ${e.substatus}` : null },
          ),
        ),
      );
      perShipment.forEach((events, s) => {
        cases.push({ shipment: shipments[s]!, events });
      });
      let k = 0;
      const deliveries = perShipment
        .flat()
        .flatMap((e) => Array.from({ length: scenario.copies[k++ % 60]! }, () => e));
      const shuffled = shuffle(deliveries, scenario.seed + n);
      for (let i = 0, b = 0; i < shuffled.length; b++) {
        const size = scenario.batchSizes[b % 80]!;
        bodies.push({ events: shuffled.slice(i, i + size) });
        i += size;
      }
    }
    const mixed = shuffle(bodies, 7);
    const shares = Array.from({ length: WORKERS }, (_, w) => mixed.filter((_, i) => i % WORKERS === w));
    await deliver(t, carrier, shares);
    await runPendingTrackingEffects(t.ctx);

    let mailed = 0;
    for (const { shipment, events } of cases) {
      const { shipmentId, orderId } = shipment;
      const clean = foldTrackingEvents(
        sortTrackingEvents(
          events.map(
            (e): TrackingEventInput => ({
              eventId: e.eventId,
              occurredAt: e.occurredAt,
              status: (TRACKING_STATUSES as readonly string[]).includes(e.status)
                ? (e.status as TrackingEventInput['status'])
                : 'exception',
              substatus: (TRACKING_STATUSES as readonly string[]).includes(e.status)
                ? (e.substatus ?? null)
                : 'unknown',
              reason: e.reason ?? null,
              eta: e.eta ?? null,
              flagged: !(TRACKING_STATUSES as readonly string[]).includes(e.status),
            }),
          ),
        ),
      );
      const row = await t.ctx.db
        .selectFrom('shipment_tracking')
        .selectAll()
        .where('shipment_id', '=', shipmentId)
        .executeTakeFirstOrThrow();
      expect({
        status: row.status,
        substatus: row.substatus,
        reason: row.reason,
        lastEventAt: row.last_event_at,
        eta: row.eta,
        deliveredAt: row.delivered_at,
        events: Number(row.events),
      }).toEqual({
        status: clean.state.status,
        substatus: clean.state.substatus,
        reason: clean.state.reason,
        lastEventAt: clean.state.lastEventAt,
        eta: clean.state.eta,
        deliveredAt: clean.state.deliveredAt,
        events: events.length,
      });
      const stored = await t.ctx.db
        .selectFrom('tracking_events')
        .select('event_id')
        .where('shipment_id', '=', shipmentId)
        .execute();
      expect(stored.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());

      const notifications = await t.ctx.db
        .selectFrom('tracking_notifications')
        .selectAll()
        .where('shipment_id', '=', shipmentId)
        .where('key', '!=', 'shipped')
        .execute();
      expect(notifications.map((n) => n.key).sort()).toEqual([...clean.sentUpdateKeys].sort());
      const queued = notifications.filter((n) => n.outcome === 'queued');
      const mails = (await mailsOf(t.ctx.db, shipmentId)).map((m) => m.id);
      mailed += mails.length;
      expect(mails.sort()).toEqual(queued.map((n) => n.mail_id).sort());
      if (clean.state.deliveredAt !== null) {
        expect((await shipmentBrief(t.ctx.db, shipmentId))?.status).toBe('delivered');
        expect((await getOrder(t.ctx, orderId)).status).toBe('delivered');
      }
    }
    expect(mailed).toBeGreaterThan(0);
  }, 240_000);
});
