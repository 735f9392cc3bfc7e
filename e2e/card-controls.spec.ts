/**
 * HQ's money controls on the card page in real Chromium: an admin adjusts, refunds part of a
 * drawdown (and cannot refund more than was drawn) and replaces a card; a double submit of the
 * refund and of the replace moves the money once (the form's request_key), proven on the ledger.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

const ACCOUNT = 'T12345678';
const WALLET = `/v1/accounts/${ACCOUNT}/wallets`;
const uid = (p: string) => `${p}-${randomBytes(5).toString('hex')}`;

async function apiToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`/v1/accounts/${ACCOUNT}/auth/token`, {
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    data: { grant_type: 'client_credentials' },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token;
}

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  const response = await request.post(`${WALLET}${path}`, { headers: { authorization: `Bearer ${token}` }, data });
  return { status: response.status(), body: await response.json() };
}

async function newCards(request: APIRequestContext, token: string, ids: string[]) {
  expect((await post(request, token, '/cards/batch', { cards: ids.map((card_id) => ({ card_id, type: 'gift_card' })) })).status).toBe(200);
}

async function ledgerOf(cardId: string) {
  const db = await e2eDb();
  const card = await db.card.findFirstOrThrow({ where: { accountId: ACCOUNT, cardId } });
  const rows = await db.cardTransaction.findMany({ where: { cardPk: card.id }, orderBy: { seq: 'asc' } });
  return { balance: card.balance, blockedReason: card.blockedReason, kinds: rows.map((r) => `${r.kind}:${r.amount}`) };
}

/**
 * Submits a control form twice at once (as a double click would, were the button not disabled)
 * and checks that two server-action requests really went out.
 */
