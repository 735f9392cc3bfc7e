/**
 * Fixed keys for tests only (never used outside test runs). One place, so vitest projects, the
 * HTTP test server and the tests themselves all derive the same keys.
 */

/** CARDSTOCK_SECRETS_KEY in tests: 32 bytes, base64. */
export const TEST_SECRETS_KEY = '13IyL13vQFeAKWuf00hLGx5M7IeMmjK/4QfuBrNwj20=';

/** AUTH_SECRET of the HTTP test server (at least 32 characters). */
export const TEST_AUTH_SECRET = 'http-tests-only-auth-secret-http-tests-only';
