import { createHash } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { signDuelyWebhook } from '../../src/modules/shipping/signatures.js';
import { signInAsAdmin } from './helpers.js';

const SKU = 'SHIP-MUG-350';
const GTIN = '4006381333931';
const CARRIER = { code: 'tparcel', name: 'Test Parcel', secret: 'whsec_browser_test_secret_0001' };
const TRACKING_NUMBER = '1ZBROWSER0001';

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

test.setTimeout(180_000);

test('confirm an order, pack and ship part of it, print the label, post a signed tracking webhook, and see it on the timeline', async ({
  page,
  context,
}) => {
  await signInAsAdmin(page, '/dispatch');

  // Data the UI is not the point of, through the API: a warehouse with 10 mugs, a customer, a carrier
  // with a known webhook secret, and a draft order for 6 mugs.
  const warehouse = await call<{ id: string }>(page, 'POST', '/api/warehouses', {
    code: 'ship-1',
    name: 'Shipping test warehouse',
    address: { line1: '1 rue du Port', city: 'Lyon', country: 'FR' },
  });
  const product = await call<{ id: string }>(page, 'POST', '/api/products', {
    sku: SKU,
    name: 'Enamel mug 350 ml',
    gtin: GTIN,
    weightGrams: 300,
    price: { amount: 1250, currency: 'EUR' },
  });
  await call(page, 'POST', '/api/stock/receipts', {
    productId: product.id,
    warehouseId: warehouse.id,
    quantity: 10,
  });
  const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
    legalName: 'Shipping Test SAS',
    billingAddress: { line1: '8 rue Mercière', city: 'Lyon', postalCode: '69002', country: 'FR' },
    currency: 'EUR',
  });
  await call(page, 'POST', '/api/carriers', {
    code: CARRIER.code,
    name: CARRIER.name,
    scac: 'TPCL',
    trackingUrlTemplate: 'https://track.example.com/?n={trackingNumber}',
    webhookFormat: 'duely',
    webhookSecret: CARRIER.secret,
  });
  const order = await call<{ id: string }>(page, 'POST', '/api/orders', {
    customerId: customer.id,
    promisedShipDate: '2026-12-10',
    lines: [{ productId: product.id, warehouseId: warehouse.id, quantity: 6 }],
  });

  // Confirm the order in the UI: it is numbered and its 6 units are reserved.
  await page.goto(`/dispatch/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: 'Draft order' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page.getByRole('dialog', { name: 'Confirm order' }).getByRole('button', { name: 'Confirm' }).click();
  const orderHeading = page.getByRole('heading', { name: /^Order SO-\d{4}-\d{6}$/ });
  await expect(orderHeading).toBeVisible();
  const orderNumber = ((await orderHeading.textContent()) ?? '').replace('Order ', '');
  const line = page.getByRole('table', { name: 'Lines' }).getByRole('row').filter({ hasText: SKU });
  await expect(line.locator('[data-column="reserved"]')).toHaveText('6');
  await expect(line.locator('[data-column="backordered"]')).toHaveText('0');

  // A shipment of 4 of the 6: the other 2 stay open on the order.
  await page.getByRole('button', { name: 'Create shipment' }).click();
  const create = page.getByRole('dialog', { name: 'Create shipment' });
  await create.getByRole('textbox', { name: `${SKU} units to ship` }).fill('4');
  await create.getByRole('button', { name: 'Create shipment' }).click();
  // Creating, packing and shipping render and archive PDFs: the first render loads fonts, so allow time.
  const rendering = { timeout: 30_000 };
  const shipmentHeading = page.getByRole('heading', { name: /^Shipment SHP-\d{4}-\d{6}$/ });
  await expect(shipmentHeading).toBeVisible(rendering);
  const shipmentNumber = ((await shipmentHeading.textContent()) ?? '').replace('Shipment ', '');
  const shipmentId = page.url().split('/').pop() ?? '';

  // Pick, then pack: scan the GTIN once (1 unit), type "3*SKU" (3 more), weigh the package.
  await page.getByRole('button', { name: 'Mark picked' }).click();
  await page
    .getByRole('dialog', { name: 'Mark picked' })
    .getByRole('button', { name: 'Mark picked' })
    .click();
  const scan = page.getByRole('textbox', { name: 'Scan or type SKU / GTIN' });
  await scan.fill(GTIN);
  await scan.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `+1 ${SKU}` })).toBeVisible();
  await scan.fill('NOPE-404');
  await scan.press('Enter');
  await expect(page.getByText('No line of this shipment has the SKU or GTIN “NOPE-404”.')).toBeVisible();
  await scan.fill(`3*${SKU}`);
  await scan.press('Enter');
  const toPack = page.getByRole('table', { name: 'Units to pack' }).getByRole('row').filter({ hasText: SKU });
  await expect(toPack.locator('[data-column="packed"]')).toHaveText('4 / 4');
  await page.getByRole('textbox', { name: 'Package 1 weight (kg)' }).fill('1.45');
  await page.getByRole('button', { name: 'Pack 1 package' }).click();
  await expect(page.getByRole('table', { name: 'Packages' })).toContainText('1.45 kg', rendering);

  // Ship with the carrier: a tracking number with a space is refused on its field, then corrected.
  const ship = page.getByLabel('Ship', { exact: true });
  await ship.getByRole('combobox', { name: 'Carrier' }).click();
  await page.getByRole('option', { name: `${CARRIER.name} (${CARRIER.code})` }).click();
  await ship.getByRole('textbox', { name: 'Service' }).fill('Ground');
  const trackingField = ship.getByRole('textbox', { name: 'Tracking number' });
  await trackingField.fill('1Z BROWSER');
  await ship.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(trackingField).toHaveAttribute('aria-invalid', 'true', rendering);
  await expect(ship.getByText(/^Must be 4–40/)).toBeVisible();
  await trackingField.fill(TRACKING_NUMBER);
  await ship.getByRole('button', { name: 'Ship', exact: true }).click();
  await expect(page.getByRole('link', { name: TRACKING_NUMBER })).toHaveAttribute(
    'href',
    `https://track.example.com/?n=${TRACKING_NUMBER}`,
    rendering,
  );
  await expect(page.getByLabel('Ship', { exact: true })).toHaveCount(0);

  // Print the label: the PDF opens in a new tab and the server serves it.
  const documents = page.getByRole('table', { name: 'Shipment documents' });
  await expect(documents).toContainText('Shipping label (ZPL) — package 1');
  const served = context.waitForEvent('response', (r) => /\/api\/shipments\/.+\/documents\//.test(r.url()));
  await documents.getByRole('link', { name: 'Print Shipping label (PDF) — package 1' }).click();
  const label = await served;
  expect(label.status()).toBe(200);
  expect(label.headers()['content-type']).toContain('application/pdf');
  // The bytes served are the archived PDF: they start as a PDF and hash to the archived SHA-256.
  const bytes = await page.request.get(label.url());
  const pdf = await bytes.body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(bytes.headers()['x-content-sha256']);

  // The order: 4 shipped, 2 still open, partially shipped.
  await page.getByRole('link', { name: orderNumber }).click();
  await expect(page.getByText('Partially shipped')).toBeVisible();
  await expect(line.locator('[data-column="shipped"]')).toHaveText('4');

  // The carrier posts a signed tracking update (Duely's generic format) to its webhook URL.
  const body = JSON.stringify({
    events: [
      {
        eventId: 'tparcel-browser-0001',
        trackingNumber: TRACKING_NUMBER,
        carrier: CARRIER.code,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        status: 'out_for_delivery',
        substatus: 'with_courier',
        location: 'Lyon, FR',
        rawCode: 'OFD',
        rawText: 'Out for delivery in Lyon',
      },
    ],
  });
  const signature = signDuelyWebhook(CARRIER.secret, body, Math.floor(Date.now() / 1000));
  const unsigned = await page.request.post(`/api/webhooks/tracking/${CARRIER.code}`, {
    headers: {
      'content-type': 'application/json',
      'x-duely-signature': signature.replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`),
    },
    data: body,
  });
  expect(unsigned.status()).toBe(401);
  const webhook = await page.request.post(`/api/webhooks/tracking/${CARRIER.code}`, {
    headers: { 'content-type': 'application/json', 'x-duely-signature': signature },
    data: body,
  });
  expect(webhook.status(), await webhook.text()).toBe(200);
  expect(await webhook.json()).toMatchObject({ received: 1, applied: 1, unmatched: 0 });

  // The shipment's timeline shows the event, normalised, with the carrier's own code and text.
  await page.goto(`/dispatch/shipments/${shipmentId}`);
  const tracking = page.getByLabel('Tracking', { exact: true });
  await expect(tracking.getByLabel('Tracking state')).toContainText('Out for delivery', rendering);
  const event = tracking.getByTestId('tracking-event');
  await expect(event).toHaveCount(1);
  await expect(event).toContainText('Out for delivery');
  await expect(event).toContainText('with courier');
  await expect(event).toContainText('Lyon, FR');
  await expect(event).toContainText('OFD — Out for delivery in Lyon');
  await expect(event).toContainText('carrier webhook');

  // The customer phones to say it arrived: a delivery entered by hand joins the timeline on top.
  await tracking.getByRole('button', { name: 'Add tracking event' }).click();
  const manual = page.getByRole('dialog', { name: 'Add tracking event' });
  await expect(manual.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('Delivered');
  await manual.getByRole('textbox', { name: 'Note' }).fill('Customer phoned: received');
  await manual.getByRole('button', { name: 'Add event' }).click();
  await expect(manual).toHaveCount(0);
  await expect(tracking.getByLabel('Tracking state')).toContainText('Delivered');
  await expect(event).toHaveCount(2);
  await expect(event.first()).toContainText('entered by hand');
  await expect(event.first()).toContainText('Customer phoned: received');

  // An update under a mistyped number is kept for review, then linked to this shipment from the review page.
  const typo = JSON.stringify({
    events: [
      {
        eventId: 'tparcel-browser-typo-1',
        trackingNumber: '1ZBR0WSER0001',
        carrier: CARRIER.code,
        occurredAt: new Date(Date.now() - 120_000).toISOString(),
        status: 'in_transit',
        location: 'Villefranche, FR',
        rawCode: 'IT',
        rawText: 'In transit to the delivery depot',
      },
    ],
  });
  const kept = await page.request.post(`/api/webhooks/tracking/${CARRIER.code}`, {
    headers: {
      'content-type': 'application/json',
      'x-duely-signature': signDuelyWebhook(CARRIER.secret, typo, Math.floor(Date.now() / 1000)),
    },
    data: typo,
  });
  expect(await kept.json()).toMatchObject({ received: 1, unmatched: 1 });
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Tracking review' })
    .click();
  await page
    .getByRole('table', { name: 'Unmatched tracking numbers' })
    .getByRole('button', { name: '1ZBR0WSER0001' })
    .click();
  const review = page.getByRole('dialog', { name: 'Tracking number 1ZBR0WSER0001' });
  await review.getByRole('combobox', { name: 'Shipment' }).click();
  await page
    .getByRole('option', {
      name: new RegExp(`^${shipmentNumber} `),
    })
    .click();
  await review.getByRole('button', { name: 'Link and apply' }).click();
  await expect(review).toHaveCount(0);
  await page.goto(`/dispatch/shipments/${shipmentId}`);
  await expect(event).toHaveCount(3, rendering);
  await expect(tracking.getByLabel('Tracking state')).toContainText('Delivered');
  await expect(event.nth(2)).toContainText('IT — In transit to the delivery depot');
});

test('create an order in the form, add a carrier and its secret, dismiss an unmatched tracking update, import tracking CSV', async ({
  page,
}) => {
  await signInAsAdmin(page, '/dispatch/orders');
  const warehouse = await call<{ id: string }>(page, 'POST', '/api/warehouses', {
    code: 'ship-2',
    name: 'Order form warehouse',
    address: { line1: '2 rue du Port', city: 'Lyon', country: 'FR' },
  });
  await call(page, 'POST', '/api/products', {
    sku: 'SHIP-PLATE-01',
    name: 'Stoneware plate 27 cm',
    price: { amount: 990, currency: 'EUR' },
  });
  await call(page, 'POST', '/api/customers', {
    legalName: 'Order Form Test SARL',
    billingAddress: { line1: '3 place Bellecour', city: 'Lyon', country: 'FR' },
    currency: 'EUR',
  });
  expect(warehouse.id).toBeTruthy();

  // A draft order through the form: a quantity of 0 is refused on its cell, then corrected.
  await page.getByRole('button', { name: 'New order' }).click();
  const editor = page.getByRole('form', { name: 'Order editor' });
  await editor.getByRole('combobox', { name: 'Customer' }).fill('Order Form Test');
  await page.getByRole('option', { name: /^Order Form Test SARL/ }).click();
  await editor.getByRole('textbox', { name: 'Customer reference' }).fill('PO-7781');
  await editor.getByRole('textbox', { name: 'Promised ship date' }).fill('2026-12-15');
  await editor.getByRole('combobox', { name: 'Line 1 product' }).fill('SHIP-PLATE');
  await page.getByRole('option', { name: 'SHIP-PLATE-01 — Stoneware plate 27 cm' }).click();
  await editor.getByRole('combobox', { name: 'Line 1 warehouse' }).click();
  await page.getByRole('option', { name: /^SHIP-2/ }).click();
  const quantity = editor.getByRole('textbox', { name: 'Line 1 quantity' });
  await quantity.fill('0');
  await editor.getByRole('button', { name: 'Create draft' }).click();
  await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByText('Must be at least 1')).toBeVisible();
  await quantity.fill('12');
  await editor.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { name: 'Draft order' })).toBeVisible();
  const line = page
    .getByRole('table', { name: 'Lines' })
    .getByRole('row')
    .filter({ hasText: 'SHIP-PLATE-01' });
  await expect(line.locator('[data-column="ordered"]')).toHaveText('12 pcs');
  await expect(page.getByLabel('Summary')).toContainText('PO-7781');

  // A carrier in the settings page: a bad code is named on its field; the secret is shown once.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Carriers' }).click();
  await page.getByRole('button', { name: 'New carrier' }).click();
  const form = page.getByRole('dialog', { name: 'New carrier' });
  await form.getByRole('textbox', { name: 'Code' }).fill('Bad code!');
  await form.getByRole('textbox', { name: 'Carrier name' }).fill('Review Post');
  await form.getByRole('button', { name: 'Add carrier' }).click();
  await expect(form.getByRole('textbox', { name: 'Code' })).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('textbox', { name: 'Code' }).fill('review-post');
  await form.getByRole('button', { name: 'Add carrier' }).click();
  const secretStep = page.getByRole('dialog', { name: 'Webhook secret' });
  const secret = (
    (await secretStep.getByLabel('Webhook secret', { exact: true }).textContent()) ?? ''
  ).trim();
  expect(secret).toMatch(/^whsec_/);
  await expect(secretStep.getByLabel('Webhook URL of review-post')).toContainText(
    '/api/webhooks/tracking/review-post',
  );
  await secretStep.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Carriers' })).toContainText('Review Post');

  // An update for a number no shipment has is kept for review, then dismissed with a reason.
  const body = JSON.stringify({
    events: [
      {
        trackingNumber: 'NOSUCH-0001',
        carrier: 'review-post',
        occurredAt: '2026-12-04T09:15:00+01:00',
        status: 'in_transit',
        rawCode: 'AR',
        rawText: 'Arrived at facility',
      },
    ],
  });
  const webhook = await page.request.post('/api/webhooks/tracking/review-post', {
    headers: {
      'content-type': 'application/json',
      'x-duely-signature': signDuelyWebhook(secret, body, Math.floor(Date.now() / 1000)),
    },
    data: body,
  });
  expect(webhook.status(), await webhook.text()).toBe(200);
  expect(await webhook.json()).toMatchObject({ received: 1, unmatched: 1 });
  await nav.getByRole('link', { name: 'Tracking review' }).click();
  const unmatched = page.getByRole('table', { name: 'Unmatched tracking numbers' });
  await unmatched.getByRole('button', { name: 'NOSUCH-0001' }).click();
  const drawer = page.getByRole('dialog', { name: 'Tracking number NOSUCH-0001' });
  await expect(drawer.getByRole('table', { name: 'Unmatched events' })).toContainText('Arrived at facility');
  await drawer.getByRole('textbox', { name: 'Reason' }).fill('Not our parcel');
  await drawer.getByRole('button', { name: 'Dismiss' }).click();
  await expect(drawer).toHaveCount(0);
  await expect(unmatched).not.toContainText('NOSUCH-0001');
  await page.locator('label[for$="-dismissed"]').click();
  await expect(unmatched).toContainText('NOSUCH-0001');

  // A CSV of tracking events: the preview names a bad line and applies nothing; the fixed file imports.
  await page.getByRole('button', { name: 'Import tracking CSV' }).click();
  const importer = page.getByRole('dialog', { name: 'Import tracking events from CSV' });
  const header = 'carrier,tracking_number,occurred_at,status,raw_text\n';
  await importer.locator('input[type="file"]').setInputFiles({
    name: 'tracking.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}review-post,NOSUCH-0002,yesterday,in_transit,Departed\n`),
  });
  await expect(importer.getByRole('list', { name: 'Line errors' })).toContainText('Line 2');
  await expect(importer.getByRole('button', { name: 'Apply import' })).toBeDisabled();
  await importer.locator('input[type="file"]').setInputFiles({
    name: 'tracking-fixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}review-post,NOSUCH-0002,2026-12-04T10:00:00Z,in_transit,Departed\n`),
  });
  await expect(importer.getByLabel('Import summary')).toContainText('1 unmatched');
  await importer.getByRole('button', { name: 'Apply import' }).click();
  await expect(importer.getByText('Import complete')).toBeVisible();
  await importer.getByRole('button', { name: 'Done' }).click();
  await page.locator('label[for$="-open"]').click();
  await expect(unmatched).toContainText('NOSUCH-0002');
});
