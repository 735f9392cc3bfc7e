import { describe, expect, it } from 'vitest';
import { authRedirect, safeCallbackPath, sameOriginPath } from './safe-redirect';

/** Shapes that browsers or servers can turn into another host ("//host", "https://host", "\\host"). */
const BYPASSES = [
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  '//evil.example/',
  '///evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  // Dot segments: "/./" and "/../" are removed, leaving "//evil.example".
  '/.//evil.example/x',
  '/./\\evil.example',
  '/a/..//evil.example',
  '/hq/../..//evil.example',
  // The same, percent-encoded: URL parsers decode "%2e" in dot segments.
  '/%2e//evil.example',
  '/%2E//evil.example',
  '/%2e%2e//evil.example',
  '/.%2e//evil.example',
  // Encoded slashes and backslashes: a proxy or server that decodes them makes "//" again.
  '/%2f%2fevil.example',
  '/%2F/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/..%2f..%2fevil.example',
  // Tabs, newlines and other control characters are dropped by browsers, literal or encoded.
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0D%0A/evil.example',
  '/\u0000/evil.example',
  '/%00/evil.example',
  // Not a path at all.
  ' /hq',
  'evil.example',
  '',
];

describe('sameOriginPath', () => {
  it.each(BYPASSES)('refuses %j', (input) => {
    expect(sameOriginPath(input)).toBeNull();
  });

  it.each([
    ['/hq/users', '/hq/users'],
    ['/store?x=1', '/store?x=1'],
    ['/store?next=//evil.example#//frag', '/store?next=//evil.example#//frag'],
    ['/hq/./cards', '/hq/cards'],
    ['/hq/print-runs/../cards', '/hq/cards'],
    ['/hq/cards?q=a%2Fb', '/hq/cards?q=a%2Fb'],
    ['/hq/cards/gc%20001', '/hq/cards/gc%20001'],
    ['/', '/'],
  ])('%j → %j (normalised)', (input, expected) => {
    expect(sameOriginPath(input)).toBe(expected);
  });

  it('refuses non-strings and very long values', () => {
    expect(sameOriginPath(undefined)).toBeNull();
    expect(sameOriginPath(42)).toBeNull();
    expect(sameOriginPath(['/hq'])).toBeNull();
    expect(sameOriginPath(`/${'a'.repeat(5000)}`)).toBeNull();
  });

  it('never returns something a browser would read as another host', () => {
    // Whatever comes back, resolving it against the app's origin stays on the app's origin.
    const origin = 'https://cardstock.example';
    for (const input of [...BYPASSES, '/hq', '/./hq', '/%2e/hq']) {
      const path = sameOriginPath(input);
      if (path !== null) expect(new URL(path, origin).origin, input).toBe(origin);
    }
  });
});

describe('safeCallbackPath', () => {
  it.each([
    ['/hq/users', '/hq/users'],
    ['/store?x=1', '/store?x=1'],
    ['/login', null],
    ['/login?callbackUrl=/hq', null],
    ['/LOGIN', null],
    ['/hq/../login', null],
    ['/%2e%2e/login', null],
    ['/api/auth/signout', null],
    ['/hq/../api/auth/signout', null],
    ['/loginhelp', '/loginhelp'],
    ['/.//evil.example/x', null],
    [undefined, null],
    [42, null],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe('authRedirect (next-auth redirect callback)', () => {
  const baseUrl = 'https://cardstock.example';
  it.each([
    ['/hq', 'https://cardstock.example/hq'],
    ['/login?signedOut=1', 'https://cardstock.example/login?signedOut=1'],
    ['https://cardstock.example/store', 'https://cardstock.example/store'],
    ['https://cardstock.example/.//evil.example/x', 'https://cardstock.example'],
    ['/.//evil.example/x', 'https://cardstock.example'],
    ['//evil.example/', 'https://cardstock.example'],
    ['https://evil.example/hq', 'https://cardstock.example'],
    ['https://cardstock.example.evil.example/hq', 'https://cardstock.example'],
    ['http://cardstock.example/hq', 'https://cardstock.example'],
    ['not a url', 'https://cardstock.example'],
  ])('%j → %j', (url, expected) => {
    expect(authRedirect({ url, baseUrl })).toBe(expected);
  });
});
