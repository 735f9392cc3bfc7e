import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD, signIn, signInAndLand } from './fixtures/auth';
import { e2eDb } from './fixtures/db';

const HQ_URLS = ['/hq', '/hq/print-runs', '/hq/cards', '/hq/stores', '/hq/users', '/hq/api-clients'];
const STORE_URLS = ['/store', '/store/balance'];

test.describe('demo users sign in and see their own area', () => {
  const cases = [
    { email: 'admin@demo.test', role: 'HQ admin', landing: /\/hq$/, place: 'Demo Retail' },
    { email: 'staff@demo.test', role: 'HQ staff', landing: /\/hq$/, place: 'Demo Retail' },
    { email: 'oslo@demo.test', role: 'Store clerk', landing: /\/store$/, place: 'Oslo Downtown' },
    { email: 'bergen@demo.test', role: 'Store clerk', landing: /\/store$/, place: 'Bergen Harbour' },
  ];
  for (const c of cases) {
    test(`${c.email} lands on their area with their name, role and place shown`, async ({ page }) => {
      await signInAndLand(page, c.email, c.landing);
      const who = page.getByTestId('signed-in-user');
      await expect(who).toContainText(c.email);
      await expect(who).toContainText(c.role);
      await expect(who).toContainText(c.place);
      const session = await (await page.request.get('/api/auth/session')).json();
      expect(session.user).toMatchObject({ email: c.email, accountId: 'T12345678' });
      expect(session.user.role).toBe({ 'HQ admin': 'HQ_ADMIN', 'HQ staff': 'HQ_STAFF', 'Store clerk': 'CLERK' }[c.role]);
      if (c.role === 'Store clerk') expect(session.user.storeId).toEqual(expect.any(String));
      else expect(session.user.storeId).toBeNull();
    });
  }

  test('signing out ends the session', async ({ page }) => {
    await signInAndLand(page, 'staff@demo.test', /\/hq$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/hq');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhq/);
  });

  test('a session cookie that comes back after sign-out is refused', async ({ page, context }) => {
    await signInAndLand(page, 'staff@demo.test', /\/hq$/);
    const cookiesBefore = await context.cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    // What a request in flight during sign-out can do: set the old, still-signed cookie again.
    await context.addCookies(cookiesBefore);
    await page.goto('/hq');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhq/);
  });
});

test.describe('access is refused outside a user’s role', () => {
  test('a clerk opening any HQ URL is refused', async ({ page }) => {
    await signInAndLand(page, 'oslo@demo.test', /\/store$/);
    for (const url of HQ_URLS) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/denied$/);
      await expect(page.getByRole('heading', { name: 'You do not have access to that page' })).toBeVisible();
    }
  });

  test('HQ staff are refused the admin-only pages', async ({ page }) => {
    await signInAndLand(page, 'staff@demo.test', /\/hq$/);
    for (const url of ['/hq/users', '/hq/api-clients']) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/denied$/);
    }
    await page.goto('/hq/stores');
    await expect(page.getByRole('heading', { name: 'Stores' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create store' })).toHaveCount(0);
  });

  test('a signed-out visitor opening any app URL is sent to the login page', async ({ page }) => {
    for (const url of [...HQ_URLS, ...STORE_URLS, '/']) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/login/);
    }
  });

  test('a signed-out visitor gets no data from a server action', async ({ request }) => {
    // Posting straight to a page with a forged action id must not run anything or leak data.
    const response = await request.post('/hq/users', {
      headers: { 'Next-Action': 'ffffffffffffffffffffffffffffffffffffffff' },
      data: 'x',
      maxRedirects: 0,
    });
    expect(response.status()).not.toBe(200);
  });
});

