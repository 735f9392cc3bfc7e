/**
 * Refusals in the user's language (issue 15): an HQ form's domain error (a store name that is
 * taken, an email already in use) and its field errors (zod's and the schemas' own) read in
 * Norwegian for a user who chose Norwegian and in English for one who chose English — the same
 * action, the same refusal; and so does a refusal of an HQ page's own route (a download). The
 * API's English is covered by the schema and domain tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

const ACCOUNT = 'T12345678';
const TAKEN_STORE = 'Oslo Downtown';

async function newAdmin(locale: 'nb' | 'en'): Promise<string> {
  const db = await e2eDb();
  const email = `i18n-err-${randomBytes(4).toString('hex')}@demo.test`;
  await db.user.create({ data: { accountId: ACCOUNT, email, name: 'Ada Admin', passwordHash: await hashPassword(DEMO_PASSWORD), role: 'HQ_ADMIN', locale } });
  return email;
}

const WORDS = {
  nb: {
    create: 'Opprett butikk',
    taken: 'Navnet er allerede i bruk av en annen butikk',
    tooShort: 'Bruk minst 2 tegn',
    invalid: 'Rett opp de markerte feltene.',
    createUser: 'Opprett bruker',
    emailTaken: 'E-postadressen er allerede i bruk av en annen bruker',
    passwordShort: 'Bruk minst 12 tegn',
    badEmail: 'Skriv inn en gyldig e-postadresse',
    noPrintRun: 'Fant ikke trykkeordren',
    notADate: 'Ikke en gyldig dato',
    atMost255: 'Bruk høyst 255 tegn',
    notReleased: 'Trykkfilen ble ikke frigitt',
    releasePage: 'Tilbake til frigivelsessiden',
  },
  en: {
    create: 'Create store',
    taken: 'A store with that name already exists',
    tooShort: 'Use at least 2 characters',
    invalid: 'Please correct the highlighted fields.',
    createUser: 'Create user',
    emailTaken: 'A user with that email already exists',
    passwordShort: 'Use at least 12 characters',
    badEmail: 'Enter a valid email address',
    noPrintRun: 'Print run not found',
    notADate: 'Not a date',
    atMost255: 'Use at most 255 characters',
    notReleased: 'The print file was not released',
    releasePage: 'Back to the release page',
  },
} as const;

async function createStore(page: Page, name: string, locale: 'nb' | 'en') {
  await page.locator('#name').fill(name);
  await page.getByRole('button', { name: WORDS[locale].create }).click();
}

for (const locale of ['nb', 'en'] as const) {
  test(`an HQ admin who chose ${locale === 'nb' ? 'Norwegian' : 'English'} reads the refusals of HQ forms in it`, async ({ page }) => {
    const words = WORDS[locale];
    const other = WORDS[locale === 'nb' ? 'en' : 'nb'];
    await signInAndLand(page, await newAdmin(locale), /\/hq$/);

    // A domain refusal (the unique name), as the form's message and beside its field.
    await page.goto('/hq/stores');
    await createStore(page, TAKEN_STORE, locale);
    await expect(page.getByRole('alert').filter({ hasText: words.taken })).toBeVisible();
    await expect(page.locator('#name-error')).toHaveText(words.taken);
    await expect(page.getByText(other.taken)).toHaveCount(0);

    // A schema's own message (min length), and the form's summary.
    await createStore(page, 'x', locale);
    await expect(page.locator('#name-error')).toHaveText(words.tooShort);
    await expect(page.getByRole('alert').filter({ hasText: words.invalid })).toBeVisible();

    // Users: a taken email (domain) and a short password / bad email (schema).
    await page.goto('/hq/users');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: words.createUser }) });
    await form.locator('#email').fill('not-an-email');
    await form.locator('#password').fill('short');
    await form.getByRole('button', { name: words.createUser }).click();
    await expect(form.locator('#email-error')).toHaveText(words.badEmail);
    await expect(form.locator('#password-error')).toHaveText(words.passwordShort);

    await form.locator('#email').fill('admin@demo.test');
    await form.locator('#password').fill('a-long-enough-password');
    await form.locator('#role').selectOption('HQ_STAFF');
    await form.getByRole('button', { name: words.createUser }).click();
    await expect(form.locator('#email-error')).toHaveText(words.emailTaken);

    // A page's own query-string filters (the audit log, from a hand-edited address): the
    // schema's message (not a date) and zod's own (too long) in the user's language.
    await page.goto(`/hq/audit?from=2026-02-30&card=${'x'.repeat(256)}`);
    await expect(page.locator('#from-error')).toHaveText(words.notADate);
    await expect(page.locator('#card-error')).toHaveText(words.atMost255);

    // An HQ page's own route (a download) refuses in the user's language too; its code stays.
    const answer = await page.request.get(`/hq/print-runs/${randomUUID()}/cards.csv`);
    expect(answer.status()).toBe(404);
    expect((await answer.json()).error).toMatchObject({ code: 'NOT_FOUND', message: words.noPrintRun });
    // The print file's page for a browser without JavaScript, in the user's language too.
    const release = await page.request.post(`/hq/print-runs/${randomUUID()}/release/print-file`, {
      form: { password: DEMO_PASSWORD },
      headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
      maxRedirects: 0,
    });
    expect(release.status()).toBe(404);
    const html = await release.text();
    expect(html).toContain(`<html lang="${locale}">`);
    for (const text of [words.notReleased, words.noPrintRun, words.releasePage]) expect(html).toContain(text);
    expect(html).not.toContain(other.notReleased);
  });
}
