import { expect, type Page, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

/** A JSON API call as the signed-in user (session cookie and CSRF token of the page's context). */
async function call<T>(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
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

interface RunResult {
  messages: number;
  actions: { invoiceId: string; kind: string; stepName: string }[];
}

test.setTimeout(120_000);

test('a dispute pauses it', async ({ page }) => {
  await signInAsAdmin(page, '/receivables/disputes');
  await expect(page.getByRole('heading', { name: 'Disputes' })).toBeVisible();

  // Through the API: a policy that reminds 3 days after the due date, a customer following it, and an
  // invoice issued last year (long overdue) — the next run would remind it.
  const policy = await call<{ id: string }>(page, 'POST', '/api/followup/policies', {
    name: 'Dispute pause policy',
    steps: [{ name: 'Reminder', offsetDays: 3, tone: 'friendly', actions: [{ type: 'reminder' }] }],
  });
  const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
    legalName: 'Disputing Customer SARL',
    billingAddress: { line1: '5 rue des Halles', postalCode: '75001', city: 'Paris', country: 'FR' },
    currency: 'EUR',
    language: 'en',
    paymentTerms: { kind: 'net', days: 30 },
    contacts: [
      { name: 'AP', email: 'ap@disputing.example', receivesInvoices: true, receivesReminders: true },
    ],
  });
  await call(page, 'PUT', `/api/followup/customers/${customer.id}/settings`, {
    policyId: policy.id,
    excluded: false,
  });
  const draft = await call<{ id: string }>(page, 'POST', '/api/invoices', {
    kind: 'invoice',
    customerId: customer.id,
    currency: 'EUR',
    issueDate: '2025-10-06',
    lines: [
      { description: 'Crates of plates', quantity: '2', unitPrice: '180.00', taxCategory: 'Z', taxRate: '0' },
    ],
  });
  const invoice = await call<{ id: string; number: string }>(
    page,
    'POST',
    `/api/invoices/${draft.id}/issue`,
    {
      issueDate: '2025-10-06',
    },
  );
  const preview = async () =>
    (await call<RunResult>(page, 'GET', `/api/followup/preview?customerId=${customer.id}`)).actions
      .filter((a) => a.invoiceId === invoice.id)
      .map((a) => a.kind);
  await expect.poll(preview, { timeout: 20_000 }).toEqual(['reminder']);

  // Open the dispute from the invoice page: a bad amount is named on its field, then corrected.
  await page.goto(`/receivables/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Open dispute' }).click();
  const form = page.getByRole('dialog', { name: `Open a dispute on ${invoice.number}` });
  await form.getByRole('textbox', { name: 'Disputed amount (EUR)' }).fill('500.00');
  await form.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Damaged goods' }).click();
  await form
    .getByRole('textbox', { name: 'What the customer says' })
    .fill('Half of the plates arrived broken');
  await form.getByRole('button', { name: 'Open dispute' }).click();
  await expect(form.getByText('Is more than the open amount (€360.00)')).toBeVisible();
  await form.getByRole('textbox', { name: 'Disputed amount (EUR)' }).fill('180.00');
  await form.getByRole('button', { name: 'Open dispute' }).click();

  // The case: open, on the invoice, with its timeline.
  await expect(page.getByRole('heading', { name: /^Dispute DSP-\d{4}-\d{6}$/ })).toBeVisible();
  await expect(page.getByLabel('Case')).toContainText('€180.00');
  await expect(page.getByLabel('Timeline')).toContainText('Half of the plates arrived broken');

  // The next run no longer reminds the disputed invoice; a run sends nothing for it.
  await expect.poll(preview, { timeout: 20_000 }).toEqual([]);
  const run = await call<RunResult>(page, 'POST', '/api/followup/run', { customerId: customer.id });
  expect(run.actions.filter((a) => a.invoiceId === invoice.id)).toEqual([]);

  // A comment on the timeline, then it is under investigation.
  await page.getByRole('textbox', { name: 'Add a comment' }).fill('Photos requested from the customer');
  await page.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByLabel('Timeline')).toContainText('Photos requested from the customer');
  await page.getByRole('button', { name: 'Start investigating' }).click();
  await expect(page.getByLabel('Dispute investigating')).toBeVisible();

  // Rejecting it resumes the reminders.
  await page.getByRole('button', { name: 'Resolve' }).click();
  const resolve = page.getByRole('dialog', { name: /^Resolve DSP-/ });
  await resolve.getByText('Rejected', { exact: true }).click();
  await resolve.getByRole('textbox', { name: 'Why it is rejected' }).fill('Photos show intact plates');
  await resolve.getByRole('button', { name: 'Reject dispute' }).click();
  await expect(page.getByLabel('Dispute rejected')).toBeVisible();
  await expect.poll(preview, { timeout: 20_000 }).toEqual(['reminder']);

  // The list shows the case.
  await page.goto('/receivables/disputes');
  await page
    .locator('label')
    .filter({ hasText: /^Rejected$/ })
    .click();
  await expect(page.getByRole('table', { name: 'Disputes' })).toContainText(invoice.number);
});

test('a hold blocks shipping', async ({ page }) => {
  await signInAsAdmin(page, '/dispatch');

  // Through the API: stock, a customer, a carrier, a confirmed order and a packed shipment.
  const warehouse = await call<{ id: string }>(page, 'POST', '/api/warehouses', {
    code: 'hold-1',
    name: 'Hold test warehouse',
    address: { line1: '2 rue du Port', city: 'Lyon', country: 'FR' },
  });
  const product = await call<{ id: string }>(page, 'POST', '/api/products', {
    sku: 'HOLD-BOWL-1',
    name: 'Serving bowl',
    weightGrams: 800,
    price: { amount: 2400, currency: 'EUR' },
  });
  await call(page, 'POST', '/api/stock/receipts', {
    productId: product.id,
    warehouseId: warehouse.id,
    quantity: 5,
  });
  const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
    legalName: 'Held Customer SAS',
    billingAddress: { line1: '9 place Bellecour', city: 'Lyon', postalCode: '69002', country: 'FR' },
    currency: 'EUR',
  });
  await call(page, 'POST', '/api/carriers', { code: 'hparcel', name: 'Hold Parcel', webhookFormat: 'duely' });
  const draft = await call<{ id: string }>(page, 'POST', '/api/orders', {
    customerId: customer.id,
    lines: [{ productId: product.id, warehouseId: warehouse.id, quantity: 2 }],
  });
  const order = await call<{ id: string; number: string }>(page, 'POST', `/api/orders/${draft.id}/confirm`);
  const shipment = await call<{ id: string }>(page, 'POST', '/api/shipments', { orderId: order.id });
  await call(page, 'POST', `/api/shipments/${shipment.id}/pick`);
  await call(page, 'POST', `/api/shipments/${shipment.id}/pack`, { packages: [{ weightGrams: 1700 }] });

  // Put the customer on hold from its page, with a reason.
  await page.goto(`/receivables/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Put on hold' }).click();
  const hold = page.getByRole('dialog', { name: 'Put the customer on credit hold' });
  await hold.getByRole('textbox', { name: 'Reason' }).fill('Two cheques bounced this month');
  await hold.getByRole('button', { name: 'Put on hold' }).click();
  await expect(page.getByRole('alert', { name: 'Credit hold' })).toContainText(
    'Two cheques bounced this month',
  );

  // The order shows it.
  await page.goto(`/dispatch/orders/${order.id}`);
  await expect(page.getByRole('alert', { name: 'Credit hold' })).toContainText(
    'Customer on credit hold: this order cannot ship',
  );

  // Shipping is refused with the reason.
  await page.goto(`/dispatch/shipments/${shipment.id}`);
  const ship = page.getByLabel('Ship', { exact: true });
  await ship.getByRole('combobox', { name: 'Carrier' }).click();
  await page.getByRole('option', { name: 'Hold Parcel (hparcel)' }).click();
  await ship.getByRole('textbox', { name: 'Service' }).fill('Ground');
  await ship.getByRole('textbox', { name: 'Tracking number' }).fill('HOLD-0001');
  await ship.getByRole('button', { name: 'Ship', exact: true }).click();
  const refusal = ship.getByRole('alert').filter({ hasText: 'Customer on credit hold' });
  await expect(refusal).toContainText('Two cheques bounced this month', { timeout: 30_000 });
  const after = await call<{ status: string }>(page, 'GET', `/api/shipments/${shipment.id}`);
  expect(after.status).toBe('packed');

  // The credit holds list names the customer and the reason.
  await page.goto('/receivables/holds');
  await expect(
    page
      .getByRole('table', { name: 'Credit holds' })
      .getByRole('row')
      .filter({ hasText: 'Held Customer SAS' }),
  ).toContainText('Two cheques bounced this month');

  // An admin sets an overdue threshold there; a bad amount is refused.
  const thresholds = page.getByLabel('Overdue thresholds');
  await thresholds.getByRole('textbox', { name: 'Currency' }).fill('GBP');
  await thresholds.getByRole('textbox', { name: 'Threshold' }).fill('1,000.00');
  await thresholds.getByRole('button', { name: 'Save threshold' }).click();
  await expect(thresholds.getByRole('table', { name: 'Thresholds' })).toContainText('£1,000.00');

  // Released with a reason on the customer page: the banner goes.
  await page.goto(`/receivables/customers/${customer.id}`);
  await page.getByRole('alert', { name: 'Credit hold' }).getByRole('button', { name: 'Release' }).click();
  const release = page.getByRole('dialog', { name: 'Release the credit hold' });
  await release.getByRole('textbox', { name: 'Reason' }).fill('Paid by bank transfer');
  await release.getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByRole('alert', { name: 'Credit hold' })).toHaveCount(0);
});
