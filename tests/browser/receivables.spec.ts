import { expect, type Page, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

const CUSTOMER = {
  name: 'Receivables Test SARL',
  street: '3 quai Saint-Antoine',
  city: 'Lyon',
  contact: 'Paul Durand',
  email: 'ap@receivables-test.example',
};

/** The aging report's row of our customer, in the report as of today. */
async function openAging(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Reports' })
    .click();
  await expect(page.getByRole('heading', { name: 'Receivables aging' })).toBeVisible();
}

test('create a customer, issue an invoice, record a partial then a final payment, and see the aging change', async ({
  page,
}) => {
  await signInAsAdmin(page, '/receivables/customers');

  // A customer, through the form.
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('dialog', { name: 'New customer' });
  await form.getByRole('textbox', { name: 'Legal name' }).fill(CUSTOMER.name);
  await form.getByRole('textbox', { name: 'Billing street and number' }).fill(CUSTOMER.street);
  await form.getByRole('textbox', { name: 'Billing city' }).fill(CUSTOMER.city);
  await form.getByRole('combobox', { name: 'Billing country' }).fill('France');
  await page.getByRole('option', { name: 'France (FR)' }).click();
  await form.getByRole('textbox', { name: 'Contact name' }).fill(CUSTOMER.contact);
  await form.getByRole('textbox', { name: 'Contact email' }).fill(CUSTOMER.email);
  await form.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER.name })).toBeVisible();

  // A draft invoice with two lines, from the customer's Invoices tab.
  await page.getByRole('tab', { name: 'Invoices' }).click();
  await expect(page.getByRole('table', { name: 'Customer invoices' })).toContainText('No invoices');
  await page.getByRole('button', { name: 'New invoice' }).click();
  await expect(page.getByRole('heading', { name: 'New invoice' })).toBeVisible();
  const editor = page.getByRole('form', { name: 'Invoice editor' });
  await expect(editor.getByRole('combobox', { name: 'Customer' })).toHaveValue(new RegExp(CUSTOMER.name));
  await editor.getByRole('textbox', { name: 'Line 1 description' }).fill('Stretch film, 500 mm');
  await editor.getByRole('textbox', { name: 'Line 1 quantity' }).fill('2');
  await editor.getByRole('textbox', { name: 'Line 1 unit price' }).fill('1OO');
  await editor.getByRole('button', { name: 'Add line' }).click();
  await editor.getByRole('textbox', { name: 'Line 2 description' }).fill('Delivery');
  await editor.getByRole('textbox', { name: 'Line 2 unit price' }).fill('50');

  // A mistyped price is refused, with the message next to its cell, and nothing is created.
  await editor.getByRole('button', { name: 'Create draft' }).click();
  const priceCell = editor.getByRole('textbox', { name: 'Line 1 unit price' });
  await expect(priceCell).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByText(/must be a decimal number/i)).toBeVisible();
  await priceCell.fill('100');
  await editor.getByRole('button', { name: 'Create draft' }).click();

  // The draft: the server's totals (2 × 100 + 50, VAT 20%).
  await expect(page.getByRole('heading', { name: 'Draft invoice' })).toBeVisible();
  const totals = page.getByLabel('Totals');
  await expect(totals).toContainText('Net total€250.00');
  await expect(totals).toContainText('Tax total€50.00');
  await expect(totals).toContainText('Gross total€300.00');

  // Issue it: it gets its number.
  await page.getByRole('button', { name: 'Issue', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Issue invoice' });
  await confirm.getByRole('button', { name: 'Issue' }).click();
  const heading = page.getByRole('heading', { name: /^Invoice INV-\d{4}-\d{6}$/ });
  await expect(heading).toBeVisible();
  const number = ((await heading.textContent()) ?? '').replace('Invoice ', '');
  await expect(page.getByText('Unpaid')).toBeVisible();
  await expect(page.getByTestId('pdf-preview').locator('canvas')).toHaveCount(1);

  // A partial payment, pre-filled from the invoice (amount, customer, RF reference) and allocated to it.
  await page.getByRole('button', { name: 'Record payment' }).click();
  let payment = page.getByRole('dialog', { name: 'Record payment' });
  await expect(payment.getByRole('textbox', { name: 'Amount' })).toHaveValue('300.00');
  await expect(payment.getByRole('textbox', { name: 'Reference', exact: true })).toHaveValue(/^RF\d\d/);
  await payment.getByRole('textbox', { name: 'Amount' }).fill('120');
  await payment.getByRole('textbox', { name: 'Payer name' }).fill(CUSTOMER.name);
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment).toBeHidden();
  await expect(page.getByText('Partially paid')).toBeVisible();
  await expect(page.getByLabel('Totals')).toContainText('Open amount€180.00');

  // The aging report shows what is left open for this customer.
  await openAging(page);
  const row = page
    .getByRole('table', { name: /^Aging by customer/ })
    .getByRole('row')
    .filter({ hasText: CUSTOMER.name });
  await expect(row).toContainText('€180.00');

  // Drill down from the cell to the invoice, and record the final payment there.
  await row.getByRole('button', { name: `${CUSTOMER.name} total: €180.00` }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(CUSTOMER.name) });
  await drawer.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { name: `Invoice ${number}` })).toBeVisible();
  await page.getByRole('button', { name: 'Record payment' }).click();
  payment = page.getByRole('dialog', { name: 'Record payment' });
  await expect(payment.getByRole('textbox', { name: 'Amount' })).toHaveValue('180.00');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment).toBeHidden();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Totals')).toContainText('Open amount€0.00');

  // Nothing of this customer is open any more.
  await openAging(page);
  await expect(
    page.getByText('Open amount by bucket').or(page.getByText('Nothing open')).first(),
  ).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: CUSTOMER.name })).toHaveCount(0);

  // Both payments are in the customer's ledger, down to a zero balance.
  await page.goto('/receivables/customers');
  await page.getByRole('link', { name: CUSTOMER.name }).click();
  await page.getByRole('tab', { name: 'Ledger' }).click();
  const ledger = page.getByRole('table', { name: 'Ledger' });
  await expect(ledger.getByRole('row')).toHaveCount(4);
  await expect(ledger.getByRole('row').last()).toContainText('€0.00');
});
