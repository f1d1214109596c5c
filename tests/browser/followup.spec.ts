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

test.setTimeout(90_000);

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
