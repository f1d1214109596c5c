/** Shared set-up for the tracking tests: carriers, shipped shipments, signed webhook requests, table counts. */
import { expect } from 'vitest';
import {
  signAftershipWebhook,
  signDuelyWebhook,
  signEasypostWebhook,
} from '../../src/modules/shipping/signatures.js';
import type { TrackingStatus } from '../../src/modules/shipping/tracking-status.js';
import type { AnyDb } from '../../src/platform/db/database.js';
import { bearer, type TestApp } from '../support/app.js';
import { customerOf, stocked } from './orders.support.js';

let serial = 0;

export interface TestCarrier {
  id: string;
  code: string;
  secret: string;
  format: 'duely' | 'aftership' | 'easypost';
}

export async function carrierOf(
  t: TestApp,
  format: TestCarrier['format'] = 'duely',
  extra: Record<string, unknown> = {},
): Promise<TestCarrier> {
  const code = `c${++serial}-${format}`;
  const response = await t.inject({
    method: 'POST',
    url: '/api/carriers',
    headers: bearer(await t.tokenWith(['logistics'])),
    payload: {
      code,
      name: `Carrier ${serial}`,
      webhookFormat: format,
      trackingUrlTemplate: 'https://track.example/{trackingNumber}',
      ...extra,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return { id: body.carrier.id, code, secret: body.webhookSecret, format };
}

export function signatureHeaders(
  carrier: TestCarrier,
  raw: string,
  unixSeconds: number,
): Record<string, string> {
  switch (carrier.format) {
    case 'duely':
      return { 'x-duely-signature': signDuelyWebhook(carrier.secret, raw, unixSeconds) };
    case 'aftership':
      return { 'aftership-hmac-sha256': signAftershipWebhook(carrier.secret, raw) };
    case 'easypost':
      return { 'x-hmac-signature': signEasypostWebhook(carrier.secret, raw) };
  }
}

/** POSTs a body to the carrier's webhook, signed (unless `headers` replaces the signature). */
export async function postWebhook(
  t: TestApp,
  carrier: TestCarrier,
  body: unknown,
  options: { headers?: Record<string, string>; raw?: string } = {},
) {
  const raw = options.raw ?? JSON.stringify(body);
  const now = Math.floor(t.clock.now().getTime() / 1000);
  return t.inject({
    method: 'POST',
    url: `/api/webhooks/tracking/${carrier.code}`,
    headers: {
      'content-type': 'application/json',
      ...(options.headers ?? signatureHeaders(carrier, raw, now)),
    },
    payload: raw,
  });
}

export interface GenericEvent {
  eventId: string;
  trackingNumber: string;
  carrier: string;
  occurredAt: string;
  status: TrackingStatus | string;
  substatus?: string | null;
  reason?: string | null;
  eta?: string | null;
  rawCode: string;
  rawText: string;
}

export const genericEvent = (
  carrier: TestCarrier,
  trackingNumber: string,
  eventId: string,
  occurredAt: string,
  status: string,
  extra: Partial<GenericEvent> = {},
): GenericEvent => ({
  eventId,
  trackingNumber,
  carrier: carrier.code,
  occurredAt,
  status,
  rawCode: status.toUpperCase(),
  rawText: `scan ${status}`,
  ...extra,
});

/** A customer with a billing contact (email) in `language`, an order, and a shipment shipped with `carrier`. */
export async function shippedShipment(
  t: TestApp,
  carrier: TestCarrier,
  options: { language?: string; trackingNumbers?: string[]; email?: string } = {},
): Promise<{ shipmentId: string; orderId: string; customerId: string; trackingNumbers: string[] }> {
  const customer = await customerOf(t, {
    language: options.language ?? 'en',
    contacts: [
      {
        name: 'Receiving',
        email: options.email ?? `dock${++serial}@customer.example`,
        receivesInvoices: true,
      },
    ],
  });
  const item = await stocked(t, 10);
  const logistics = bearer(await t.tokenWith(['logistics', 'sales']));
  const order = await t.inject({
    method: 'POST',
    url: '/api/orders',
    headers: logistics,
    payload: {
      customerId: customer.id,
      lines: [{ productId: item.productId, warehouseId: item.warehouseId, quantity: 2 }],
    },
  });
  expect(order.statusCode, order.body).toBe(201);
  const orderId = order.json().id as string;
  const confirmed = await t.inject({
    method: 'POST',
    url: `/api/orders/${orderId}/confirm`,
    headers: logistics,
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const trackingNumbers = options.trackingNumbers ?? [`TRK${Date.now()}${++serial}`];
  const shipmentId = await shipWholeOrder(t, orderId, carrier.id, trackingNumbers);
  return { shipmentId, orderId, customerId: customer.id, trackingNumbers };
}

/** Takes an order through the shipments part's API: create, pick, pack, ship. */
async function shipWholeOrder(
  t: TestApp,
  orderId: string,
  carrierId: string,
  trackingNumbers: string[],
): Promise<string> {
  const headers = bearer(await t.tokenWith(['logistics']));
  const post = async (url: string, payload: unknown, status = 200) => {
    const response = await t.inject({
      method: 'POST',
      url,
      headers,
      payload: payload as Record<string, unknown>,
    });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
    return response.json();
  };
  const shipment = await post('/api/shipments', { orderId }, 201);
  await post(`/api/shipments/${shipment.id}/pick`, {});
  await post(`/api/shipments/${shipment.id}/pack`, { packages: [{ weightGrams: 1200 }] });
  await post(`/api/shipments/${shipment.id}/ship`, { carrierId, service: 'standard', trackingNumbers });
  return shipment.id as string;
}

export async function tableCounts(db: AnyDb) {
  const count = async (table: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await count('tracking_events'),
    states: await count('shipment_tracking'),
    unmatched: await count('tracking_unmatched'),
    notifications: await count('tracking_notifications'),
    mails: await count('mail_messages'),
  };
}

export async function mailsOf(db: AnyDb, shipmentId: string) {
  return db
    .selectFrom('mail_messages')
    .select(['id', 'subject', 'text_body', 'to_addresses'])
    .where('related_type', '=', 'shipment')
    .where('related_id', '=', shipmentId)
    .orderBy('id')
    .execute();
}
