import { describe, expect, it } from 'vitest';
import { createNonce, isHttpsRequest, pageContentSecurityPolicy } from './security-headers';

describe('page Content-Security-Policy', () => {
  it('allows scripts and styles only with the nonce in production', () => {
    const csp = pageContentSecurityPolicy('abc123');
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('adds what React needs in development, and upgrade-insecure-requests over https', () => {
    expect(pageContentSecurityPolicy('n', { dev: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(pageContentSecurityPolicy('n', { https: true })).toContain('upgrade-insecure-requests');
  });

  it('uses a fresh, unguessable nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('isHttpsRequest', () => {
  const http = new URL('http://cardstock.example/hq');
  it.each([
    [null, false],
    ['http', false],
    ['https', true],
    ['HTTPS', true],
    ['https, http', true],
    ['http, https', false],
  ])('X-Forwarded-Proto %j → %s', (proto, expected) => {
    expect(isHttpsRequest(http, proto)).toBe(expected);
  });
  it('a direct https request', () => {
    expect(isHttpsRequest(new URL('https://cardstock.example/'), null)).toBe(true);
  });
});
