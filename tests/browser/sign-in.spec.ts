import { expect, test } from '@playwright/test';
import { ADMIN, submitSignIn } from './helpers.js';

test('wrong password shows the server error; sign-in returns to the wanted page; sign out', async ({
  page,
}) => {
  await page.goto('/settings/users');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);

  await submitSignIn(page, ADMIN.email, 'not-the-password');
  const alert = page.getByRole('alert').filter({ hasText: 'Could not sign in' });
  await expect(alert).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();

  await page.getByRole('button', { name: /Signed in as .* · admin/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Change password' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The session is really gone: protected pages send us back to sign-in.
  await page.goto('/settings/audit');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
});
