/** One message for unknown email and wrong password alike, so it reveals nothing. */
export const INVALID_LOGIN_MESSAGE = 'That email and password do not match. Check them and try again.';
export const DISABLED_LOGIN_MESSAGE = 'This account is disabled. Ask your HQ administrator to enable it.';
