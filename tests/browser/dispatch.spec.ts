import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './helpers.js';

const SKU = 'CUP-300-WHT';
const NAME = 'Stoneware cup 300 ml, white';

test('create a warehouse and a product, receive 10, adjust −3 with a reason, and see the levels and the ledger', async ({
  page,
}) => {
  await signInAsAdmin(page, '/dispatch/stock');
  await expect(page.getByRole('heading', { name: 'Stock' })).toBeVisible();
  await expect(page.getByText('No warehouse yet')).toBeVisible();

  // A warehouse, in the UI.
  await page.getByRole('button', { name: 'New warehouse' }).click();
  const warehouseForm = page.getByRole('dialog', { name: 'New warehouse' });
  await warehouseForm.getByRole('textbox', { name: 'Warehouse code' }).fill('lyon-1');
  await warehouseForm.getByRole('textbox', { name: 'Warehouse name' }).fill('Lyon central');
  await warehouseForm.getByRole('textbox', { name: 'Street and number' }).fill('3 quai Perrache');
  await warehouseForm.getByRole('textbox', { name: 'City' }).fill('Lyon');
  await warehouseForm.getByRole('combobox', { name: 'Country' }).fill('France');
  await page.getByRole('option', { name: 'France (FR)' }).click();
  await warehouseForm.getByRole('button', { name: 'Create warehouse' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByText('No warehouse yet')).toHaveCount(0);

  // A product, in the UI: a bad GTIN is named on its field, then fixed.
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { name: 'Products' })).toBeVisible();
  await page.getByRole('button', { name: 'New product' }).click();
  const productForm = page.getByRole('dialog', { name: 'New product' });
  await productForm.getByRole('textbox', { name: 'SKU' }).fill(SKU);
  await productForm.getByRole('textbox', { name: 'Name' }).fill(NAME);
  await productForm.getByRole('textbox', { name: 'GTIN' }).fill('4006381333932');
  await productForm.getByRole('button', { name: 'Create product' }).click();
  await expect(productForm.getByText(/check digit/i)).toBeVisible();
  await productForm.getByRole('textbox', { name: 'GTIN' }).fill('4006381333931');
  await productForm.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Stock per warehouse' })).toContainText(
    'No stock in any warehouse yet.',
  );

  // Receive 10 units from the product's page.
  await page.getByRole('button', { name: 'Receive' }).click();
  const receive = page.getByRole('dialog', { name: 'Receive stock' });
  await receive.getByRole('combobox', { name: 'Warehouse' }).click();
  await page.getByRole('option', { name: /^LYON-1/ }).click();
  await receive.getByRole('textbox', { name: 'Quantity received' }).fill('10');
  await receive.getByRole('button', { name: 'Receive' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const perWarehouse = page
    .getByRole('table', { name: 'Stock per warehouse' })
    .getByRole('row')
    .filter({ hasText: 'LYON-1' });
  await expect(perWarehouse).toHaveText(/LYON-1\s*10\s*0\s*10/);

  // On the stock page: on hand 10, available 10; adjust −3 from the row, with a reason.
  await nav.getByRole('link', { name: 'Stock' }).click();
  const level = page.getByRole('table', { name: 'Stock levels' }).getByRole('row').filter({ hasText: SKU });
  await expect(level.locator('[data-column="on-hand"]')).toHaveText('10');
  await expect(level.locator('[data-column="reserved"]')).toHaveText('0');
  await expect(level.locator('[data-column="available"]')).toHaveText('10');
  await level.getByRole('button', { name: `Adjust ${SKU} in LYON-1` }).click();
  const adjust = page.getByRole('dialog', { name: 'Adjust stock' });
  await expect(adjust.getByRole('combobox', { name: 'Product' })).toHaveValue(`${SKU} — ${NAME}`);
  await adjust.getByRole('textbox', { name: 'Change in on hand' }).fill('-3');
  await adjust.getByRole('textbox', { name: 'Reason' }).fill('Damaged in transit');
  await expect(adjust.getByRole('switch', { name: /Override/ })).not.toBeChecked();
  await adjust.getByRole('button', { name: 'Adjust' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(level.locator('[data-column="on-hand"]')).toHaveText('7');
  await expect(level.locator('[data-column="available"]')).toHaveText('7');

  // The ledger: the adjustment (newest) above the receipt.
  await page.getByRole('tab', { name: 'Movements' }).click();
  const movements = page.getByRole('table', { name: 'Stock movements' }).getByRole('row');
  await expect(movements).toHaveCount(3);
  await expect(movements.nth(1)).toContainText('adjustment');
  await expect(movements.nth(1)).toContainText('−3');
  await expect(movements.nth(1)).toContainText('Damaged in transit');
  await expect(movements.nth(2)).toContainText('receipt');
  await expect(movements.nth(2)).toContainText('+10');
  await expect(movements.nth(2)).toContainText(SKU);
});
