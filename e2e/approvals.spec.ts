import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

/** A fresh account with two HQ admins, so the low threshold set here touches no other test. */
async function seedTwoAdmins() {
  const db = await e2eDb();
  const tag = randomBytes(3).toString('hex');
  const account = await db.account.create({
    data: { id: `T${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, name: `Four eyes ${tag}`, defaultCurrency: 'NOK' },
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = async (name: string) =>
    (await db.user.create({ data: { accountId: account.id, email: `${name}-${tag}@demo.test`, name, role: 'HQ_ADMIN', passwordHash } })).email;
  return { a: await admin('alice'), b: await admin('bob') };
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndLand(page, email, /\/hq$/);
  return page;
}

test.describe('dual control (four-eyes)', () => {
  test.setTimeout(90_000);

  test('admin A orders a run above the threshold, cannot download; admin B approves; A downloads. Nobody approves their own request', async ({ browser }) => {
    const { a, b } = await seedTwoAdmins();
    const alice = await signedIn(browser, a);

    // A stricter threshold applies at once.
    await alice.goto('/hq/settings');
    await alice.getByLabel('Print-file release: approval above this many cards').fill('2');
    await alice.getByRole('button', { name: 'Save dual-control settings' }).click();
    await expect(alice.getByText('Dual-control settings saved.')).toBeVisible();

    // A orders a run of 3 cards.
    await alice.goto('/hq/print-runs/new');
    await alice.getByLabel('Quantity').fill('3');
    await alice.getByLabel('Prefix', { exact: true }).fill(`FE${randomBytes(2).toString('hex').toUpperCase()}-`);
    await alice.getByLabel('Start number').fill('1');
    await alice.getByLabel('Digits').fill('6');
    await alice.getByRole('button', { name: 'Order print run' }).click();
    await expect(alice).toHaveURL(/\/hq\/print-runs\/[0-9a-f-]{36}$/);
    await alice.getByRole('link', { name: 'Release print file' }).click({ timeout: 30_000 });
    await expect(alice).toHaveURL(/\/release$/);
    const releaseUrl = alice.url();

    // No download for A: not offered, and refused by the server.
    await expect(alice.getByTestId('dual-control')).toContainText('more than 2 cards');
    await expect(alice.getByRole('button', { name: /Download print file/ })).toHaveCount(0);
    const refused = await alice.request.post(`${releaseUrl}/print-file`, {
      form: { password: DEMO_PASSWORD, format: 'csv' },
      headers: { origin: new URL(releaseUrl).origin, accept: 'application/json' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(409);

    // A asks; A's own request shows as waiting, with nothing for A to approve.
    await alice.getByLabel('Reason').fill('Nordic Card Print needs the file today');
    await alice.getByRole('button', { name: 'Ask another admin to approve' }).click();
    await expect(alice.getByTestId('dual-control')).toContainText(`Waiting for another admin's approval (asked by ${a})`);
    await alice.goto('/hq/approvals');
    await expect(alice.getByTestId('approvals-waiting').locator('li')).toHaveCount(0);
    await expect(alice.getByTestId('approvals-mine')).toContainText('Nordic Card Print needs the file today');
    await expect(alice.getByTestId('approvals-mine')).toContainText('Waiting');
    await expect(alice.getByRole('button', { name: 'Approve' })).toHaveCount(0);

    // B approves.
    const bob = await signedIn(browser, b);
    await bob.goto('/hq/approvals');
    const request = bob.getByTestId('approvals-waiting').locator('li');
    await expect(request).toHaveCount(1);
    await expect(request).toContainText(`Asked by ${a}`);
    await request.getByLabel('Your reason').fill('PO checked');
    await request.getByRole('button', { name: 'Approve' }).click();
    // Decided, it leaves the list for the one of decisions.
    await expect(bob.getByText('Nothing is waiting for your approval.')).toBeVisible();
    await expect(bob.getByTestId('approvals-decided')).toContainText('PO checked');
    await expect(bob.getByTestId('approvals-decided')).toContainText('Approved');
    // The approver cannot download.
    await bob.goto(releaseUrl);
    await expect(bob.getByTestId('dual-control')).toContainText('another admin must download');
    await expect(bob.getByRole('button', { name: /Download print file/ })).toHaveCount(0);

    // A downloads and the release is confirmed.
    await alice.goto(releaseUrl);
    await expect(alice.getByTestId('dual-control')).toContainText(`Release approved by ${b}`);
    await alice.getByLabel('Your password').fill(DEMO_PASSWORD);
    const downloadPromise = alice.waitForEvent('download');
    await alice.getByRole('button', { name: 'Download print file (CSV)' }).click();
    await downloadPromise;
    await expect(alice.getByRole('status').filter({ hasText: `Released by ${a}` })).toBeVisible();
    await alice.goto('/hq/approvals');
    await expect(alice.getByTestId('approvals-mine')).toContainText('Done');

    // B loosens the settings: that waits for approval, and B cannot approve it; A can.
    await bob.goto('/hq/settings');
    await bob.getByLabel('Print-file release: approval above this many cards').fill('5000');
    await bob.getByLabel('Reason (needed when the change loosens a rule)').fill('Back to normal runs');
    await bob.getByRole('button', { name: 'Save dual-control settings' }).click();
    await expect(bob.getByText('waits for another HQ admin')).toBeVisible();
    await bob.goto('/hq/approvals');
    await expect(bob.getByTestId('approvals-waiting').locator('li')).toHaveCount(0);
    await expect(bob.getByTestId('approvals-mine')).toContainText('Back to normal runs');
    await expect(bob.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await alice.goto('/hq/approvals');
    await expect(alice.getByTestId('approvals-waiting').locator('li')).toContainText('Back to normal runs');
    await expect(alice.getByRole('button', { name: 'Approve' })).toHaveCount(1);
  });
});
