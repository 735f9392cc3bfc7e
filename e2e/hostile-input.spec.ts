/**
 * Text PostgreSQL cannot store (a NUL character), sent through the web forms' server actions: a
 * field error or the form's message, never the error page, and nothing written.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

test('HQ: a store name with a NUL character is a field error and creates nothing (form action)', async ({ page }) => {
  await signInAndLand(page, 'admin@demo.test', /\/hq$/);
  await page.goto('/hq/stores');
  const name = `Nul ${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Store name').fill(`${name}\u0000x`);
  await page.getByRole('button', { name: 'Create store' }).click();
  await expect(page.getByText('must be valid Unicode text without NUL characters')).toBeVisible();
  await expect(page.getByLabel('Store name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  const db = await e2eDb();
  expect(await db.store.count({ where: { name: { startsWith: name } } })).toBe(0);
});

test('store counter: a scanned code with a NUL character is refused with a message, not the error page (data action)', async ({ page }) => {
  await signInAndLand(page, 'bergen@demo.test', /\/store$/);
  await page.getByLabel('Scan or type the card').fill('GC12\u000034');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
});
