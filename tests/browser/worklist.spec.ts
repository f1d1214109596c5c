import { expect, type Page, test } from '@playwright/test';
import { signInAsAdmin, submitSignIn } from './helpers.js';

const LOGISTICS = { email: 'lena.logistics@example.com', password: 'Logistics-Password-1' };

/** A JSON API call as the signed-in user (session cookie and CSRF token of the page's context). */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const session = await page.request.get('/api/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrfToken },
    ...(body === undefined ? {} : { data: body }),
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.setTimeout(120_000);

test('a late shipment appears on the logistics worklist', async ({ page, context }) => {
  await signInAsAdmin(page, '/');

  // Through the API: stock, a customer, a carrier, and an order that should already have been delivered,
  // shipped today — so the shipment is late.
  const warehouse = await call<{ id: string }>(page, 'POST', '/api/warehouses', {
    code: 'late-1',
    name: 'Worklist test warehouse',
    address: { line1: '1 rue du Port', city: 'Lyon', country: 'FR' },
  });
  const product = await call<{ id: string }>(page, 'POST', '/api/products', {
    sku: 'LATE-BOWL-1',
    name: 'Stoneware bowl',
    price: { amount: 900, currency: 'EUR' },
  });
  await call(page, 'POST', '/api/stock/receipts', {
    productId: product.id,
    warehouseId: warehouse.id,
    quantity: 5,
  });
  const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
    legalName: 'Late Delivery SARL',
    billingAddress: { line1: '8 rue Mercière', city: 'Lyon', postalCode: '69002', country: 'FR' },
    currency: 'EUR',
  });
  const carrier = await call<{ carrier: { id: string } }>(page, 'POST', '/api/carriers', {
    code: 'slowpost',
    name: 'Slow Post',
    webhookFormat: 'duely',
  });
  const order = await call<{ id: string }>(page, 'POST', '/api/orders', {
    customerId: customer.id,
    promisedShipDate: daysFromToday(-5),
    requestedDeliveryDate: daysFromToday(-1),
    lines: [{ productId: product.id, warehouseId: warehouse.id, quantity: 2 }],
  });
  await call(page, 'POST', `/api/orders/${order.id}/confirm`);
  const shipment = await call<{ id: string }>(page, 'POST', '/api/shipments', { orderId: order.id });
  await call(page, 'POST', `/api/shipments/${shipment.id}/pick`, {});
  await call(page, 'POST', `/api/shipments/${shipment.id}/pack`, { packages: [{ weightGrams: 800 }] });
  const shipped = await call<{ number: string }>(page, 'POST', `/api/shipments/${shipment.id}/ship`, {
    carrierId: carrier.carrier.id,
    service: 'standard',
    trackingNumbers: ['SLOW0001'],
  });

  // Run the evaluation now (the daily run and the events do the same).
  const evaluated = await call<{ state: { state: string } }>(page, 'POST', '/api/delays/evaluate', {
    entityType: 'shipment',
    id: shipment.id,
  });
  expect(evaluated.state.state).toBe('late');

  await call(page, 'POST', '/api/users', {
    email: LOGISTICS.email,
    name: 'Lena Logistics',
    roles: ['logistics'],
    password: LOGISTICS.password,
  });

  // Sign in as logistics: the home screen is the worklist, and the late shipment is on it.
  await context.clearCookies();
  await page.goto('/');
  await submitSignIn(page, LOGISTICS.email, LOGISTICS.password);
  await expect(page.getByRole('heading', { name: 'Worklist' })).toBeVisible();
  const title = `Shipment ${shipped.number} is late`;
  const row = page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Logistics');
  await expect(row).toContainText('high');

  // The drawer: why, the delay state, and a link to the shipment.
  await row.getByRole('button', { name: title }).click();
  const drawer = page.getByRole('dialog', { name: title });
  await expect(
    drawer.getByText(`Not delivered by the requested delivery date ${daysFromToday(-1)}`).first(),
  ).toBeVisible();
  await expect(drawer.getByLabel('Delay state', { exact: true })).toHaveText('late');
  await expect(drawer.getByRole('link', { name: `shipment ${shipment.id}` })).toBeVisible();

  // Comment and mark it done: it leaves the open list.
  await drawer.getByRole('textbox', { name: 'New comment' }).fill('Carrier says tomorrow morning');
  await drawer.getByRole('button', { name: 'Comment' }).click();
  await expect(drawer.getByText('Carrier says tomorrow morning')).toBeVisible();
  await drawer.getByRole('button', { name: 'Mark done' }).click();
  await expect(drawer.getByText('done', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(row).toHaveCount(0);
});
