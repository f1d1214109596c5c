import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

const CLERK = { email: 'finance.clerk@example.com', name: 'Fiona Clerk' };

test('admin adds a finance user and finds user.created in the audit trail', async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole('heading', { name: 'Worklist' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByText('Settings', { exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: 'admin@example.com', exact: true }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(CLERK.email);
  await dialog.getByRole('textbox', { name: 'Name' }).fill(CLERK.name);
  await dialog.getByRole('combobox', { name: 'Roles' }).click();
  await page.getByRole('option', { name: /\(finance\)/ }).click();
  await page.keyboard.press('Escape');

  const created = page.waitForResponse(
    (res) => res.url().endsWith('/api/users') && res.request().method() === 'POST',
  );
  await dialog.getByRole('button', { name: 'Add user' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { user: { id: string }; initialPassword?: string };

  if (body.initialPassword) {
    const shown = page.getByRole('dialog', { name: 'User added' });
    await expect(shown.getByText(body.initialPassword)).toBeVisible();
    await shown.getByRole('button', { name: 'Done' }).click();
  }
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: CLERK.email });
  await expect(row).toBeVisible();
  await expect(row).toContainText(CLERK.name);
  await expect(row).toContainText('finance');

  await nav.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Action' }).fill('user.created');
  await page.getByRole('textbox', { name: 'Entity id' }).fill(body.user.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();

  const audit = page.getByRole('table', { name: 'Audit trail' });
  const entry = audit.getByRole('row').filter({ hasText: 'user.created' }).filter({ hasText: body.user.id });
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: /Show changes/ }).click();
  await expect(audit.getByLabel('After')).toContainText(CLERK.email);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
});
