import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

const CUSTOMER = {
  name: 'Acme Widgets SARL',
  street: '12 rue des Lilas',
  city: 'Lyon',
  contact: 'Claire Martin',
  email: 'ap@acme-widgets.example',
};

const HEADER =
  'code,legal_name,currency,payment_terms,credit_limit,billing_line1,billing_city,billing_country,contact_name,contact_email';
const BAD_CSV = [
  HEADER,
  'IMP-001,Borealis Trading AB,SEK,net 30,25000,Storgatan 1,Stockholm,SE,Sven Berg,sven@borealis.example',
  'IMP-002,Caldera Foods GmbH,EUR,eom 45,1000.50,Hauptstr. 5,Berlin,ZZ,Lena Vogt,lena@caldera.example',
].join('\n');
const GOOD_CSV = BAD_CSV.replace(',Berlin,ZZ,', ',Berlin,DE,');

test('create a customer with a billing contact, find it, import a CSV with a bad line, fix it and apply', async ({
  page,
}) => {
  await signInAsAdmin(page, '/receivables/customers');
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();

  // Create, with the contact who receives invoices.
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('dialog', { name: 'New customer' });
  await form.getByRole('textbox', { name: 'Legal name' }).fill(CUSTOMER.name);
  await form.getByRole('textbox', { name: 'Billing street and number' }).fill(CUSTOMER.street);
  await form.getByRole('textbox', { name: 'Billing city' }).fill(CUSTOMER.city);
  await form.getByRole('combobox', { name: 'Billing country' }).fill('France');
  await page.getByRole('option', { name: 'France (FR)' }).click();
  await form.getByRole('textbox', { name: 'Contact name' }).fill(CUSTOMER.contact);
  await form.getByRole('textbox', { name: 'Contact email' }).fill(CUSTOMER.email);
  await form.getByRole('textbox', { name: 'Credit limit' }).fill('5000');
  await form.getByRole('button', { name: 'Create customer' }).click();

  // The new customer's page.
  await expect(page.getByRole('heading', { name: CUSTOMER.name })).toBeVisible();
  await expect(page.getByText('Net 30 days')).toBeVisible();
  await page.getByRole('tab', { name: /Contacts/ }).click();
  const contact = page
    .getByRole('table', { name: 'Contacts' })
    .getByRole('row')
    .filter({ hasText: CUSTOMER.email });
  await expect(contact).toContainText(CUSTOMER.contact);
  await expect(contact.getByLabel('Receives invoices')).toBeVisible();

  // Found in the list by search.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('textbox', { name: 'Search' }).fill('acme widg');
  const customers = page.getByRole('table', { name: 'Customers' });
  const row = customers.getByRole('row').filter({ hasText: CUSTOMER.name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('FR');
  await expect(row).toContainText('Net 30 days');
  await expect(row).toContainText('5,000.00');
  await page.getByRole('textbox', { name: 'Search' }).fill('');

  // Import a file with one bad line: the preview names it, and nothing can be applied.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customers from CSV' });
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'customers-bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BAD_CSV),
  });
  await expect(dialog.getByRole('alert').filter({ hasText: 'nothing will be imported' })).toBeVisible();
  await expect(dialog.getByText(/Line 3, billing_country: must be an ISO 3166-1/)).toBeVisible();
  const invalidLine = dialog
    .getByRole('table', { name: 'Import lines' })
    .getByRole('row')
    .filter({ hasText: 'Caldera' });
  await expect(invalidLine).toContainText('Invalid');
  await expect(dialog.getByRole('button', { name: /^Apply/ })).toBeDisabled();

  // The fixed file is valid: apply it.
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'customers-good.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(GOOD_CSV),
  });
  await expect(dialog.getByText('Every line is valid')).toBeVisible();
  await expect(dialog.getByLabel('Import summary')).toContainText('2 new');
  const apply = dialog.getByRole('button', { name: 'Apply: 2 new, 0 updated' });
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(dialog.getByText('Import complete')).toBeVisible();
  await expect(dialog.getByText('2 created, 0 updated, 0 unchanged.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The imported customers are in the list, with their currency's amounts.
  await expect(customers.getByRole('row').filter({ hasText: 'Borealis Trading AB' })).toContainText(
    'IMP-001',
  );
  const caldera = customers.getByRole('row').filter({ hasText: 'Caldera Foods GmbH' });
  await expect(caldera).toContainText('End of month + 45');
  await expect(caldera).toContainText('1,000.50');

  // The export is a real download from the server.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
});
