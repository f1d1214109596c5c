import { expect, type Page, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

const POLICY = 'Browser follow-up';

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

test('a policy sends the first reminder', async ({ page }) => {
  await signInAsAdmin(page, '/followup/policies');
  await expect(page.getByRole('heading', { name: 'Follow-up policies' })).toBeVisible();

  // Through the API: a policy with a custom English reminder, a customer following it with a reminder
  // contact, and an invoice issued last year (long overdue).
  const policy = await call<{ id: string }>(page, 'POST', '/api/followup/policies', {
    name: POLICY,
    steps: [
      {
        name: 'First reminder',
        offsetDays: 3,
        tone: 'friendly',
        actions: [
          {
            type: 'reminder',
            templates: {
              en: {
                subject: 'Browser reminder: {{invoiceNumbers}}',
                body: 'Hello {{customerName}},\n\n{{invoiceList}}\n\nTotal: {{totalOverdue}}',
              },
            },
          },
        ],
      },
    ],
  });
  const customer = await call<{ id: string; legalName: string }>(page, 'POST', '/api/customers', {
    legalName: 'Reminder Test SARL',
    billingAddress: { line1: '2 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' },
    currency: 'EUR',
    language: 'en',
    paymentTerms: { kind: 'net', days: 30 },
    contacts: [
      {
        name: 'Accounts',
        email: 'ap@reminder-test.example',
        receivesInvoices: true,
        receivesReminders: true,
      },
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
    issueDate: '2025-11-03',
    lines: [
      { description: 'Pallet of cups', quantity: '1', unitPrice: '250.00', taxCategory: 'Z', taxRate: '0' },
    ],
  });
  const invoice = await call<{ id: string; number: string }>(
    page,
    'POST',
    `/api/invoices/${draft.id}/issue`,
    {
      issueDate: '2025-11-03',
    },
  );

  // The worker turns the issued invoice into a follow-up item; the preview then shows the reminder.
  await expect
    .poll(
      async () =>
        (await call<RunResult>(page, 'GET', `/api/followup/preview?customerId=${customer.id}`)).actions.map(
          (a) => `${a.kind}:${a.stepName}`,
        ),
      { timeout: 20_000 },
    )
    .toEqual(['reminder:First reminder']);

  // The policies page lists the policy; its preview table shows what the next run would do.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Policies' })).toContainText(POLICY);
  await expect(page.getByRole('table', { name: 'Preview of the next run' })).toContainText(invoice.number);

  // Run now (for this customer), twice: the reminder goes once.
  const first = await call<RunResult>(page, 'POST', '/api/followup/run', { customerId: customer.id });
  expect(first.messages).toBe(1);
  const second = await call<RunResult>(page, 'POST', '/api/followup/run', { customerId: customer.id });
  expect(second.messages).toBe(0);

  // The customer's timeline shows the reminder with its message.
  await page.goto(`/receivables/customers/${customer.id}`);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(
    page.getByLabel('Follow-up settings').getByRole('combobox', { name: 'Follow-up policy' }),
  ).toHaveValue(POLICY);
  const timeline = page.getByLabel('Follow-up timeline');
  await expect(timeline).toContainText(`Reminder sent: Browser reminder: ${invoice.number}`);
  await timeline.getByRole('button', { name: 'Show the message' }).click();
  const message = page.getByLabel(`Message: Browser reminder: ${invoice.number}`);
  await expect(message).toContainText('Hello Reminder Test SARL');
  await expect(message).toContainText('ap@reminder-test.example');

  // And the mail log has it.
  await page.goto('/settings/mail');
  await expect(page.getByText(`Browser reminder: ${invoice.number}`)).toBeVisible();

  // A call logged from the timeline shows up on it.
  await page.goto(`/receivables/customers/${customer.id}`);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('button', { name: 'Log call or note' }).click();
  const log = page.getByRole('dialog', { name: 'Log a call or a note' });
  await log.getByRole('textbox', { name: 'Contact' }).fill('Anne Martin');
  await log.getByRole('textbox', { name: 'What was said' }).fill('Will pay next week');
  await log.getByRole('button', { name: 'Log call' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByLabel('Follow-up timeline')).toContainText('Call with Anne Martin: reached');
});

test('the policy editor names each fault on its field, and a promise from the invoice page pauses the reminder', async ({
  page,
}) => {
  await signInAsAdmin(page, '/followup/policies');
  await page.getByRole('button', { name: 'New policy' }).click();
  await expect(page.getByRole('heading', { name: 'New follow-up policy' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Editor test');
  const step1 = page.getByLabel('Step 1', { exact: true });
  await step1.getByRole('checkbox', { name: /Custom EN template/ }).check();
  await step1.getByRole('textbox', { name: 'Subject' }).fill('Hello {{nope}}');
  await step1.getByRole('textbox', { name: 'Body' }).fill('Please pay {{invoiceList}}');
  await page.getByRole('button', { name: 'Add step' }).click();
  const step2 = page.getByLabel('Step 2', { exact: true });
  await step2.getByRole('textbox', { name: /Offset/ }).fill('1');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert')).toContainText('The policy was not saved');
  await expect(step1).toContainText('unknown template variable {{nope}}');
  await expect(step2).toContainText('overlaps step 1');

  await step1.getByRole('textbox', { name: 'Subject' }).fill('Hello {{customerName}}');
  await step2.getByRole('textbox', { name: /Offset/ }).fill('15');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('heading', { name: 'Follow-up policies' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Policies' })).toContainText('Editor test');

  // An overdue invoice (by API) that the default policy would remind today.
  const customer = await call<{ id: string }>(page, 'POST', '/api/customers', {
    legalName: 'Promise Test SAS',
    billingAddress: { line1: '3 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' },
    currency: 'EUR',
    language: 'en',
    paymentTerms: { kind: 'net', days: 30 },
    contacts: [
      { name: 'Accounts', email: 'ap@promise-test.example', receivesInvoices: true, receivesReminders: true },
    ],
  });
  const draft = await call<{ id: string }>(page, 'POST', '/api/invoices', {
    kind: 'invoice',
    customerId: customer.id,
    currency: 'EUR',
    issueDate: '2025-11-04',
    lines: [{ description: 'Saucers', quantity: '1', unitPrice: '80.00', taxCategory: 'Z', taxRate: '0' }],
  });
  const invoice = await call<{ id: string; number: string }>(
    page,
    'POST',
    `/api/invoices/${draft.id}/issue`,
    {
      issueDate: '2025-11-04',
    },
  );
  const planned = async () =>
    (await call<RunResult>(page, 'GET', `/api/followup/preview?customerId=${customer.id}`)).actions.length;
  await expect.poll(planned, { timeout: 20_000 }).toBeGreaterThan(0);

  // The customer calls and promises to pay: recorded from the invoice page, the reminder is off.
  await page.goto(`/receivables/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Promise to pay' }).click();
  const modal = page.getByRole('dialog', { name: 'Record a promise to pay' });
  await modal.getByRole('textbox', { name: /Amount/ }).fill('80.00');
  await modal.getByRole('textbox', { name: 'Who promised' }).fill('Paul Durand');
  await modal.getByRole('button', { name: 'Record promise' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await planned()).toBe(0);
  // The invoice's follow-up panel names what pauses it.
  await expect(page.getByLabel('Follow-up', { exact: true })).toContainText('Promise to pay');
  await expect(page.getByLabel('Follow-up', { exact: true })).toContainText('Paul Durand');

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Promises' }).click();
  const row = page
    .getByRole('table', { name: 'Promises to pay' })
    .getByRole('row')
    .filter({ hasText: invoice.number });
  await expect(row).toContainText('Paul Durand');
  await expect(row).toContainText('open');
});
