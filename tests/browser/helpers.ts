import { expect, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@example.com', password: 'Admin-Password-123' } as const;

/** Fills and submits the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAsAdmin(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in/);
  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('button', { name: /Signed in as/ })).toBeVisible();
}
