import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

test.describe('HQ webhooks page', () => {
  test('an admin creates a subscription (secret shown once), sees its delivery log, redelivers and deletes it', async ({ page }) => {
    // The page's clock is Playwright's, so the secret's time on screen can be run forward.
    await page.clock.install();
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    await page.goto('/hq/webhooks');
    // TEST-NET-1 (documentation space): a public address that never answers.
    const url = `https://192.0.2.1/hook-${randomBytes(3).toString('hex')}`;
    await page.getByLabel('Receiver URL').fill(url);
    await page.getByLabel('cardstock_card_blocked').check();
    await page.getByRole('button', { name: 'Create subscription' }).click();
    const secret = page.getByTestId('webhook-secret');
    await expect(secret).toHaveText(/^[0-9a-f]{64}$/);
    const value = await secret.textContent();
    await expect(page.getByText('Hidden from this page in 120 seconds.')).toBeVisible();
    // Nobody hid it: it leaves the screen by itself after two minutes.
    await page.clock.runFor(121_000);
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    await expect(page.getByTestId('webhook-secret-hidden')).toBeVisible();
    expect(await page.content()).not.toContain(value!);

    await page.reload();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
    expect(await page.content()).not.toContain(value!);
    const row = page.getByRole('row').filter({ hasText: url });
    await expect(row).toContainText('wallet_transaction cardstock_card_blocked');
    await expect(row).toContainText('Active');

    // The delivery log: the creation ping; a failed delivery can be sent again with the same id.
    await row.getByRole('link', { name: url }).click();
    await expect(page.getByRole('heading', { name: 'Delivery log' })).toBeVisible();
    await expect(page.getByTestId('delivery-log')).toContainText('ping');
    const db = await e2eDb();
    const sub = await db.webhookSubscription.findFirstOrThrow({ where: { url } });
    const failed = await db.webhookDelivery.create({
      data: { subscriptionId: sub.id, event: 'cardstock_card_blocked', body: '{}', status: 'FAILED', attempts: 6, lastStatusCode: 500, lastLatencyMs: 42 },
    });
    await page.reload();
    const failedRow = page.getByTestId('delivery-log').getByRole('row').filter({ hasText: 'cardstock_card_blocked' });
    await expect(failedRow).toContainText('Failed');
    await expect(failedRow).toContainText('42 ms');
    await failedRow.getByRole('button', { name: 'Redeliver' }).click();
    // A new attempt of the same delivery: queued, being sent, or (the receiver refusing at once) already failed again as attempt 7.
    await expect
      .poll(async () => {
        const d = await db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } });
        return d.status !== 'FAILED' || d.attempts === 7;
      })
      .toBe(true);
    expect(await db.webhookDelivery.count({ where: { subscriptionId: sub.id, event: 'cardstock_card_blocked' } })).toBe(1);

    await page.getByRole('link', { name: 'All subscriptions' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: url })
      .getByRole('button', { name: `Delete ${url}` })
      .click();
    await expect(page.getByRole('row').filter({ hasText: url })).toHaveCount(0);
  });
});
