/**
 * Post-login (and post-sign-out) destinations: only paths on the app's own origin, so a link like
 * `/login?callbackUrl=…` can never send a user to another host (an open redirect).
 *
 * A string check is not enough: browsers and URL parsers normalise "/./", "/../" and "%2e"
 * segments, drop tabs and newlines and read "\" as "/", so "/.//evil.example" or "/\t/evil.example"
 * can become "//evil.example" — a protocol-relative URL, i.e. another host. So the value is parsed
 * as a URL against the app's origin the way a browser would, and the *normalised* path is what is
 * checked and returned.
 */

/** Stands for the app's own origin while parsing: only the path of the result is ever used. */
const APP_ORIGIN = 'http://cardstock.invalid';

const MAX_LENGTH = 2048;

/**
 * The normalised `path?query#hash` of `value` when it is a path on the app's own origin, else null.
 * Refused: anything not starting with one "/", control characters (tabs, newlines), backslashes,
 * a normalised path starting with "//", and percent-encoded slashes, backslashes or control
 * characters in the path (a proxy or server that decodes them could make "//" again).
 */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!value.startsWith('/')) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, APP_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== APP_ORIGIN) return null;
  const path = url.pathname;
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  if (/%(2f|5c|[01][0-9a-f]|7f)/i.test(path)) return null;
  return `${path}${url.search}${url.hash}`;
}

/** A post-login destination: a same-origin path (see sameOriginPath), and not the login page or an API URL. */
export function safeCallbackPath(value: unknown): string | null {
  const path = sameOriginPath(value);
  if (!path) return null;
  const pathname = path.split(/[?#]/, 1)[0]!.toLowerCase();
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  if (under('/login') || under('/api')) return null;
  return path;
}

/**
 * next-auth's `redirect` callback (every sign-in and sign-out redirect passes it): the URL when it
 * is on the app's origin — normalised, as above — otherwise the app's root. next-auth's default
 * accepts any string starting with "/", "/.//evil.example" included.
 */
export function authRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = new URL(baseUrl);
  let candidate = url;
  if (!url.startsWith('/')) {
    let absolute: URL;
    try {
      absolute = new URL(url);
    } catch {
      return base.origin;
    }
    if (absolute.origin !== base.origin) return base.origin;
    candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  }
  const path = sameOriginPath(candidate);
  return path ? `${base.origin}${path}` : base.origin;
}
