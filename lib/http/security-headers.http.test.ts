/** Security headers on pages, API JSON and static files, over HTTP against `next start`. */
import { describe, expect, it } from 'vitest';
import { apiFetch } from '@/lib/testing/http-client';

function expectCommonHeaders(headers: Headers, what: string) {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('referrer-policy'), what).toBe('same-origin');
  expect(headers.get('permissions-policy'), what).toMatch(/(^|, )camera=\(\)/);
  expect(headers.get('permissions-policy'), what).toMatch(/(^|, )geolocation=\(\)/);
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
}

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/, 1)[0]!, d.slice(d.indexOf(' ') + 1)] as [string, string]),
  );
}

describe('pages', () => {
  it('have a nonce-based Content-Security-Policy, and every script carries the nonce', async () => {
    const response = await apiFetch('/login');
    expect(response.status).toBe(200);
    expectCommonHeaders(response.headers, '/login');
    const csp = directives(response.headers.get('content-security-policy'));
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get('script-src') ?? '')?.[1];
    expect(nonce, csp.get('script-src')).toBeTruthy();
    expect(csp.get('script-src')).toContain("'strict-dynamic'");
    expect(csp.get('script-src')).not.toContain('unsafe-inline');
    expect(csp.get('script-src')).not.toContain('unsafe-eval');
    expect(csp.get('style-src')).not.toContain('unsafe-inline');
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(csp.get('form-action')).toBe("'self'");
    // Plain http: no upgrade of subresources (they would fail).
    expect(csp.has('upgrade-insecure-requests')).toBe(false);

    const scripts = [...response.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await apiFetch('/login');
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('get HSTS (and upgrade-insecure-requests) only when the request came over https', async () => {
    expect((await apiFetch('/login')).headers.get('strict-transport-security')).toBeNull();
    for (const proto of ['https', 'HTTPS']) {
      const response = await apiFetch('/login', { headers: { 'x-forwarded-proto': proto } });
      expect(response.headers.get('strict-transport-security'), proto).toMatch(/^max-age=31536000; includeSubDomains$/);
      expect(response.headers.get('content-security-policy'), proto).toContain('upgrade-insecure-requests');
    }
    expect((await apiFetch('/login', { headers: { 'x-forwarded-proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
  });

  it('a list in X-Forwarded-Proto / -Host (proxies append; clients can send one) is read by its first entry, not a 500', async () => {
    for (const path of ['/login', '/hq', '/store']) {
      const response = await apiFetch(path, { headers: { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': '127.0.0.1, evil.example' } });
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('strict-transport-security'), path).toMatch(/^max-age=/);
      expect(response.headers.get('location') ?? '', path).not.toContain('evil.example');
    }
  });

  it('redirects carry the headers too', async () => {
    const response = await apiFetch('/hq', { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.status).toBe(307);
    expectCommonHeaders(response.headers, 'redirect');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
  });
});

describe('API JSON and static files', () => {
  it.each([
    ['GET', '/api/auth/session'],
    ['POST', '/v1/accounts/T12345678/auth/token'],
    ['GET', '/v1/accounts/T12345678/wallets/cards'],
    ['GET', '/api/v1/openapi.json'],
  ])('%s %s gets the same headers and a CSP that allows nothing', async (method, path) => {
    const response = await apiFetch(path, { method, headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('content-type')).toMatch(/json/);
    expectCommonHeaders(response.headers, path);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });

  it('static assets get nosniff and the other fixed headers', async () => {
    const page = await apiFetch('/login');
    const asset = /(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/.exec(page.text)?.[1];
    expect(asset).toBeTruthy();
    const response = await apiFetch(asset!);
    expect(response.status).toBe(200);
    expectCommonHeaders(response.headers, asset!);
  });
});
