/** Shared set-up for the shipments tests: a confirmed order of stocked products, a carrier, API helpers. */
import { expect } from 'vitest';
import { createProduct, receiveStockInTx } from '../../src/modules/catalog/index.js';
import { confirmOrder, createOrder, type Order } from '../../src/modules/orders/index.js';
import { createCarrier } from '../../src/modules/shipping/carriers.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, type TestApp } from '../support/app.js';
import { customerOf, stocked } from './orders.support.js';

let serial = 0;

export type Item = Awaited<ReturnType<typeof stocked>>;

/** A confirmed order for these products and quantities (all lines from the first product's warehouse). */
export async function confirmedOrder(
  t: TestApp,
  lines: { item: Item; quantity: number }[],
  customerBody: Record<string, unknown> = {},
): Promise<Order> {
  const customer = await customerOf(t, customerBody);
  const order = await createOrder(t.ctx, t.adminActor, {
    customerId: customer.id,
    lines: lines.map((l) => ({
      productId: l.item.productId,
      warehouseId: l.item.warehouseId,
      quantity: l.quantity,
    })),
    incotermPlace: null,
    customerReference: `PO-${++serial}`,
    notes: null,
  });
  return confirmOrder(t.ctx, t.adminActor, order.id);
}

export { stocked };

/** Another product with `onHand` units in an existing warehouse (orders with several lines from one warehouse). */
export async function stockedIn(
  t: TestApp,
  warehouseId: string,
  onHand: number,
  price = 1000,
): Promise<Item> {
  const product = await createProduct(t.ctx, t.adminActor, {
    sku: `SHP-${++serial}-${Date.now()}`,
    name: `Shipped item ${serial}`,
    unit: 'pcs',
    weightGrams: 250,
    hsCode: '691200',
    countryOfOrigin: 'PT',
    price: { amount: price, currency: 'EUR' },
    active: true,
  });
  if (onHand > 0)
    await transaction(t.ctx, t.adminActor, (tx) =>
      receiveStockInTx(tx, { productId: product.id, warehouseId, quantity: onHand }),
    );
  return { productId: product.id, warehouseId, sku: product.sku };
}

export async function carrierOf(t: TestApp, body: Record<string, unknown> = {}) {
  const { carrier } = await createCarrier(t.ctx, t.adminActor, {
    code: `CAR-${++serial}-${Date.now() % 100000}`,
    name: `Carrier ${serial}`,
    scac: 'TSTC',
    trackingUrlTemplate: 'https://track.example.com/t/{trackingNumber}?ref=duely',
    webhookFormat: 'duely',
    active: true,
    ...body,
  });
  return carrier;
}

export function api(t: TestApp) {
  const call = async (method: 'GET' | 'POST', url: string, payload?: object, roles: Role[] = ['logistics']) =>
    t.inject({
      method,
      url,
      headers: bearer(await t.tokenWith(roles)),
      ...(payload !== undefined ? { payload } : {}),
    });
  const ok = async (method: 'GET' | 'POST', url: string, payload?: object, status = 200, roles?: Role[]) => {
    const response = await call(method, url, payload, roles);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  return { call, ok };
}

export const trackingNumber = () => `TN${Date.now().toString(36).toUpperCase()}${++serial}`;
