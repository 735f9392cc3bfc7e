import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

const unique = () => randomBytes(3).toString('hex');

test.describe('HQ admin manages stores and users', () => {
  test.beforeEach(async ({ page }) => {
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
  });

  test('creates a store, with field errors for bad input', async ({ page }) => {
    await page.goto('/hq/stores');
    await page.getByRole('button', { name: 'Create store' }).click();
    await expect(page.getByText('Use at least 2 characters')).toBeVisible();
    await expect(page.getByLabel('Store name')).toHaveAttribute('aria-invalid', 'true');

    const name = `Tromsø ${unique()}`;
    await page.getByLabel('Store name').fill(name);
    await page.getByLabel('Currency').selectOption('NOK');
    await page.getByRole('button', { name: 'Create store' }).click();
    await expect(page.getByRole('status')).toHaveText(`Store “${name}” created.`);
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();

    await page.getByLabel('Store name').fill(name);
    await page.getByRole('button', { name: 'Create store' }).click();
    await expect(page.getByText('A store with that name already exists').first()).toBeVisible();
    await expect(page.getByLabel('Store name')).toHaveValue(name);
  });

  test('creates a clerk for a store who can then sign in to that store only', async ({ page, browser }) => {
    const storeName = `Stavanger ${unique()}`;
    await page.goto('/hq/stores');
    await page.getByLabel('Store name').fill(storeName);
    await page.getByRole('button', { name: 'Create store' }).click();
    await expect(page.getByRole('status')).toContainText('created');

    await page.goto('/hq/users');
    const email = `clerk-${unique()}@demo.test`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role').selectOption('CLERK');
    await page.getByLabel('Store', { exact: true }).selectOption({ label: storeName });
    await page.getByLabel('Initial password').fill('a-good-long-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('status')).toHaveText(`User ${email} created.`);
    await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();

    const clerk = await browser.newPage();
    await signIn(clerk, email, 'a-good-long-password');
    await expect(clerk).toHaveURL(/\/store$/);
    await expect(clerk.getByTestId('signed-in-user')).toContainText(storeName);
    await clerk.close();
  });

  test('shows every field error at once and keeps the values', async ({ page }) => {
    await page.goto('/hq/users');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Role').selectOption('CLERK');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(page.getByText('A clerk must belong to a store')).toBeVisible();
    await expect(page.getByText('Use at least 12 characters')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
    await expect(page.getByLabel('Initial password')).toHaveValue('');
  });

  test('disables a signed-in clerk, who is locked out at once, and moves a clerk to another store', async ({ page, browser }) => {
    const email = `clerk-${unique()}@demo.test`;
    await page.goto('/hq/users');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Store', { exact: true }).selectOption({ label: 'Oslo Downtown' });
    await page.getByLabel('Initial password').fill('a-good-long-password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('status')).toContainText('created');

    const clerk = await browser.newPage();
    await signIn(clerk, email, 'a-good-long-password');
    await expect(clerk.getByTestId('signed-in-user')).toContainText('Oslo Downtown');

    const row = page.getByTestId(`user-row-${email}`);
    await row.getByLabel(`Store for ${email}`).selectOption({ label: 'Bergen Harbour' });
    await row.getByRole('button', { name: 'Assign' }).click();
    // Wait for the action to land before looking from the clerk's side.
    const db = await e2eDb();
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { email }, include: { store: true } })).store?.name).toBe('Bergen Harbour');
    await clerk.reload();
    await expect(clerk.getByTestId('signed-in-user')).toContainText('Bergen Harbour');

    await row.getByRole('button', { name: `Disable ${email}` }).click();
    await expect(row.getByText('Disabled')).toBeVisible();
    await clerk.reload();
    await expect(clerk).toHaveURL(/\/login/);
    await clerk.close();
  });

  test('the forms work from the keyboard alone', async ({ page }) => {
    await page.goto('/hq/stores');
    await page.getByLabel('Store name').focus();
    const name = `Keyboard ${unique()}`;
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText(`Store “${name}” created.`);
  });
});