async function doubleSubmit(page: Page, testId: string) {
  let posts = 0;
  const count = (r: { method(): string; headers(): Record<string, string> }) => {
    if (r.method() === 'POST' && r.headers()['next-action']) posts++;
  };
  page.on('request', count);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']));
  await page.getByTestId(testId).evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await answered;
  await expect.poll(() => posts, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  page.off('request', count);
}

async function confirmStep(page: Page, testId: string, submit: string) {
  const form = page.getByTestId(testId);
  await form.getByRole('button', { name: submit, exact: true }).click();
  await expect(form.getByRole('button', { name: 'Confirm', exact: true })).toBeVisible();
}

test('an HQ admin adjusts, refunds and replaces a card from its page; double submits move money once', async ({ browser, request }) => {
  const cardId = uid('e2e-ctl');
  const newCardId = uid('e2e-new');
  const token = await apiToken(request);
  await newCards(request, token, [cardId, newCardId]);
  expect((await post(request, token, `/cards/${cardId}/activate`, { amount: 50_000, currency: 'NOK' })).status).toBe(200);
  const spent = await post(request, token, '/transactions', { ref_id: uid('dd'), amount: 20_000, currency: 'NOK', card_id: cardId });
  expect(spent.status).toBe(200);

  const admin = await (await browser.newContext()).newPage();
  await signInAndLand(admin, 'admin@demo.test', /\/hq$/);
  await admin.goto(`/hq/cards/${cardId}`);
  await admin.waitForLoadState('networkidle');

  // Adjust: +25 kr, with a cause, a note and a confirmation.
  const adjust = admin.getByTestId('control-adjust');
  await adjust.getByLabel('Direction').selectOption('credit');
  await adjust.getByLabel('Amount (NOK)').fill('25');
  await adjust.getByLabel('Cause').selectOption({ label: 'Goodwill' });
  await adjust.getByLabel('Note (why)').fill('Customer waited long');
  await confirmStep(admin, 'control-adjust', 'Adjust…');
  await adjust.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(admin.getByText('The balance is adjusted.')).toBeVisible({ timeout: 15_000 });
  await expect(admin.getByTestId('card-ledger')).toContainText('Adjustment +');
  expect((await ledgerOf(cardId)).balance).toBe(BigInt(32_500));

  // Refund more than was drawn: refused, nothing moves.
  const refund = admin.getByTestId('control-refund');
  await refund.getByLabel('Amount (NOK)').fill('201');
  await refund.getByLabel('Cause').selectOption({ label: 'Charged twice' });
  await refund.getByLabel('Note (why)').fill('Till charged twice');
  await confirmStep(admin, 'control-refund', 'Refund…');
  await refund.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(refund.getByText('The refund is larger than what is left to refund of that drawdown.')).toBeVisible({ timeout: 15_000 });
  expect((await ledgerOf(cardId)).balance).toBe(BigInt(32_500));

  // Refund part of it, submitted twice at once: one REFUND row.
  await refund.getByLabel('Amount (NOK)').fill('50');
  await confirmStep(admin, 'control-refund', 'Refund…');
  await doubleSubmit(admin, 'control-refund');
  await expect(admin.getByText('The refund is on the card.')).toBeVisible({ timeout: 15_000 });
  await admin.reload();
  await expect(admin.getByTestId('card-ledger')).toContainText('Refund');
  let ledger = await ledgerOf(cardId);
  expect(ledger.kinds.filter((k) => k.startsWith('REFUND'))).toEqual(['REFUND:5000']);
  expect(ledger.balance).toBe(BigInt(37_500));

  // Replace onto an inactive card, submitted twice at once: the balance moves once.
  const replace = admin.getByTestId('control-replace');
  await replace.getByLabel('Card id of the new card').fill(newCardId);
  await replace.getByLabel('Cause').selectOption({ label: 'Damaged' });
  await replace.getByLabel('Note (why)').fill('Chip broken');
  await confirmStep(admin, 'control-replace', 'Replace…');
  await doubleSubmit(admin, 'control-replace');
  await expect(admin.getByText(`The balance is on card ${newCardId}; this card is blocked as replaced.`)).toBeVisible({ timeout: 15_000 });
  ledger = await ledgerOf(cardId);
  expect(ledger.kinds.filter((k) => k.startsWith('TRANSFER_OUT'))).toEqual(['TRANSFER_OUT:37500']);
  expect([ledger.balance, ledger.blockedReason]).toEqual([BigInt(0), 'replaced']);
  const target = await ledgerOf(newCardId);
  expect([target.balance, target.kinds]).toEqual([BigInt(37_500), ['TRANSFER_IN:37500']]);
  await admin.reload();
  await expect(admin.getByTestId('card-block')).toContainText('Replaced by another card');

  // The new card works at the API.
  const onNew = await post(request, token, '/transactions', { ref_id: uid('dd'), amount: 1_000, currency: 'NOK', card_id: newCardId });
  expect(onNew.status).toBe(200);
});

test('HQ staff sees no adjust or refund control (admins only), but may replace', async ({ browser, request }) => {
  const cardId = uid('e2e-ctl-staff');
  const token = await apiToken(request);
  await newCards(request, token, [cardId]);
  expect((await post(request, token, `/cards/${cardId}/activate`, { amount: 10_000, currency: 'NOK' })).status).toBe(200);
  const staff = await (await browser.newContext()).newPage();
  await signInAndLand(staff, 'staff@demo.test', /\/hq$/);
  await staff.goto(`/hq/cards/${cardId}`);
  await expect(staff.getByTestId('control-replace')).toBeVisible();
  await expect(staff.getByTestId('control-adjust')).toHaveCount(0);
  await expect(staff.getByTestId('control-refund')).toHaveCount(0);
  await expect(staff.getByTestId('control-deactivate')).toHaveCount(0);
});

test('an HQ admin asks to change the expiry of a whole print run; a second admin approves; every card changes', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ids = Array.from({ length: 30 }, (_, i) => `${uid('e2e-bulk')}-${i}`);
  const token = await apiToken(request);
  await newCards(request, token, ids);
  const db = await e2eDb();
  const second = `second-admin-${randomBytes(3).toString('hex')}@demo.test`;
  await db.user.create({
    data: { accountId: ACCOUNT, email: second, name: 'Second Admin', role: 'HQ_ADMIN', passwordHash: await hashPassword(DEMO_PASSWORD) },
  });
  const note = `Campaign extension ${randomBytes(3).toString('hex')}`;

  const admin = await (await browser.newContext()).newPage();
  await signInAndLand(admin, 'admin@demo.test', /\/hq$/);
  await admin.goto(`/hq/cards/${ids[0]}`);
  await admin.waitForLoadState('networkidle');
  const bulk = admin.getByTestId('control-bulk');
  const day = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  await bulk.getByLabel('New expiry date').fill(day);
  await bulk.getByLabel('Cause').selectOption({ label: 'Goodwill' });
  await bulk.getByLabel('Note (why)').fill(note);
  await bulk.getByRole('button', { name: 'Change expiry of all…', exact: true }).click();
  await bulk.getByRole('button', { name: 'Confirm', exact: true }).click();
  // Four-eyes (bulk expiry changes are guarded by default): nothing changes until approved.
  await expect(admin.getByTestId('bulk-pending')).toContainText('sent to another HQ admin for approval');
  const changed = () => db.card.count({ where: { accountId: ACCOUNT, cardId: { in: ids }, expiresAt: new Date(`${day}T23:59:59.000Z`) } });
  expect(await changed()).toBe(0);

  const approver = await (await browser.newContext()).newPage();
  await signInAndLand(approver, second, /\/hq$/);
  await approver.goto('/hq/approvals');
  const waiting = approver.getByTestId('approvals-waiting').locator('li', { hasText: note });
  await waiting.getByLabel('Your reason').fill('Campaign approved');
  await waiting.getByRole('button', { name: 'Approve' }).click();
  await expect(approver.getByTestId('approvals-decided')).toContainText('Campaign approved');
  // The worker runs the queued job: every card of the run gets the new date.
  await expect.poll(changed, { timeout: 30_000 }).toBe(30);
});
