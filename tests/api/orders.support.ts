/** Shared set-up for the orders tests: a customer, priced products with stock, and API helpers. */
import { expect } from 'vitest';
import { createProduct, createWarehouse, receiveStockInTx } from '../../src/modules/catalog/index.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, type TestApp } from '../support/app.js';

let serial = 0;

export async function customerOf(t: TestApp, body: Record<string, unknown> = {}) {
  const response = await t.inject({
    method: 'POST',
    url: '/api/customers',
    headers: bearer(await t.tokenWith(['sales'])),
    payload: {
      legalName: `Order Customer ${++serial}`,
      billingAddress: { line1: '12 rue du Faubourg', postalCode: '69002', city: 'Lyon', country: 'FR' },
      currency: 'EUR',
      ...body,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; code: string };
}

/** A product priced `price` cents EUR with `onHand` units in a fresh warehouse. */
export async function stocked(t: TestApp, onHand: number, price = 1000) {
  serial++;
  const sku = `ORD-${serial}-${Date.now()}`;
  const product = await createProduct(t.ctx, t.adminActor, {
    sku,
    name: `Item ${serial}`,
    unit: 'pcs',
    price: { amount: price, currency: 'EUR' },
    active: true,
  });
  const warehouse = await createWarehouse(t.ctx, t.adminActor, {
    code: `OW${serial}-${Date.now() % 100000}`,
    name: 'W',
    address: { line1: 'x', line2: null, postalCode: null, city: 'Lyon', region: null, country: 'FR' },
    active: true,
  });
  if (onHand > 0)
    await transaction(t.ctx, t.adminActor, (tx) =>
      receiveStockInTx(tx, { productId: product.id, warehouseId: warehouse.id, quantity: onHand }),
    );
  return { productId: product.id, warehouseId: warehouse.id, sku: product.sku };
}