test.describe('sign-in errors', () => {
  test('a wrong password and an unknown email give the same clear message', async ({ page }) => {
    await signIn(page, 'admin@demo.test', 'not-the-password');
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toHaveText('That email and password do not match. Check them and try again.');
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, 'nobody@demo.test', 'not-the-password');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match. Check them and try again.');
  });

  test('a disabled user cannot sign in', async ({ page }) => {
    const db = await e2eDb();
    const account = await db.account.findUniqueOrThrow({ where: { id: 'T12345678' } });
    const email = `disabled-${randomBytes(4).toString('hex')}@demo.test`;
    await db.user.create({
      data: { accountId: account.id, email, role: 'HQ_STAFF', isDisabled: true, passwordHash: await hashPassword(DEMO_PASSWORD) },
    });
    await signIn(page, email);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('This account is disabled');
    await page.goto('/hq');
    await expect(page).toHaveURL(/\/login/);
  });

  test('after ten failed sign-ins the email is locked, even for the right password', async ({ page, request }) => {
    const db = await e2eDb();
    const email = `locked-${randomBytes(4).toString('hex')}@demo.test`;
    await db.user.create({ data: { accountId: 'T12345678', email, role: 'HQ_STAFF', passwordHash: await hashPassword(DEMO_PASSWORD) } });
    for (let i = 0; i < 10; i++) {
      const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
      // Guesses from ten different addresses: the email lock does not depend on the address.
      await request.post('/api/auth/callback/credentials', {
        form: { csrfToken, email, password: `guess-${i}` },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      });
    }
    await signIn(page, email);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many failed sign-ins');
    await page.goto('/hq');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the plain next-auth credentials endpoint works for scripts', async ({ request }) => {
    const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
    const response = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: 'admin@demo.test', password: DEMO_PASSWORD },
    });
    expect(response.ok()).toBe(true);
    const session = await (await request.get('/api/auth/session')).json();
    expect(session.user).toMatchObject({ email: 'admin@demo.test', role: 'HQ_ADMIN', accountId: 'T12345678' });
  });
});

test('the session cookie lasts for the idle timeout and is renewed by activity', async ({ page, context }) => {
  await signInAndLand(page, 'oslo@demo.test', /\/store$/);
  const sessionCookie = async () => (await context.cookies()).find((c) => c.name === 'authjs.session-token');
  const first = await sessionCookie();
  const now = Date.now() / 1000;
  // Default AUTH_IDLE_TIMEOUT_MINUTES = 30.
  expect(first?.expires).toBeGreaterThan(now + 29 * 60);
  expect(first?.expires).toBeLessThan(now + 31 * 60);
  expect(first?.httpOnly).toBe(true);
  await page.waitForTimeout(1500);
  await page.goto('/store/balance');
  const renewed = await sessionCookie();
  expect(renewed!.expires).toBeGreaterThan(first!.expires);
});

test.describe('callback URLs cannot lead off the app', () => {
  for (const evil of ['/.//evil.example/x', '/%2e//evil.example/x', '/\\evil.example/x']) {
    test(`signing in from /login?callbackUrl=${evil} lands on the app`, async ({ page, context }) => {
      // Nothing may leave this machine: record and refuse any request to another host.
      const offSite: string[] = [];
      await context.route(
        (url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
        (route) => {
          offSite.push(route.request().url());
          return route.abort();
        },
      );
      await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
      await page.getByLabel('Email').fill('admin@demo.test');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/hq$/);
      expect(offSite).toEqual([]);
    });
  }
});

test.describe('Content-Security-Policy in the browser', () => {
  /** CSP (and other policy) complaints and uncaught errors that the browser reports. */
  function watch(page: import('@playwright/test').Page) {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    return problems;
  }
  /** Next's scripts ran: the inline flight-data scripts and the app bundle (both need the nonce). */
  async function expectScriptsRan(page: import('@playwright/test').Page) {
    expect(await page.evaluate(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
    expect(await page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe('string');
  }

  test('HQ pages load and run their scripts with no violation', async ({ page }) => {
    const problems = watch(page);
    await page.goto('/login');
    await expectScriptsRan(page);
    await signInAndLand(page, 'admin@demo.test', /\/hq$/);
    for (const url of HQ_URLS) {
      await page.goto(url);
      await expect(page.getByRole('heading').first(), url).toBeVisible();
      await expectScriptsRan(page);
    }
    // Client-side navigation (a link click) works too.
    await page.goto('/hq');
    await page.getByRole('link', { name: 'Stores' }).first().click();
    await expect(page).toHaveURL(/\/hq\/stores$/);
    expect(problems).toEqual([]);
  });

  test('store pages load and run their scripts with no violation', async ({ page }) => {
    const problems = watch(page);
    await signInAndLand(page, 'oslo@demo.test', /\/store$/);
    for (const url of STORE_URLS) {
      await page.goto(url);
      await expect(page.getByRole('heading').first(), url).toBeVisible();
      await expectScriptsRan(page);
    }
    await page.goto('/denied');
    await page.goto('/no-such-page');
    expect(problems).toEqual([]);
  });
});
