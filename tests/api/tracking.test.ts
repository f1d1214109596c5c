/**
 * Carrier tracking through the API on both databases: signed webhooks in the three formats, bad
 * signatures (401, nothing stored), unknown tracking numbers (unmatched → resolved later), unknown
 * carrier codes (flagged), late events, delivery completing the shipment and order, customer updates
 * once, CSV import and manual entry.
 */
import { describe, expect, it } from 'vitest';
import { getOrder } from '../../src/modules/orders/index.js';
import { signDuelyWebhook } from '../../src/modules/shipping/signatures.js';
import { runPendingTrackingEffects } from '../../src/modules/shipping/tracking/effects.js';
import { shipmentBrief } from '../../src/modules/shipping/tracking/shipments-port.js';
import { SHIPPED_MAIL_SUBSCRIBER } from '../../src/modules/shipping/tracking/wiring.js';
import { bearer, describeEachApp } from '../support/app.js';
import {
  carrierOf,
  genericEvent,
  mailsOf,
  postWebhook,
  shippedShipment,
  tableCounts,
} from './tracking.support.js';

describeEachApp('carrier tracking', (get) => {
  describe('webhook signatures', () => {
    it('refuses a bad signature with a 401 and stores nothing (wrong secret, altered body, stale, missing)', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const { trackingNumbers } = await shippedShipment(t, carrier);
      const before = await tableCounts(t.ctx.db);
      const body = {
        events: [genericEvent(carrier, trackingNumbers[0]!, 'sig-1', '2026-12-04T08:00:00Z', 'in_transit')],
      };
      const raw = JSON.stringify(body);
      const now = Math.floor(t.clock.now().getTime() / 1000);
      const attempts: Record<string, string>[] = [
        { 'x-duely-signature': signDuelyWebhook('not-the-secret-at-all', raw, now) },
        { 'x-duely-signature': signDuelyWebhook(carrier.secret, raw.replace('sig-1', 'sig-2'), now) },
        { 'x-duely-signature': signDuelyWebhook(carrier.secret, raw, now - 3600) },
        {},
      ];
      for (const headers of attempts) {
        const response = await postWebhook(t, carrier, body, { headers, raw });
        expect(response.statusCode, response.body).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().type).toContain('bad-signature');
      }
      expect(await tableCounts(t.ctx.db)).toEqual(before);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'tracking.webhook_rejected')
        .where('entity_id', '=', carrier.id)
        .execute();
      expect(audit).toHaveLength(4);

      const ok = await postWebhook(t, carrier, body);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ received: 1, applied: 1, duplicates: 0 });
    });

    it('answers 404 for an unknown or inactive carrier, and a rotated secret replaces the old one', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const unknown = await postWebhook(t, { ...carrier, code: 'no-such-carrier' }, { events: [] });
      expect(unknown.statusCode).toBe(404);
      const admin = bearer(await t.tokenWith(['admin']));
      const rotated = await t.inject({
        method: 'POST',
        url: `/api/carriers/${carrier.id}/webhook-secret`,
        headers: admin,
        payload: {},
      });
      expect(rotated.statusCode, rotated.body).toBe(200);
      const body = {
        events: [genericEvent(carrier, 'NOPE-1', 'rot-1', '2026-12-04T08:00:00Z', 'in_transit')],
      };
      expect((await postWebhook(t, carrier, body)).statusCode).toBe(401);
      const fresh = { ...carrier, secret: rotated.json().webhookSecret };
      expect((await postWebhook(t, fresh, body)).statusCode).toBe(200);
      await t.inject({
        method: 'PATCH',
        url: `/api/carriers/${carrier.id}`,
        headers: admin,
        payload: { active: false },
      });
      expect((await postWebhook(t, fresh, body)).statusCode).toBe(404);
    });

    it('refuses a malformed payload with the field named, storing nothing', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const before = await tableCounts(t.ctx.db);
      const response = await postWebhook(t, carrier, {
        events: [
          {
            trackingNumber: 'X',
            carrier: carrier.code,
            occurredAt: 'yesterday',
            status: 'in_transit',
            rawCode: '',
            rawText: '',
          },
        ],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('events.0.occurredAt');
      const notJson = await postWebhook(t, carrier, null, { raw: '{"events": [' });
      expect(notJson.statusCode).toBe(400);
      expect(await tableCounts(t.ctx.db)).toEqual(before);
    });
  });

  describe('events and state', () => {
    it('applies AfterShip and EasyPost payloads, dropping checkpoints already received', async () => {
      const t = get();
      const aftership = await carrierOf(t, 'aftership');
      const a = await shippedShipment(t, aftership);
      const checkpoints = [
        {
          checkpoint_time: '2026-12-04T07:00:00+01:00',
          tag: 'InTransit',
          subtag: 'InTransit_001',
          message: 'Departed',
        },
        {
          checkpoint_time: '2026-12-04T12:00:00+01:00',
          tag: 'OutForDelivery',
          subtag: 'OutForDelivery_001',
          message: 'Out',
        },
      ];
      const payload = (cps: typeof checkpoints) => ({
        event: 'tracking_update',
        msg: {
          tracking_number: a.trackingNumbers[0],
          slug: 'ups',
          tag: 'OutForDelivery',
          expected_delivery: '2026-12-05',
          checkpoints: cps,
        },
      });
      const first = await postWebhook(t, aftership, payload(checkpoints.slice(0, 1)));
      expect(first.json()).toMatchObject({ applied: 1 });
      const second = await postWebhook(t, aftership, payload(checkpoints));
      expect(second.json()).toMatchObject({ received: 2, applied: 1, duplicates: 1 });
      const view = (
        await t.inject({
          method: 'GET',
          url: `/api/shipments/${a.shipmentId}/tracking`,
          headers: bearer(await t.tokenWith(['support'])),
        })
      ).json();
      expect(view.state).toMatchObject({
        status: 'out_for_delivery',
        substatus: 'outfordelivery_001',
        eta: '2026-12-05',
      });
      expect(view.events.map((e: { rawCode: string }) => e.rawCode)).toEqual([
        'InTransit_001',
        'OutForDelivery_001',
      ]);

      const easypost = await carrierOf(t, 'easypost');
      const e = await shippedShipment(t, easypost);
      const response = await postWebhook(t, easypost, {
        id: 'evt_1',
        description: 'tracker.updated',
        result: {
          tracking_code: e.trackingNumbers[0],
          carrier: 'USPS',
          status: 'delivered',
          tracking_details: [
            { datetime: '2026-12-04T09:00:00Z', status: 'in_transit', message: 'Arrived' },
            { datetime: '2026-12-04T15:00:00Z', status: 'delivered', message: 'Delivered, front door' },
          ],
        },
      });
      expect(response.json()).toMatchObject({ applied: 2 });
      // The webhook leaves mails and the lifecycle move to the tracking.effects job.
      expect((await shipmentBrief(t.ctx.db, e.shipmentId))?.status).toBe('shipped');
      expect(await runPendingTrackingEffects(t.ctx)).toMatchObject({ moves: 1 });
      expect(await runPendingTrackingEffects(t.ctx)).toMatchObject({ shipments: 0 });
      const brief = await shipmentBrief(t.ctx.db, e.shipmentId);
      expect(brief?.status).toBe('delivered');
    });

    it('stores an unknown tracking number as unmatched, then applies its events when resolved', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier);
      const stray = `STRAY${Date.now()}`;
      const body = {
        events: [
          genericEvent(carrier, stray, 'u-1', '2026-12-04T08:00:00Z', 'in_transit'),
          genericEvent(carrier, stray, 'u-2', '2026-12-04T10:00:00Z', 'out_for_delivery'),
        ],
      };
      expect((await postWebhook(t, carrier, body)).json()).toMatchObject({ unmatched: 2, applied: 0 });
      expect((await postWebhook(t, carrier, body)).json()).toMatchObject({ unmatched: 0, duplicates: 2 });
      const outbox = await t.ctx.db
        .selectFrom('outbox_events')
        .select(['type', 'payload'])
        .where('type', '=', 'tracking.unmatched')
        .execute();
      expect(outbox.some((o) => JSON.parse(o.payload).trackingNumber === stray)).toBe(true);

      const reader = bearer(await t.tokenWith(['support']));
      const list = (
        await t.inject({ method: 'GET', url: '/api/tracking/unmatched', headers: reader })
      ).json();
      const item = list.items.find((i: { trackingNumber: string }) => i.trackingNumber === stray);
      expect(item).toMatchObject({ carrierCode: carrier.code, events: 2, state: 'open' });

      const writer = bearer(await t.tokenWith(['logistics']));
      const denied = await t.inject({
        method: 'POST',
        url: `/api/tracking/unmatched/${item.id}/resolve`,
        headers: reader,
        payload: { shipmentId: s.shipmentId },
      });
      expect(denied.statusCode).toBe(403);
      const resolved = await t.inject({
        method: 'POST',
        url: `/api/tracking/unmatched/${item.id}/resolve`,
        headers: writer,
        payload: { shipmentId: s.shipmentId },
      });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({ applied: 2 });
      const again = await t.inject({
        method: 'POST',
        url: `/api/tracking/unmatched/${item.id}/resolve`,
        headers: writer,
        payload: { shipmentId: s.shipmentId },
      });
      expect(again.statusCode).toBe(409);

      // The number now belongs to the shipment: the next event matches directly.
      const next = await postWebhook(t, carrier, {
        events: [genericEvent(carrier, stray, 'u-3', '2026-12-04T16:00:00Z', 'delivered')],
      });
      expect(next.json()).toMatchObject({ applied: 1, unmatched: 0 });
      const view = (
        await t.inject({ method: 'GET', url: `/api/shipments/${s.shipmentId}/tracking`, headers: reader })
      ).json();
      expect(view.state.status).toBe('delivered');
      expect(view.events.map((e: { source: string }) => e.source)).toEqual([
        'unmatched',
        'unmatched',
        'webhook',
      ]);
    });

    it('keeps an unknown carrier code raw, as exception/unknown, flagged, and mails no one about it', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier);
      const response = await postWebhook(t, carrier, {
        events: [
          genericEvent(carrier, s.trackingNumbers[0]!, 'f-1', '2026-12-04T08:00:00Z', 'held_by_dragon', {
            rawCode: 'HX9',
            rawText: 'Parcel withheld',
          }),
        ],
      });
      expect(response.json()).toMatchObject({ applied: 1, flagged: 1 });
      const view = (
        await t.inject({
          method: 'GET',
          url: `/api/shipments/${s.shipmentId}/tracking`,
          headers: bearer(await t.tokenWith(['logistics'])),
        })
      ).json();
      expect(view.state).toMatchObject({ status: 'exception', substatus: 'unknown', flagged: true });
      expect(view.events[0]).toMatchObject({ flagged: true, rawCode: 'HX9', rawText: 'Parcel withheld' });
      expect(view.notifications).toEqual([]);
      expect(await mailsOf(t.ctx.db, s.shipmentId)).toEqual([]);
    });

    it('never moves back for a late event, mails each update once and never a superseded one; delivered completes shipment and order', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier, { language: 'fr' });
      const n = s.trackingNumbers[0]!;
      const post = (events: ReturnType<typeof genericEvent>[]) => postWebhook(t, carrier, { events });
      await post([
        genericEvent(carrier, n, 'l-1', '2026-12-04T08:00:00Z', 'in_transit', { eta: '2026-12-06' }),
      ]);
      await post([genericEvent(carrier, n, 'l-4', '2026-12-05T15:00:00Z', 'delivered')]);
      // Late: an older "out for delivery" and an older scan arrive after the delivery.
      await post([
        genericEvent(carrier, n, 'l-3', '2026-12-05T07:00:00Z', 'out_for_delivery'),
        genericEvent(carrier, n, 'l-2', '2026-12-04T20:00:00Z', 'in_transit', { eta: '2026-12-05' }),
      ]);
      // And the delivery again (a carrier retry).
      await post([genericEvent(carrier, n, 'l-4', '2026-12-05T15:00:00Z', 'delivered')]);
      await runPendingTrackingEffects(t.ctx);

      const view = (
        await t.inject({
          method: 'GET',
          url: `/api/shipments/${s.shipmentId}/tracking`,
          headers: bearer(await t.tokenWith(['logistics'])),
        })
      ).json();
      expect(view.state).toMatchObject({
        status: 'delivered',
        deliveredAt: '2026-12-05T15:00:00.000Z',
        lastEventAt: '2026-12-05T15:00:00.000Z',
        eta: '2026-12-05',
        events: 4,
      });
      const keys = Object.fromEntries(
        view.notifications.map((x: { key: string; outcome: string }) => [x.key, x.outcome]),
      );
      expect(keys).toEqual({ in_transit: 'not_mailed', delivered: 'queued', out_for_delivery: 'superseded' });
      const mails = await mailsOf(t.ctx.db, s.shipmentId);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('a été livré')]);

      expect((await shipmentBrief(t.ctx.db, s.shipmentId))?.status).toBe('delivered');
      expect((await getOrder(t.ctx, s.orderId)).status).toBe('delivered');
    });

    it('sends the shipped mail once with the tracking link, however often the event is delivered', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier);
      const event = await t.ctx.db
        .selectFrom('outbox_events')
        .selectAll()
        .where('type', '=', 'shipment.status_changed')
        .where('aggregate_id', '=', s.shipmentId)
        .execute();
      const shipped = event.find((e) => JSON.parse(e.payload).to === 'shipped');
      expect(shipped).toBeDefined();
      const subscriber = t.ctx.events.all().find((x) => x.name === SHIPPED_MAIL_SUBSCRIBER)!;
      const domainEvent = {
        id: shipped!.id,
        type: shipped!.type,
        aggregateType: shipped!.aggregate_type,
        aggregateId: shipped!.aggregate_id,
        payload: JSON.parse(shipped!.payload),
        occurredAt: shipped!.occurred_at,
        actorType: shipped!.actor_type,
        actorId: shipped!.actor_id,
      };
      await subscriber.handle(domainEvent, t.ctx);
      await subscriber.handle(domainEvent, t.ctx);
      const mails = await mailsOf(t.ctx.db, s.shipmentId);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain('is on its way');
      expect(mails[0]!.text_body).toContain(`https://track.example/${s.trackingNumbers[0]}`);
    });
  });

  describe('manual entry and CSV import', () => {
    it('adds one event by hand, deduplicated by its event id', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier);
      const headers = bearer(await t.tokenWith(['logistics']));
      const payload = {
        occurredAt: '2026-12-04T11:00:00+01:00',
        status: 'attempt_fail',
        substatus: 'no_one_home',
        reason: 'Customer absent',
        eventId: 'phone-1',
        note: 'Driver phoned',
      };
      const first = await t.inject({
        method: 'POST',
        url: `/api/shipments/${s.shipmentId}/tracking/events`,
        headers,
        payload,
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ applied: 1 });
      const second = await t.inject({
        method: 'POST',
        url: `/api/shipments/${s.shipmentId}/tracking/events`,
        headers,
        payload,
      });
      expect(second.json()).toMatchObject({ applied: 0, duplicates: 1 });
      const bad = await t.inject({
        method: 'POST',
        url: `/api/shipments/${s.shipmentId}/tracking/events`,
        headers,
        payload: { ...payload, status: 'teleported', occurredAt: '2026-12-04' },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['occurredAt', 'status']);
      const mails = await mailsOf(t.ctx.db, s.shipmentId);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text_body).toContain('Reason: Customer absent');
    });

    it('previews and applies a CSV file all or nothing, naming each bad line and column', async () => {
      const t = get();
      const carrier = await carrierOf(t);
      const s = await shippedShipment(t, carrier);
      const n = s.trackingNumbers[0]!;
      const headers = { ...bearer(await t.tokenWith(['logistics'])), 'content-type': 'text/csv' };
      const good = [
        'carrier,tracking_number,occurred_at,status,substatus,reason,eta,raw_code,raw_text',
        `${carrier.code},${n},2026-12-04T08:00:00Z,in_transit,,,2026-12-06,IT,Departed`,
        `${carrier.code},${n},2026-12-05T08:00:00Z,out_for_delivery,,,,OFD,On vehicle`,
        `${carrier.code},UNKNOWN-${n},2026-12-05T08:00:00Z,in_transit,,,,IT,Elsewhere`,
      ].join('\n');
      const bad = `${good}\n${carrier.code},${n},not a time,in_transit,,,,IT,x\nnobody,${n},2026-12-05T09:00:00Z,delivered,,,,D,x\n`;
      const before = await tableCounts(t.ctx.db);
      const refused = await t.inject({
        method: 'POST',
        url: '/api/tracking/import?mode=apply',
        headers,
        payload: bad,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'line 5, column occurred_at',
        'line 6, column carrier',
      ]);
      expect(await tableCounts(t.ctx.db)).toEqual(before);

      const preview = (
        await t.inject({ method: 'POST', url: '/api/tracking/import', headers, payload: good })
      ).json();
      expect(preview).toMatchObject({
        mode: 'preview',
        valid: true,
        counts: { lines: 3, apply: 2, unmatched: 1 },
      });
      expect(await tableCounts(t.ctx.db)).toEqual(before);
      const applied = await t.inject({
        method: 'POST',
        url: '/api/tracking/import?mode=apply',
        headers,
        payload: good,
      });
      expect(applied.statusCode, applied.body).toBe(200);
      const again = (
        await t.inject({ method: 'POST', url: '/api/tracking/import', headers, payload: good })
      ).json();
      expect(again.counts).toMatchObject({ duplicate: 3, apply: 0 });
      const view = (
        await t.inject({
          method: 'GET',
          url: `/api/shipments/${s.shipmentId}/tracking`,
          headers: bearer(await t.tokenWith(['support'])),
        })
      ).json();
      expect(view.state).toMatchObject({ status: 'out_for_delivery', eta: '2026-12-06' });
      expect(view.events.every((e: { source: string }) => e.source === 'csv')).toBe(true);
    });
  });
});
